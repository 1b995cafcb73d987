/**
 * İzibiz, a GİB-licensed e-document integrator, over SOAP (public documentation: github.com/izibiz/api-documentation,
 * clients izibiz/izibiz-python-soap-client and friends): a session from AuthenticationWS `Login`, e-Arşiv through
 * EIArchiveWS `WriteToArchiveExtended` / `GetEArchiveInvoiceStatus` / `ReadFromArchive` / `CancelEArchiveInvoice`,
 * e-Fatura through EFaturaOIB `SendInvoice` / `GetInvoiceStatus`, GİB's user list through `CheckUser`. kopru itself
 * writes the UBL-TR 1.2 document (src/core/provider-kit/ubl-tr.ts); İzibiz signs it, numbers it from the series
 * (`SERI`) and reports it to GİB asynchronously.
 */
import { KopruError, bytesToBase64, buildUblTrInvoice, defineProvider, isKopruError, soapList, soapText, utf8 } from '../../src/core/provider-kit/index.js'
import type { InvoiceDraft, InvoiceState } from '../../src/models/index.js'
import { credentialsSchema, header, izibizCall, seriesOf, supplierOf, type Credentials, type Ctx } from './context.js'
import { IZIBIZ_NOT_FOUND, izibizStatusTable } from './mapping.js'

/** İzibiz numbers an invoice from its series when the document's sequence is all zeros. */
const placeholderNumber = (ctx: Ctx, draft: InvoiceDraft) => draft.number ?? `${seriesOf(ctx)}${draft.issue_date.slice(0, 4)}000000000`

async function receiverAlias(ctx: Ctx, taxId: string): Promise<string | null> {
  const { result } = await izibizCall(ctx, 'auth', 'CheckUser', (session) => ({ REQUEST_HEADER: header(session), USER: { IDENTIFIER: taxId } }), { arrays: ['USER'], idempotent: true })
  return soapText(soapList(result, 'USER')[0], 'ALIAS') || null
}

async function createInvoice(ctx: Ctx, { invoice }: { invoice: InvoiceDraft }): Promise<InvoiceState> {
  const supplier = supplierOf(ctx)
  const xml = buildUblTrInvoice(invoice, { supplier, number: placeholderNumber(ctx, invoice), issueTime: '00:00:00' })
  const content = bytesToBase64(utf8.encode(xml))
  if (invoice.document_type === 'e_fatura') {
    const alias = await receiverAlias(ctx, invoice.buyer.tax_id)
    if (!alias) throw new KopruError('invalid_request', `${invoice.buyer.tax_id} has no e-Fatura inbox at GİB`, { errors: [{ path: 'body.document_type', message: 'not an e-Fatura user' }] })
    await izibizCall(ctx, 'invoice', 'SendInvoice', (session) => ({
      REQUEST_HEADER: header(session),
      SENDER: { vkn: supplier.tax_id, alias: supplier.alias ?? 'urn:mail:defaultgb@izibiz.com.tr' },
      RECEIVER: { vkn: invoice.buyer.tax_id, alias },
      INVOICE: { CONTENT: content },
    }))
  } else {
    await izibizCall(ctx, 'archive', 'WriteToArchiveExtended', (session) => ({
      REQUEST_HEADER: header(session),
      ArchiveInvoiceExtendedContent: {
        INVOICE_PROPERTIES: {
          EARSIV_FLAG: 'Y',
          EARSIV_PROPERTIES: {
            EARSIV_TYPE: invoice.sales_channel ? 'INTERNET' : 'NORMAL',
            SUB_STATUS: 'NEW',
            SERI: invoice.number ? undefined : seriesOf(ctx),
            EARSIV_EMAIL_FLAG: invoice.buyer.email ? 'Y' : 'N',
            EARSIV_EMAIL: invoice.buyer.email ?? undefined,
          },
          INVOICE_CONTENT: content,
        },
      },
    }))
  }
  return { id: invoice.ettn, status: 'issuing', provider_status: 'KUYRUKTA', number: null, ettn: invoice.ettn, pdf_url: null, errors: [], state: { kind: invoice.document_type } }
}

