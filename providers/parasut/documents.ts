/** Paraşüt sales invoices and their e-documents: reads, the e-Arşiv / e-Fatura issuance, validation errors. */
import { KopruError, readWire, type UpstreamResponse } from '../../src/core/provider-kit/index.js'
import type { z } from 'zod'
import type { InvoiceDraft, InvoiceState } from '../../src/models/index.js'
import { companyPath, parasutWire, type Ctx } from './context.js'
import { activeEDocument, invoiceState, parasutPointerTable } from './mapping.js'
import { eInvoiceInboxList, errorDocument, salesInvoiceDocument, trackableJobDocument, type SalesInvoiceDocument } from './wire.js'

/** A 2xx read through its schema; a 422 becomes the tenant's 4xx naming the field, with Paraşüt's code. */
export function readAnswer<T>(schema: z.ZodType<T>, response: UpstreamResponse, what: string): T {
  if (response.status === 422) {
    const body = readWire(errorDocument, response.data, { provider: parasutWire, what: 'validation error', status: 422 })
    const first = body.errors[0]
    const paths = body.errors.map((error) => ({
      path: parasutPointerTable[error.source?.pointer ?? ''] ?? `provider${error.source?.pointer?.replace(/\//g, '.') ?? ''}`,
      message: error.detail ?? error.title ?? 'refused',
    }))
    const duplicate = paths.some((entry) => entry.path === 'body.number')
    throw new KopruError(duplicate ? 'conflict' : 'invalid_request', `Paraşüt refused the ${what}: ${first?.detail ?? first?.title ?? 'validation failed'}`, {
      provider: { id: 'parasut', status: 422, code: first?.title, message: first?.detail },
      errors: paths,
    })
  }
  return readWire(schema, response.data, { provider: parasutWire, what, status: response.status })
}

export async function fetchInvoice(ctx: Ctx, id: string): Promise<SalesInvoiceDocument> {
  const response = await ctx.request({ path: companyPath(ctx, `/sales_invoices/${encodeURIComponent(id)}`), query: { include: 'active_e_document' }, operation: 'invoices.get' })
  return readWire(salesInvoiceDocument, response.data, { provider: parasutWire, what: 'sales invoice' })
}

/** The e-document forms (EArchiveForm, EInvoiceForm) have no note since 2024-10-01: it travels as the sales invoice's `invoice_note`. */
function eDocumentBody(invoiceId: string, draft: InvoiceDraft, alias: string | null) {
  const salesInvoice = { sales_invoice: { data: { id: invoiceId, type: 'sales_invoices' } } }
  if (draft.document_type === 'e_fatura') {
    return { data: { type: 'e_invoices', attributes: { scenario: draft.scenario ?? 'basic', to: alias ?? undefined }, relationships: { invoice: salesInvoice.sales_invoice } } }
  }
  // Marketplace sales are internet sales: GİB's e-Arşiv wants the channel and payment facts.
  const internetSale = draft.sales_channel
    ? { url: draft.sales_channel.url, payment_type: 'ODEMEARACISI', payment_platform: draft.sales_channel.name, payment_date: draft.issue_date }
    : undefined
  return { data: { type: 'e_archives', attributes: { internet_sale: internetSale }, relationships: salesInvoice } }
}

/** GİB's e-invoice inboxes Paraşüt lists for a VKN (tax id lookups and the e-Fatura receiver's alias). */
export async function eInvoiceInboxes(ctx: Ctx, vkn: string, operation: string) {
  const response = await ctx.request({ path: companyPath(ctx, '/e_invoice_inboxes'), query: { 'filter[vkn]': vkn }, operation })
  return readWire(eInvoiceInboxList, response.data, { provider: parasutWire, what: 'e-invoice inbox list' }).data
}

async function inboxAlias(ctx: Ctx, vkn: string): Promise<string | null> {
  return (await eInvoiceInboxes(ctx, vkn, 'invoices.create:inbox'))[0]?.attributes.e_invoice_address ?? null
}

/** Starts the e-document of a sales invoice unless it has one; its issuance is a trackable job. */
export async function ensureEDocument(ctx: Ctx, document: SalesInvoiceDocument, draft: InvoiceDraft): Promise<InvoiceState> {
  const kind = draft.document_type === 'e_fatura' ? 'e_invoices' : 'e_archives'
  if (activeEDocument(document) || draft.document_type === 'paper') return invoiceState(document, null, { kind })
  const alias = draft.document_type === 'e_fatura' ? await inboxAlias(ctx, draft.buyer.tax_id) : null
  const response = await ctx.request({
    method: 'POST',
    path: companyPath(ctx, `/${kind}`),
    json: eDocumentBody(document.data.id, draft, alias),
    accept: [422],
    operation: `invoices.create:${kind}`,
  })
  const job = readAnswer(trackableJobDocument, response, kind === 'e_archives' ? 'e-Arşiv invoice' : 'e-Fatura')
  return invoiceState(document, job.data, { kind, job_id: job.data.id })
}
