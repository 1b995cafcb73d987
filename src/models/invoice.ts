import { z } from '@hono/zod-openapi'
import { safeString } from './safe.js'
import { isVatRate, vatRates, type VatRate } from '../core/provider-kit/vat.js'
import { taxIdKind } from '../core/provider-kit/tax-id.js'
import { Address, Money, Timestamp } from './common.js'

export const invoiceStatuses = ['draft', 'issuing', 'issued', 'failed', 'cancelled'] as const
export type InvoiceStatus = (typeof invoiceStatuses)[number]
export const documentTypes = ['e_arsiv', 'e_fatura', 'paper'] as const
export type DocumentType = (typeof documentTypes)[number]
export const scenarios = ['basic', 'commercial'] as const
export type Scenario = (typeof scenarios)[number]

const decimal = (description: string) =>
  safeString().regex(/^\d{1,12}(\.\d{1,2})?$/, 'a decimal string with at most 2 decimals, e.g. "129.90"').openapi({ description })

export const TaxId = z
  .string()
  .trim()
  .refine((value) => taxIdKind(value) !== null, 'a VKN (10 digits) or TCKN (11 digits) with valid check digits')
  .openapi({ example: '1234567808', description: 'VKN (10 digits, companies) or TCKN (11 digits, persons); 11111111111 for an unknown consumer' })

export const Buyer = z
  .object({
    name: safeString().trim().min(1).max(200),
    tax_id: TaxId,
    tax_office: safeString().trim().min(1).max(100).nullable().optional().openapi({ description: 'Vergi dairesi; required by the integrators for a VKN' }),
    email: safeString().email().nullable().optional(),
    address: Address,
  })
  .openapi('InvoiceBuyer')
export type Buyer = z.infer<typeof Buyer>

const vatRate = z
  .number()
  .refine((value): value is VatRate => isVatRate(value), `one of ${vatRates.join(', ')} (KDV rates in force)`)
  .openapi({ example: 20 })

export const InvoiceLineInput = z
  .object({
    description: safeString().trim().min(1).max(300),
    sku: safeString().trim().min(1).max(100).nullable().optional(),
    quantity: z.number().int().positive().max(1_000_000),
    unit_price: decimal('Net unit price, VAT excluded'),
    vat_rate: vatRate,
    discount: decimal('Net discount on the whole line').optional(),
  })
  .openapi('InvoiceLineInput')

export const OrderRef = z
  .object({ connection_id: safeString().min(1).max(64), order_id: safeString().min(1).max(128) })
  .openapi('InvoiceOrderRef')
export type OrderRef = z.infer<typeof OrderRef>

export const CreateInvoiceRequest = z
  .object({
    lines: z.array(InvoiceLineInput).min(1).max(500).optional(),
    from_order: OrderRef.optional().openapi({ description: 'Build the lines from a unified order (VAT-inclusive marketplace prices)' }),
    buyer: Buyer.optional().openapi({ description: 'Required with explicit lines; from an order, taken from its billing address unless given' }),
    document_type: z.enum(documentTypes).optional().openapi({ description: 'Default: e_fatura when the buyer is a registered e-Fatura user, else e_arsiv' }),
    scenario: z.enum(scenarios).optional().openapi({ description: 'e-Fatura scenario (TEMELFATURA / TICARIFATURA); default basic' }),
    currency: safeString().regex(/^[A-Z]{3}$/).optional().openapi({ example: 'TRY' }),
    issue_date: z.iso.date().optional().openapi({ description: 'Default: today in Turkey' }),
    number: safeString().regex(/^[A-Z0-9]{3}\d{13}$/, 'GİB numbering: 3-character series, year, 9-digit sequence').optional(),
    note: safeString().max(500).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.lines === !value.from_order) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'give either lines or from_order' })
    if (value.lines && !value.buyer) ctx.addIssue({ code: 'custom', path: ['buyer'], message: 'required with explicit lines' })
    if (value.scenario && value.document_type && value.document_type !== 'e_fatura') {
      ctx.addIssue({ code: 'custom', path: ['scenario'], message: 'only for e_fatura' })
    }
  })
  .openapi('CreateInvoiceRequest')
export type CreateInvoiceRequest = z.infer<typeof CreateInvoiceRequest>

export const InvoiceLine = z
  .object({
    description: z.string(),
    sku: z.string().nullable(),
    quantity: z.number(),
    unit_price: z.string().openapi({ description: 'Net, before discount; up to 4 decimals' }),
    vat_rate: z.number(),
    discount: z.string().openapi({ description: 'Net discount on the line' }),
    net_total: z.string(),
    vat_amount: z.string(),
    total: z.string().openapi({ description: 'VAT included' }),
  })
  .openapi('InvoiceLine')
