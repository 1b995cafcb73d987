/** Paraşüt <-> unified translation: pure functions and tables. */
import { isoOrNull, lookupTable, parseProviderTime } from '../../src/core/provider-kit/index.js'
import type { Buyer, InvoiceDraft, InvoiceState, InvoiceStatus, ProviderContact } from '../../src/models/index.js'
import type { ContactResource, EDocumentResource, EInvoiceInbox, PdfDocument, SalesInvoiceDocument, TrackableJob } from './wire.js'

/** Paraşüt's currency codes: the Turkish lira is `TRL` (as in its docs' enum TRL, USD, EUR, GBP). */
export const parasutCurrencyTable: Record<string, string> = { TRY: 'TRL', USD: 'USD', EUR: 'EUR', GBP: 'GBP' }

/** Trackable job statuses ("pending", "running", "done", "error") -> the invoice's status. */
export const parasutJobStatusTable: Record<string, InvoiceStatus> = { pending: 'issuing', running: 'issuing', done: 'issued', error: 'failed' }
const jobStatus = lookupTable('parasut trackable job status', parasutJobStatusTable, 'issuing')

/** Where a Paraşüt validation error points (`source.pointer`) -> the field of kopru's request. */
export const parasutPointerTable: Record<string, string> = {
  '/data/attributes/tax_number': 'body.buyer.tax_id',
  '/data/attributes/tax_office': 'body.buyer.tax_office',
  '/data/attributes/currency': 'body.currency',
  '/data/attributes/invoice_id': 'body.number',
  '/data/attributes/invoice_series': 'body.number',
  '/data/attributes/issue_date': 'body.issue_date',
  '/data/attributes/vat_rate': 'body.lines',
  '/data/attributes/email': 'body.buyer.email',
}

/** kopru's reference travels in the invoice description, the one free-text field Paraşüt hands back on reads. */
export const referenceMarker = (reference: string) => `[kopru:${reference}]`
export const hasReference = (description: string | null | undefined, reference: string) => Boolean(description?.includes(referenceMarker(reference)))

/** What kopru asks Paraşüt to keep as a contact (a tenant's `POST /v1/contacts`, or an invoice's buyer). */
export interface ContactInput {
  type: 'customer' | 'supplier'
  name: string
  tax_id: string
  tax_office?: string | null
  email?: string | null
  phone?: string | null
  address?: { line1: string; line2?: string | null; district?: string | null; city: string; country_code: string; phone?: string | null } | null
}

export const buyerContact = (buyer: Buyer): ContactInput => ({ type: 'customer', ...buyer, phone: buyer.address.phone ?? null })

export function contactBody(contact: ContactInput) {
  const address = contact.address
  return {
    data: {
      type: 'contacts',
      attributes: {
        name: contact.name,
        email: contact.email ?? undefined,
        contact_type: contact.tax_id.length === 10 ? 'company' : 'person',
        account_type: contact.type,
        tax_number: contact.tax_id,
        tax_office: contact.tax_office ?? undefined,
        country: address ? (address.country_code === 'TR' ? 'Türkiye' : address.country_code) : undefined,
        city: address?.city,
        district: address?.district ?? undefined,
        address: address ? [address.line1, address.line2].filter(Boolean).join(' ') : undefined,
        phone: contact.phone ?? undefined,
      },
    },
  }
}

/** Paraşüt's times carry an offset ("2020-01-02T00:00:00.000+03:00"); one without is Turkish local time. */
const instant = (text: string | null | undefined) => isoOrNull(parseProviderTime(text))

const contactType = lookupTable('parasut account_type', { customer: 'customer', supplier: 'supplier' } as const, 'unknown' as const)
const contactKind = lookupTable('parasut contact_type', { company: 'company', person: 'person' } as const, 'unknown' as const)

export function toUnifiedContact(resource: ContactResource): ProviderContact {
  const a = resource.attributes
  const hasAddress = Boolean(a.address || a.city || a.district || a.country)
  return {
    id: resource.id,
    type: contactType(a.account_type),
    kind: contactKind(a.contact_type),
    name: a.name,
    tax_id: a.tax_number ?? null,
    tax_office: a.tax_office ?? null,
    email: a.email ?? null,
    phone: a.phone ?? null,
    address: hasAddress ? { line1: a.address ?? null, district: a.district ?? null, city: a.city ?? null, country: a.country ?? null } : null,
    created_at: instant(a.created_at),
    updated_at: instant(a.updated_at),
    raw: resource,
  }
}

