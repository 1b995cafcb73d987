/**
 * İzibiz, a GİB-licensed e-document integrator, over SOAP (public documentation: github.com/izibiz/api-documentation,
 * clients izibiz/izibiz-python-soap-client and friends): a session from AuthenticationWS `Login`, e-Arşiv through
 * EIArchiveWS `WriteToArchiveExtended` / `GetEArchiveInvoiceStatus` / `ReadFromArchive` / `CancelEArchiveInvoice`,
 * e-Fatura through EInvoiceWS `SendInvoice` / `GetInvoiceStatus`, GİB's user list through `CheckUser`. kopru itself
 * writes the UBL-TR 1.2 document (src/core/provider-kit/ubl-tr.ts); İzibiz signs it, numbers it from the series
 * (`SERI`) and reports it to GİB asynchronously.
 */
import { KopruError, bytesToBase64, buildUblTrInvoice, defineProvider, isKopruError, utf8 } from '../../src/core/provider-kit/index.js'
import type { InvoiceDraft, InvoiceState } from '../../src/models/index.js'
import { credentialsSchema, header, izibizCall, seriesOf, supplierOf, type Credentials, type Ctx } from './context.js'
import { IZIBIZ_NOT_FOUND, archiveInvoiceState, eInvoiceState, izibizAttributes, toInvoicePdf, toTaxIdLookup } from './mapping.js'
import { archiveStatusAnswer, checkUserAnswer, invoiceStatusAnswer, izibizArrays, readArchiveAnswer, readIzibiz, writeAnswer } from './wire.js'

/** İzibiz numbers an invoice from its series when the document's sequence is all zeros. */
const placeholderNumber = (ctx: Ctx, draft: InvoiceDraft) => draft.number ?? `${seriesOf(ctx)}${draft.issue_date.slice(0, 4)}000000000`

/** GİB's user list entries for a VKN/TCKN (CheckUser with DOCUMENT_TYPE INVOICE, authentication/_checkuser.md). */
async function gibUsers(ctx: Ctx, taxId: string) {
  const { result } = await izibizCall(ctx, 'auth', 'CheckUser', (session) => ({ REQUEST_HEADER: header(session), USER: { IDENTIFIER: taxId }, DOCUMENT_TYPE: 'INVOICE' }), { arrays: izibizArrays, idempotent: true })
  return readIzibiz(checkUserAnswer, 'CheckUser', result).USER ?? []
}

/** An e-Fatura goes to the buyer's inbox (PK, posta kutusu) alias, not its sender (GB) one. */
async function receiverAlias(ctx: Ctx, taxId: string): Promise<string | null> {
  const users = await gibUsers(ctx, taxId)
  return (users.find((user) => user.UNIT === 'PK') ?? users.find((user) => user.UNIT === undefined))?.ALIAS ?? null
}

async function createInvoice(ctx: Ctx, { invoice }: { invoice: InvoiceDraft }): Promise<InvoiceState> {
  const supplier = supplierOf(ctx)
  const xml = buildUblTrInvoice(invoice, { supplier, number: placeholderNumber(ctx, invoice), issueTime: '00:00:00' })
  const content = bytesToBase64(utf8.encode(xml))
  if (invoice.document_type === 'e_fatura') {
    const alias = await receiverAlias(ctx, invoice.buyer.tax_id)
    if (!alias) throw new KopruError('invalid_request', `${invoice.buyer.tax_id} has no e-Fatura inbox at GİB`, { errors: [{ path: 'body.document_type', message: 'not an e-Fatura user' }] })
    const sent = await izibizCall(ctx, 'invoice', 'SendInvoice', (session) => ({
      REQUEST_HEADER: header(session),
      // efatura/_sendinvoice.md: the tax id and the mailbox go in the `vkn` and `alias` attributes.
      SENDER: { '@_vkn': supplier.tax_id, '@_alias': supplier.alias ?? 'urn:mail:defaultgb@izibiz.com.tr' },
      RECEIVER: { '@_vkn': invoice.buyer.tax_id, '@_alias': alias },
      INVOICE: { CONTENT: content },
    }))
    readIzibiz(writeAnswer, 'SendInvoice', sent.result)
  } else {
    const written = await izibizCall(ctx, 'archive', 'WriteToArchiveExtended', (session) => ({
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
    readIzibiz(writeAnswer, 'WriteToArchiveExtended', written.result)
  }
  return { id: invoice.ettn, status: 'issuing', provider_status: invoice.document_type === 'e_fatura' ? '101' : '100', number: null, ettn: invoice.ettn, pdf_url: null, errors: [], state: { kind: invoice.document_type } }
}

/** The status of one document, from the e-Arşiv or the e-Fatura service. */
async function invoiceStatus(ctx: Ctx, uuid: string, kind: unknown): Promise<InvoiceState> {
  if (kind !== 'e_fatura') {
    const { result } = await izibizCall(ctx, 'archive', 'GetEArchiveInvoiceStatus', (session) => ({ REQUEST_HEADER: header(session), UUID: uuid }), { arrays: izibizArrays, idempotent: true })
    return archiveInvoiceState(uuid, kind, readIzibiz(archiveStatusAnswer, 'GetEArchiveInvoiceStatus', result))
  }
  const { result } = await izibizCall(ctx, 'invoice', 'GetInvoiceStatus', (session) => ({ REQUEST_HEADER: header(session), INVOICE: { '@_UUID': uuid } }), { arrays: izibizArrays, attributes: izibizAttributes, idempotent: true })
  return eInvoiceState(uuid, kind, readIzibiz(invoiceStatusAnswer, 'GetInvoiceStatus', result))
}

async function invoicePdf(ctx: Ctx, { id, state }: { id: string; state: Record<string, unknown> }) {
  if (state.kind === 'e_fatura') throw new KopruError('unsupported_operation', 'kopru reads PDFs of İzibiz e-Arşiv invoices only')
  // earsiv/_readfromarchive.md: INVOICE_ID carries the ETTN; COMPRESSED=N (in the header) asks for the plain file.
  const { result } = await izibizCall(ctx, 'archive', 'ReadFromArchive', (session) => ({ REQUEST_HEADER: header(session), INVOICE_ID: id, PORTAL_DIRECTION: 'OUT', PROFILE: 'PDF' }), { idempotent: true })
  return toInvoicePdf(readIzibiz(readArchiveAnswer, 'ReadFromArchive', result))
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
    'tax_ids.lookup': async (ctx, { taxId }) => toTaxIdLookup(taxId, await gibUsers(ctx, taxId)),
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
    await gibUsers(ctx, supplierOf(ctx).tax_id)
  },
  simulator: async () => (await import('./simulator.js')).createIzibizSimulator(),
})
