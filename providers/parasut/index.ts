/**
 * Paraşüt API v4 (https://apidocs.parasut.com): JSON:API documents under /v4/{company_id}, OAuth 2.0 (Doorkeeper)
 * authorization-code grant with refresh at /oauth/token, 2-hour access tokens. An invoice is a sales invoice plus
 * an e-document (`e_archives` or `e_invoices`) whose issuance is a trackable job polled until `done` or `error`.
 */
import {
  KopruError,
  defineProvider,
  isKopruError,
  oauth2Auth,
  readWire,
} from '../../src/core/provider-kit/index.js'
import type { InvoiceDraft, InvoiceState } from '../../src/models/index.js'
import { buyerContact, expiredJobState, hasReference, invoiceState, parasutCurrencyTable, salesInvoiceBody, toInvoicePdf, toTaxIdLookup } from './mapping.js'
import { credentialsSchema, companyPath, parasutWire, type Credentials, type Ctx } from './context.js'
import { ensureContact, getContact, listContacts } from './contacts.js'
import { eInvoiceInboxes, ensureEDocument, fetchInvoice, readAnswer } from './documents.js'
import { meDocument, pdfDocument, salesInvoiceDocument, salesInvoiceList, trackableJobDocument } from './wire.js'

async function findByReference(ctx: Ctx, reference: string, issueDate: string) {
  const response = await ctx.request({
    path: companyPath(ctx, '/sales_invoices'),
    query: { 'filter[issue_date]': issueDate, include: 'active_e_document', sort: '-id', 'page[size]': 25 },
    operation: 'invoices.reconcile',
  })
  const list = readWire(salesInvoiceList, response.data, { provider: parasutWire, what: 'sales invoice list' })
  const data = list.data.find((invoice) => hasReference(invoice.attributes.description, reference))
  return data ? { data, included: list.included } : null
}

/** Creates the sales invoice once: a lost answer is looked up by the reference in its description. */
async function ensureSalesInvoice(ctx: Ctx, draft: InvoiceDraft, contactId: string) {
  try {
    const created = await ctx.request({
      method: 'POST',
      path: companyPath(ctx, '/sales_invoices'),
      query: { include: 'active_e_document' },
      json: salesInvoiceBody(draft, contactId),
      accept: [422],
      operation: 'invoices.create:sales-invoice',
    })
    return readAnswer(salesInvoiceDocument, created, 'sales invoice')
  } catch (error) {
    const lost = isKopruError(error) && (error.code === 'provider_timeout' || error.code === 'provider_unavailable' || (error.code === 'provider_error' && (error.provider?.status ?? 500) >= 500))
    if (!lost) throw error
    const found = await findByReference(ctx, draft.reference, draft.issue_date)
    if (!found) throw error
    ctx.log.info('Paraşüt sales invoice found by reference after a lost answer', { reference: draft.reference })
    return found
  }
}

async function createInvoice(ctx: Ctx, { invoice }: { invoice: InvoiceDraft }): Promise<InvoiceState> {
  const { id: contactId } = await ensureContact(ctx, buyerContact(invoice.buyer))
  const document = await ensureSalesInvoice(ctx, invoice, contactId)
  return ensureEDocument(ctx, document, invoice)
}

async function getInvoice(ctx: Ctx, { id, state }: { id: string; state: Record<string, unknown> }): Promise<InvoiceState> {
  const document = await fetchInvoice(ctx, id)
  const jobId = typeof state.job_id === 'string' ? state.job_id : null
  if (!jobId || document.data.relationships?.active_e_document?.data) return invoiceState(document, null, state)
  const job = await ctx.request({ path: companyPath(ctx, `/trackable_jobs/${encodeURIComponent(jobId)}`), accept: [404], operation: 'invoices.get:job' })
  // A job id answers for 15 minutes. Gone, with the invoice (read first) still without an e-document: it made none.
  if (job.status === 404) return expiredJobState(document, state)
  const parsed = readWire(trackableJobDocument, job.data, { provider: parasutWire, what: 'trackable job' })
  // A job that is done has made the e-document: read the invoice again to have its number and ETTN.
  const final = parsed.data.attributes.status === 'done' ? await fetchInvoice(ctx, id) : document
  return invoiceState(final, parsed.data, state)
}

async function cancelInvoice(ctx: Ctx, { id, state }: { id: string; state: Record<string, unknown> }): Promise<InvoiceState> {
  const response = await ctx.request({ method: 'DELETE', path: companyPath(ctx, `/sales_invoices/${encodeURIComponent(id)}/cancel`), accept: [422], operation: 'invoices.cancel' })
  readAnswer(salesInvoiceDocument, response, 'cancelled sales invoice')
  return invoiceState(await fetchInvoice(ctx, id), null, state)
}