/** A sales invoice with one detail per line: net unit price and the line's net discount as an amount. */
export function salesInvoiceBody(draft: InvoiceDraft, contactId: string) {
  const series = draft.number?.slice(0, 3)
  const sequence = draft.number?.slice(3)
  const description = [draft.note, draft.order_ref ? `Sipariş ${draft.order_ref.order_id}` : null, referenceMarker(draft.reference)].filter(Boolean).join(' ')
  return {
    data: {
      type: 'sales_invoices',
      attributes: {
        item_type: 'invoice',
        description,
        issue_date: draft.issue_date,
        currency: parasutCurrencyTable[draft.currency],
        order_no: draft.order_ref?.order_id,
        invoice_series: series,
        invoice_id: sequence ? Number(sequence) : undefined,
        billing_address: [draft.buyer.address.line1, draft.buyer.address.line2].filter(Boolean).join(' '),
        city: draft.buyer.address.city,
        district: draft.buyer.address.district ?? undefined,
        tax_number: draft.buyer.tax_id,
        tax_office: draft.buyer.tax_office ?? undefined,
      },
      relationships: {
        contact: { data: { type: 'contacts', id: contactId } },
        details: {
          data: draft.lines.map((line) => ({
            type: 'sales_invoice_details',
            attributes: {
              quantity: line.quantity,
              unit_price: line.unit_price,
              vat_rate: line.vat_rate,
              discount_type: 'amount',
              discount_value: line.discount,
              description: line.description,
            },
          })),
        },
      },
    },
  }
}

/** The e-document of a sales invoice, when it has one (`include=active_e_document`). */
export function activeEDocument(document: SalesInvoiceDocument): EDocumentResource | null {
  const link = document.data.relationships?.active_e_document?.data
  if (!link) return null
  return document.included?.find((item): item is EDocumentResource => isEDocument(item) && item.type === link.type && item.id === link.id) ?? null
}

const isEDocument = (item: { type: string }): item is EDocumentResource => item.type === 'e_archives' || item.type === 'e_invoices'

/** A job in `error` says why in `errors[]`; one that says nothing still tells the tenant what failed. */
function jobErrors(job: TrackableJob | null) {
  const messages = job?.attributes.errors?.length ? job.attributes.errors : ['Paraşüt reported the e-document job as failed without a reason']
  return messages.map((message) => ({ code: 'parasut_job_error', message, path: null }))
}

export function invoiceState(document: SalesInvoiceDocument, job: TrackableJob | null, state: Record<string, unknown>): InvoiceState {
  const eDocument = activeEDocument(document)
  const cancelled = document.data.attributes.status === 'cancelled' || document.data.attributes.archived === true
  const status: InvoiceStatus = cancelled ? 'cancelled' : eDocument ? 'issued' : job ? jobStatus(job.attributes.status) : 'draft'
  return {
    id: document.data.id,
    status,
    provider_status: cancelled ? 'cancelled' : eDocument ? (eDocument.attributes?.status ?? 'issued') : job ? `job:${job.attributes.status}` : 'no_e_document',
    number: eDocument?.attributes?.invoice_number ?? null,
    ettn: eDocument?.attributes?.uuid ?? null,
    pdf_url: null,
    errors: status === 'failed' ? jobErrors(job) : [],
    state: { ...state, ...(eDocument ? { e_document: { id: eDocument.id, type: eDocument.type } } : {}) },
    raw: document,
  }
}

/** GİB's e-invoice inboxes Paraşüt lists for a VKN: registered when there is one. */
export function toTaxIdLookup(taxId: string, inboxes: EInvoiceInbox[]) {
  return {
    tax_id: taxId,
    e_invoice_user: inboxes.length > 0,
    name: inboxes[0]?.attributes.name ?? null,
    aliases: inboxes.map((inbox) => inbox.attributes.e_invoice_address),
    registered_at: instant(inboxes[0]?.attributes.registered_at),
  }
}

export const toInvoicePdf = (pdf: PdfDocument) => ({ url: pdf.data.attributes.url, expires_at: instant(pdf.data.attributes.expires_at) })