async function invoiceStatus(ctx: Ctx, uuid: string, kind: unknown): Promise<InvoiceState> {
  const archive = kind !== 'e_fatura'
  const { result } = archive
    ? await izibizCall(ctx, 'archive', 'GetEArchiveInvoiceStatus', (session) => ({ REQUEST_HEADER: header(session), UUID: uuid }), { arrays: ['INVOICE'], idempotent: true })
    : await izibizCall(ctx, 'invoice', 'GetInvoiceStatus', (session) => ({ REQUEST_HEADER: header(session), INVOICE: { UUID: uuid } }), { arrays: ['INVOICE'], idempotent: true })
  const row = archive ? (soapList(result, 'INVOICE')[0]?.HEADER as Record<string, unknown> | undefined) : (result.INVOICE_STATUS as Record<string, unknown> | undefined)
  const status = soapText(row, 'STATUS')
  if (!row || !status) throw new KopruError('provider_error', 'İzibiz answered the status query without STATUS', { provider: { id: 'izibiz' }, errors: [{ path: archive ? 'INVOICE.HEADER.STATUS' : 'INVOICE_STATUS.STATUS', message: 'missing' }] })
  const mapped = izibizStatusTable[status]
  if (!mapped) ctx.log.warn('unknown İzibiz invoice status, kept as issuing', { status })
  const unified = mapped ?? 'issuing'
  const description = soapText(row, 'STATUS_DESCRIPTION')
  return {
    id: uuid,
    status: unified,
    provider_status: status,
    number: soapText(row, 'INVOICE_ID') || null,
    ettn: uuid,
    pdf_url: null,
    errors: unified === 'failed' ? [{ code: soapText(row, 'STATUS_CODE') || null, message: description || status, path: null }] : [],
    state: { kind },
    raw: row,
  }
}

async function invoicePdf(ctx: Ctx, { id, state }: { id: string; state: Record<string, unknown> }) {
  if (state.kind === 'e_fatura') throw new KopruError('unsupported_operation', 'kopru reads PDFs of İzibiz e-Arşiv invoices only')
  const { result } = await izibizCall(ctx, 'archive', 'ReadFromArchive', (session) => ({ REQUEST_HEADER: header(session), INVOICEID: id, PORTAL_DIRECTION: 'OUT', PROFILE: 'PDF' }), { idempotent: true })
  const pdf = soapText(result, 'INVOICE')
  if (!/^[A-Za-z0-9+/=]+$/.test(pdf)) throw new KopruError('provider_error', 'İzibiz sent no PDF', { provider: { id: 'izibiz' }, errors: [{ path: 'INVOICE', message: 'not base64' }] })
  // İzibiz hands the file itself, not a link: a data URL carries it.
  return { url: `data:application/pdf;base64,${pdf}`, expires_at: null }
}

export const izibiz = defineProvider<Credentials>({
  id: 'izibiz',
  name: 'İzibiz',
  kind: 'accounting',
  auth: {
    type: 'credentials',
    fields: [
      { name: 'username', label: 'Kullanıcı adı', secret: false },
      { name: 'password', label: 'Şifre', secret: true },
    ],
    schema: credentialsSchema,
    // The session id travels in every REQUEST_HEADER, not in HTTP headers.
    apply() {},
  },
  baseUrls: { production: 'https://efatura.izibiz.com.tr', sandbox: 'https://efaturatest.izibiz.com.tr' },
  quotas: [{ group: 'default', limit: 20, intervalMs: 1000, scope: 'credential', description: 'kopru’s own ceiling; İzibiz publishes no figure' }],
  accounting: { currencies: ['TRY', 'USD', 'EUR', 'GBP'] },
  operations: {
    'invoices.create': createInvoice,
    'invoices.get': (ctx, { id, state }) => invoiceStatus(ctx, id, state.kind),
    'invoices.cancel': async (ctx, { id, state }) => {
      if (state.kind === 'e_fatura') throw new KopruError('conflict', 'an e-Fatura is not cancelled by its sender; the buyer rejects it or a return invoice is issued')
      await izibizCall(ctx, 'archive', 'CancelEArchiveInvoice', (session) => ({ REQUEST_HEADER: header(session), CancelEArsivInvoiceContent: { FATURA_UUID: id, DELETE_FLAG: 'N' } }))
      return invoiceStatus(ctx, id, state.kind)
    },
    'invoices.pdf': invoicePdf,
    'tax_ids.lookup': async (ctx, { taxId }) => {
      const { result } = await izibizCall(ctx, 'auth', 'CheckUser', (session) => ({ REQUEST_HEADER: header(session), USER: { IDENTIFIER: taxId } }), { arrays: ['USER'], idempotent: true })
      const users = soapList(result, 'USER')
      const registered = soapText(users[0], 'REGISTER_TIME')
      return {
        tax_id: taxId,
        e_invoice_user: users.length > 0,
        name: soapText(users[0], 'TITLE') || null,
        aliases: users.map((user) => soapText(user, 'ALIAS')).filter(Boolean),
        registered_at: registered && !Number.isNaN(Date.parse(registered)) ? new Date(registered).toISOString() : null,
      }
    },
  },
  async findInvoiceByReference(ctx, { invoice }) {
    try {
      return await invoiceStatus(ctx, invoice.ettn, invoice.document_type)
    } catch (error) {
      if (isKopruError(error) && error.code === 'provider_error' && error.provider?.code === IZIBIZ_NOT_FOUND) return null
      throw error
    }
  },
  async verifyCredentials(ctx) {
    supplierOf(ctx)
    await izibizCall(ctx, 'auth', 'CheckUser', (session) => ({ REQUEST_HEADER: header(session), USER: { IDENTIFIER: supplierOf(ctx).tax_id } }), { arrays: ['USER'], idempotent: true })
  },
  simulator: async () => (await import('./simulator.js')).createIzibizSimulator(),
})
