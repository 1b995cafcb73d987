/**
 * Paraşüt API v4 wire shapes (JSON:API 1.0 documents), from Paraşüt's document "Paraşüt - API V4" 4.0.0
 * (test/fixtures/specs/parasut/swagger.yaml, where every attribute is optional) and the public clients
 * ozgur-soft/Parasut.NET and adilumer/parasut-api-client: resources `{id, type, attributes, relationships}`,
 * answers `{data, included?}`, errors `{errors: [{title, detail, source?: {pointer}}]}`. Lenient where Paraşüt
 * adds fields; strict on what kopru reads.
 */
import { z } from 'zod'

const id = z.union([z.string(), z.number()]).transform(String)
const ref = (type: string) => z.object({ id, type: z.literal(type) })
const relation = z.object({ data: z.union([z.object({ id, type: z.string() }), z.null()]).optional() }).optional()

const optionalText = z.string().nullable().optional()
const decimalText = z.union([z.string(), z.number()]).nullable().optional()
/** `contacts` (Müşteri/Tedarikçi): attributes as listed in apidocs.parasut.com's Contact model. */
export const contactResource = z.object({
  id,
  type: z.literal('contacts'),
  attributes: z
    .object({
      name: z.string(),
      tax_number: optionalText,
      tax_office: optionalText,
      email: optionalText,
      phone: optionalText,
      contact_type: optionalText,
      account_type: optionalText,
      address: optionalText,
      district: optionalText,
      city: optionalText,
      country: optionalText,
      created_at: optionalText,
      updated_at: optionalText,
    })
    .passthrough(),
})
export type ContactResource = z.infer<typeof contactResource>
export const contactList = z.object({
  data: z.array(contactResource),
  meta: z.object({ current_page: z.number().int().optional(), total_pages: z.number().int().optional() }).passthrough().optional(),
})
export const contactDocument = z.object({ data: contactResource })

export const salesInvoiceResource = z.object({
  id,
  type: z.literal('sales_invoices'),
  attributes: z
    .object({
      description: z.string().nullable().optional(),
      issue_date: z.string(),
      // Optional and numbers (`decimal`) in Paraşüt's API v4 SalesInvoiceAttributes; kopru reads none of them.
      currency: z.string().nullable().optional(),
      net_total: decimalText,
      gross_total: decimalText,
      total_vat: decimalText,
      archived: z.boolean().optional(),
      /** `cancelled` once cancelled (SalesInvoiceAttributes.item_type: invoice, export, …, cancelled, refund). */
      item_type: z.string().nullable().optional(),
      /** The formalised invoice's number (readOnly `invoice_no`, "Fatura no"): where an e-Fatura's number is. */
      invoice_no: z.string().nullable().optional(),
      payment_status: z.string().nullable().optional(),
    })
    .passthrough(),
  relationships: z.object({ active_e_document: relation }).passthrough().optional(),
})
export type SalesInvoiceResource = z.infer<typeof salesInvoiceResource>

const eDocumentTypes = ['e_archives', 'e_invoices'] as const
/** JSON:API 1.0 makes `attributes` optional on a resource object, an included one too. */
export const eDocumentResource = z.object({
  id,
  type: z.enum(eDocumentTypes),
  attributes: z
    .object({
      uuid: z.string().nullable().optional(),
      /** EArchiveAttributes only; EInvoiceAttributes has no number. */
      invoice_number: z.string().nullable().optional(),
      /** e_archives: bounced, sent, printed, legalized; e_invoices: waiting, failed, successful. */
      status: z.string().nullable().optional(),
      /** EInvoiceAttributes: the e-İhracat refusal reason. */
      response_note: z.string().nullable().optional(),
    })
    .passthrough()
    .optional(),
})
export type EDocumentResource = z.infer<typeof eDocumentResource>

export const salesInvoiceDocument = z.object({
  data: salesInvoiceResource,
  // Anything else may be included; an e-document is read through its own schema, never taken as "anything else".
  included: z.array(z.union([eDocumentResource, z.object({ id, type: z.string().refine((type) => !(eDocumentTypes as readonly string[]).includes(type), 'an e-document kopru cannot read') }).passthrough()])).optional(),
})
export type SalesInvoiceDocument = z.infer<typeof salesInvoiceDocument>
export const salesInvoiceList = z.object({
  data: z.array(salesInvoiceResource),
  included: salesInvoiceDocument.shape.included,
  meta: z.object({ total_pages: z.number().int().optional(), current_page: z.number().int().optional() }).passthrough().optional(),
})

export const trackableJobDocument = z.object({
  data: z.object({
    id,
    type: z.literal('trackable_jobs'),
    // TrackableJobAttributes: `status` (running, done, error) and `errors` are both optional.
    attributes: z.object({ status: z.string().nullable().optional(), errors: z.array(z.string()).nullable().optional() }).passthrough(),
  }),
})
export type TrackableJob = z.infer<typeof trackableJobDocument>['data']

export const eInvoiceInboxList = z.object({
  data: z.array(
    z.object({
      id,
      type: z.literal('e_invoice_inboxes'),
      attributes: z
        .object({
          // Optional in Paraşüt's EInvoiceInboxAttributes; kopru asks by VKN and does not read it back.
          vkn: z.string().nullable().optional(),
          e_invoice_address: z.string(),
          name: z.string().nullable().optional(),
          inbox_type: z.string().nullable().optional(),
          address_registered_at: z.string().nullable().optional(),
          registered_at: z.string().nullable().optional(),
        })
        .passthrough(),
    }),
  ),
})

export type EInvoiceInbox = z.infer<typeof eInvoiceInboxList>['data'][number]

export const pdfDocument = z.object({
  data: z.object({
    id,
    type: z.literal('e_document_pdfs'),
    attributes: z.object({ url: z.string().url(), expires_at: z.string().nullable().optional() }).passthrough(),
  }),
})

export type PdfDocument = z.infer<typeof pdfDocument>

export const meDocument = z.object({
  data: z.object({ id, type: z.literal('users') }).passthrough(),
  included: z.array(z.object({ id, type: z.string(), attributes: z.object({ name: z.string().optional() }).passthrough().optional() })).optional(),
})

export const errorDocument = z.object({
  errors: z.array(z.object({ title: z.string().optional(), detail: z.string().optional(), source: z.object({ pointer: z.string().optional() }).optional() })),
})

export { ref }