async function invoicePdf(ctx: Ctx, { state }: { id: string; state: Record<string, unknown> }) {
  const eDocument = state.e_document as { id?: string; type?: string } | undefined
  if (!eDocument?.id || (eDocument.type !== 'e_archives' && eDocument.type !== 'e_invoices')) {
    throw new KopruError('conflict', 'Paraşüt has no e-document for this invoice yet')
  }
  const response = await ctx.request({ path: companyPath(ctx, `/${eDocument.type}/${encodeURIComponent(eDocument.id)}/pdf`), accept: [204], operation: 'invoices.pdf' })
  // "204: the PDF is still being prepared" — ask again shortly.
  if (response.status === 204) throw new KopruError('conflict', 'Paraşüt is still preparing the PDF', { retryable: true, headers: { 'Retry-After': '2' } })
  return toInvoicePdf(readWire(pdfDocument, response.data, { provider: parasutWire, what: 'e-document PDF' }))
}

async function lookupTaxId(ctx: Ctx, { taxId }: { taxId: string }) {
  return toTaxIdLookup(taxId, await eInvoiceInboxes(ctx, taxId, 'tax_ids.lookup'))
}

export const parasut = defineProvider<Credentials>({
  id: 'parasut',
  name: 'Paraşüt',
  kind: 'accounting',
  auth: oauth2Auth(
    {
      authorize: { path: '/oauth/authorize' },
      token: { path: '/oauth/token' },
      clientAuth: 'post',
      defaultScopes: [],
      // Access tokens live two hours (Doorkeeper's `expires_in: 7200`); refresh ten minutes ahead.
      refreshWindowMs: 10 * 60_000,
      accountKey: 'user_id',
    },
    { schema: credentialsSchema },
  ),
  baseUrls: { production: 'https://api.parasut.com', sandbox: 'https://api.parasut.com' },
  // "Paraşüt - API V4" (parasutcom/api-doc spec/swagger.yaml), "Genel Bilgiler": "10 saniyede 10 adet istek
  // gönderebilirsiniz" — 10 requests in 10 seconds (since 2023-02-02; "Dakikada 60" before).
  quotas: [{ group: 'default', limit: 10, intervalMs: 10_000, scope: 'credential', description: 'per company: 10 requests in 10 seconds (apidocs.parasut.com, Genel Bilgiler)' }],
  accounting: { currencies: Object.keys(parasutCurrencyTable) },
  operations: {
    'invoices.create': createInvoice,
    'invoices.get': getInvoice,
    'invoices.cancel': cancelInvoice,
    'invoices.pdf': invoicePdf,
    'tax_ids.lookup': lookupTaxId,
    'contacts.list': listContacts,
    'contacts.get': getContact,
    'contacts.create': (ctx, { contact }) => ensureContact(ctx, contact, 'root'),
  },
  proxy: {},
  async findInvoiceByReference(ctx, { reference, invoice }) {
    const found = await findByReference(ctx, reference, invoice.issue_date)
    return found ? ensureEDocument(ctx, found, invoice) : null
  },
  async verifyCredentials(ctx) {
    const me = await ctx.request({ path: '/v4/me', query: { include: 'companies' } })
    const parsed = readWire(meDocument, me.data, { provider: parasutWire, what: '/me answer' })
    const companies = (parsed.included ?? []).filter((item) => item.type === 'companies')
    const wanted = typeof ctx.connection.settings.company_id === 'string' ? ctx.connection.settings.company_id : undefined
    const company = wanted ? companies.find((item) => item.id === wanted) : companies.length === 1 ? companies[0] : undefined
    if (!company) {
      throw new KopruError('invalid_request', wanted ? `this Paraşüt user has no company ${wanted}` : 'this Paraşüt user has several companies; choose one', {
        errors: [{ path: 'settings.company_id', message: `one of: ${companies.map((item) => item.id).join(', ') || 'none'}` }],
      })
    }
    return { user_id: parsed.data.id, company_id: company.id }
  },
  parseError({ data }) {
    const first = (data as { errors?: { title?: string; detail?: string }[]; error?: string; error_description?: string } | null)
    return { code: first?.errors?.[0]?.title ?? first?.error, message: first?.errors?.[0]?.detail ?? first?.error_description }
  },
  simulator: async () => (await import('./simulator.js')).createParasutSimulator(),
})
