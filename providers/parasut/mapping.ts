/** Paraşüt <-> unified translation: pure functions and tables. */
import { isoOrNull, lookupTable, parseProviderTime } from '../../src/core/provider-kit/index.js'
import type { Buyer, InvoiceDraft, InvoiceState, InvoiceStatus, ProviderContact } from '../../src/models/index.js'
import type { ContactResource, EDocumentResource, EInvoiceInbox, PdfDocument, SalesInvoiceDocument, TrackableJob } from './wire.js'

/** Paraşüt's currency codes: the Turkish lira is `TRL` (as in its docs' enum TRL, USD, EUR, GBP). */
export const parasutCurrencyTable: Record<string, string> = { TRY: 'TRL', USD: 'USD', EUR: 'EUR', GBP: 'GBP' }

/**
 * Trackable job statuses -> the invoice's status. TrackableJobAttributes.status is `running`, `done` or `error`
 * (the document's introduction also names `pending`); it is optional, and a job that does not say is still
 * running as far as kopru knows: `issuing`, asked again by the poller.
 */
export const parasutJobStatusTable: Record<string, InvoiceStatus> = { pending: 'issuing', running: 'issuing', done: 'issued', error: 'failed' }
const jobStatus = lookupTable('parasut trackable job status', parasutJobStatusTable, 'issuing')

/**
 * EArchiveAttributes.status -> the invoice's status. An e-Arşiv exists only once its job is `done`: it is issued;
 * the four values tell what became of it with the buyer (e-mailed, bounced, printed) and GİB (legalized).
 */
export const parasutEArchiveStatusTable: Record<string, InvoiceStatus> = { sent: 'issued', printed: 'issued', legalized: 'issued', bounced: 'issued' }
const eArchiveStatus = lookupTable('parasut e-archive status', parasutEArchiveStatusTable, 'issued')

/**
 * EInvoiceAttributes.status -> the invoice's status. An e-Fatura is `waiting` for GİB / the receiver's system,
 * then `successful` or `failed`: only a delivered one is issued, a refused one failed; while waiting, and for a
 * value or an absence the document does not explain, it stays `issuing` and the poller asks again.
 */
export const parasutEInvoiceStatusTable: Record<string, InvoiceStatus> = { waiting: 'issuing', successful: 'issued', failed: 'failed' }
const eInvoiceStatus = lookupTable('parasut e-invoice status', parasutEInvoiceStatusTable, 'issuing')

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

/** A sales invoice with one detail per line: net unit price and the line's net discount as an amount; the note as `invoice_note`. */
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
        // "order_no … resmileştirmek için order_date dolu ise bu alan zorunludur" (and the other way round): the
        // two go together. The day the order was placed; the invoice date if the draft does not know it.
        order_no: draft.order_ref?.order_id,
        order_date: draft.order_ref ? (draft.order_date ?? draft.issue_date) : undefined,
        invoice_note: draft.note ?? undefined,
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
            // Numbers, as SalesInvoiceDetailAttributes declares them; kopru's decimal strings (at most 4 decimals,
            // 12 digits) are exact as JSON numbers.
            attributes: {
              quantity: line.quantity,
              unit_price: Number(line.unit_price),
              vat_rate: line.vat_rate,
              discount_type: 'amount',
              discount_value: Number(line.discount),
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

/** An e-Fatura Paraşüt reports `failed`: its `response_note` when it has one (e-İhracat's refusal reason). */
function eInvoiceErrors(eDocument: EDocumentResource) {
  const note = eDocument.attributes?.response_note
  return [{ code: 'parasut_e_invoice_failed', message: note || 'Paraşüt reports the e-Fatura as failed (refused by GİB or the receiver)', path: null }]
}

function eDocumentStatus(eDocument: EDocumentResource): InvoiceStatus {
  const value = eDocument.attributes?.status
  if (eDocument.type === 'e_archives') return value == null ? 'issued' : eArchiveStatus(value)
  return eInvoiceStatus(value)
}

export function invoiceState(document: SalesInvoiceDocument, job: TrackableJob | null, state: Record<string, unknown>): InvoiceState {
  const eDocument = activeEDocument(document)
  // A cancelled sales invoice is `item_type: cancelled` (SalesInvoiceAttributes); an archived one is only archived.
  const cancelled = document.data.attributes.item_type === 'cancelled'
  const status: InvoiceStatus = cancelled ? 'cancelled' : eDocument ? eDocumentStatus(eDocument) : job ? jobStatus(job.attributes.status) : 'draft'
  const jobState = job ? `job:${job.attributes.status ?? 'unknown'}` : 'no_e_document'
  return {
    id: document.data.id,
    status,
    provider_status: cancelled ? 'cancelled' : eDocument ? (eDocument.attributes?.status ?? 'issued') : jobState,
    // EArchiveAttributes has `invoice_number`; an e-Fatura has none, its number is the sales invoice's `invoice_no`.
    number: eDocument ? (eDocument.attributes?.invoice_number ?? document.data.attributes.invoice_no ?? null) : null,
    ettn: eDocument?.attributes?.uuid ?? null,
    pdf_url: null,
    errors: status !== 'failed' ? [] : eDocument ? eInvoiceErrors(eDocument) : jobErrors(job),
    state: { ...state, ...(eDocument ? { e_document: { id: eDocument.id, type: eDocument.type } } : {}) },
    raw: document,
  }
}

/**
 * The e-document job is gone (404: "`id`'nin kullanım süresi oluşturulduktan sonra 15 dakikadır") and the sales
 * invoice, read just before, has no e-document: the job ended without making one. Failed, so the tenant knows to
 * issue it again, rather than issuing for ever.
 */
export function expiredJobState(document: SalesInvoiceDocument, state: Record<string, unknown>): InvoiceState {
  const message = 'Paraşüt no longer knows the e-document job (its id lives 15 minutes) and the invoice has no e-document: it was not issued'
  const current = invoiceState(document, null, state)
  if (current.status === 'cancelled') return current
  return { ...current, status: 'failed', provider_status: 'job:expired', errors: [{ code: 'parasut_job_expired', message, path: null }] }
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