export type InvoiceLine = z.infer<typeof InvoiceLine>

export const InvoiceError = z.object({ code: z.string().nullable(), message: z.string(), path: z.string().nullable() }).openapi('InvoiceError')
export type InvoiceError = z.infer<typeof InvoiceError>

export const Invoice = z
  .object({
    id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    number: z.string().nullable().openapi({ description: 'Null until issued' }),
    status: z.enum(invoiceStatuses),
    provider_status: z.string().nullable(),
    document_type: z.enum(documentTypes),
    scenario: z.enum(scenarios).nullable(),
    issue_date: z.string(),
    currency: z.string(),
    lines: z.array(InvoiceLine),
    subtotal: Money,
    discount_total: Money,
    net_total: Money,
    vat_total: z.array(z.object({ rate: z.number(), taxable: Money, amount: Money })).openapi({ description: 'Per VAT rate' }),
    vat_amount: Money,
    total: Money,
    buyer: Buyer,
    order_ref: OrderRef.nullable(),
    pdf_url: z.string().nullable(),
    ettn: z.string().nullable().openapi({ description: 'The document UUID registered with GİB' }),
    errors: z.array(InvoiceError),
    issued_at: Timestamp.nullable().openapi({ description: 'When kopru first saw it issued' }),
    created_at: Timestamp,
    updated_at: Timestamp,
    raw: z.unknown().optional(),
  })
  .openapi('Invoice')
export type Invoice = z.infer<typeof Invoice>

/** What kopru sends an accounting adapter: the invoice with its computed amounts and kopru's reference. */
export type InvoiceDraft = Omit<Invoice, 'id' | 'provider' | 'connection_id' | 'number' | 'status' | 'provider_status' | 'pdf_url' | 'ettn' | 'errors' | 'issued_at' | 'created_at' | 'updated_at' | 'raw'> & {
  /** Derived from the Idempotency-Key: the same on every retry, so a lost answer can be found again. */
  reference: string
  ettn: string
  number: string | null
  note: string | null
  /** The marketplace an order came from (e-Arşiv internet-sale facts), or null. */
  sales_channel: { provider: string; name: string; url: string } | null
  /** The Turkish day the order was placed, for an invoice made from one (Paraşüt's `order_date`). */
  order_date?: string | null
}

/** What an adapter reports about an invoice at the provider. */
export interface InvoiceState {
  /** The provider's id of the invoice (handed back to invoices.get / cancel / pdf). */
  id: string
  status: InvoiceStatus
  provider_status: string | null
  number: string | null
  ettn: string | null
  pdf_url: string | null
  errors: InvoiceError[]
  /** Adapter state to keep (e.g. a pending job id). */
  state?: Record<string, unknown>
  raw?: unknown
}

export const TaxIdLookup = z
  .object({
    tax_id: z.string(),
    kind: z.enum(['vkn', 'tckn']),
    e_invoice_user: z.boolean().openapi({ description: 'Registered with GİB for e-Fatura: invoice them an e-Fatura, else e-Arşiv' }),
    name: z.string().nullable(),
    aliases: z.array(z.string()).openapi({ description: 'Their e-Fatura inbox labels (urn:mail:…)' }),
    registered_at: Timestamp.nullable(),
  })
  .openapi('TaxIdLookup')
export type TaxIdLookup = z.infer<typeof TaxIdLookup>

export const InvoicePdf = z.object({ url: z.string(), expires_at: Timestamp.nullable() }).openapi('InvoicePdf')
export type InvoicePdf = z.infer<typeof InvoicePdf>

export const AttachInvoiceRequest = z
  .union([
    z.object({ invoice_id: safeString().regex(/^inv_[A-Za-z0-9]{1,40}$/) }).strict(),
    z.object({ url: safeString().url(), number: safeString().trim().min(1).max(40), issued_at: z.iso.datetime({ offset: true }) }).strict(),
  ])
  .openapi('AttachInvoiceRequest')
export type AttachInvoiceRequest = z.infer<typeof AttachInvoiceRequest>

export const InvoiceAttachment = z
  .object({
    order_id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    invoice_number: z.string(),
    /** The link the marketplace got; null when the PDF itself was uploaded. */
    url: z.string().nullable(),
    sent: z.enum(['link', 'file']).openapi({ description: '`link`: the marketplace was given the URL; `file`: the PDF was uploaded (a document kopru holds without a lasting link)' }),
    status: z.enum(['accepted']),
  })
  .openapi('InvoiceAttachment')
export type InvoiceAttachment = z.infer<typeof InvoiceAttachment>
