import { Hono } from 'hono'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { izibiz } from '../../providers/izibiz/index.js'
import { izibizFault } from '../../providers/izibiz/context.js'
import { IZIBIZ_VALIDATION, izibizAttributes, izibizServices } from '../../providers/izibiz/mapping.js'
import { buildSoapEnvelope, readSoapRequest, type SoapValue } from '../../src/core/provider-kit/index.js'
import { adapterContext } from '../helpers/adapter-context.js'
import { serveSimulator } from '../helpers/simulators.js'

/** An İzibiz endpoint whose answers the test chooses, per operation (Login answers `login`). */
const answers: Record<string, Record<string, SoapValue>> = {}
/** What kopru sent, per operation (the parsed operation element). */
const sent: { path: string; operation: string; params: Record<string, unknown> }[] = []
const app = new Hono()
for (const service of Object.values(izibizServices)) {
  app.post(service.path, async (c) => {
    const request = readSoapRequest(await c.req.text(), [], { attributes: izibizAttributes })
    const operation = request.ok ? request.operation : 'none'
    if (request.ok) sent.push({ path: service.path, operation, params: request.params })
    const params = answers[operation] ?? { REQUEST_RETURN: { RETURN_CODE: '0' } }
    return c.body(buildSoapEnvelope({ namespace: service.namespace, operation: `${operation}Response`, params }), 200, { 'content-type': 'text/xml' })
  })
}

const UUID = '8a4a2d1e-5c1b-4f0e-9a51-6b3c2f1d0e9a'

describe('İzibiz answers are read through wire schemas: surprises are 502 naming the field', () => {
  let server: Awaited<ReturnType<typeof serveSimulator<{ app: Hono }>>>
  beforeAll(async () => {
    server = await serveSimulator({ app })
  })
  afterAll(() => server.server.close())
  const ctx = () => adapterContext(izibiz, { baseUrl: server.url, credentials: { username: 'u', password: 'p' } })
  const expectWireError = async (call: Promise<unknown>, path: string) => {
    await expect(call).rejects.toMatchObject({ code: 'provider_error', status: 502, provider: { id: 'izibiz' } })
    await expect(call).rejects.toHaveProperty(['errors', 0, 'path'], path)
  }

  it('a validation fault naming an element like an object property points at provider.<element>, not at a function', () => {
    for (const element of ['constructor', '__proto__', 'toString']) {
      const error = izibizFault({ code: 'soap:Server', message: 'invalid', detail: { RequestFault: { ERROR_CODE: IZIBIZ_VALIDATION, ERROR_SHORT_DES: element } } }, 500)
      expect(error).toMatchObject({ code: 'invalid_request', errors: [{ path: `provider.${element}` }] })
    }
  })

  it("an ERROR_TYPE inside a 200 answer is İzibiz's failure with its code, not a missing row (ortak/_response.md)", async () => {
    answers.Login = { SESSION_ID: 's-err' }
    answers.GetEArchiveInvoiceStatus = { ERROR_TYPE: { ERROR_CODE: '10000', ERROR_SHORT_DESC: 'UUID', ERROR_LONG_DESC: 'Belge bulunamadı', INTL_TXN_ID: 't-1' } }
    const get = izibiz.operations['invoices.get']!(ctx(), { id: UUID, state: { kind: 'e_arsiv' } })
    await expect(get).rejects.toMatchObject({ code: 'provider_error', retryable: false, provider: { id: 'izibiz', code: '10000', message: 'Belge bulunamadı' } })
    // A session İzibiz calls expired this way logs in again, once.
    sent.length = 0
    answers.GetEArchiveInvoiceStatus = { ERROR_TYPE: { ERROR_CODE: '10002', ERROR_SHORT_DESC: 'SESSION_ID' } }
    await expect(izibiz.operations['invoices.get']!(ctx(), { id: UUID, state: { kind: 'e_arsiv' } })).rejects.toMatchObject({ provider: { code: '10002' } })
    expect(sent.map((request) => request.operation)).toEqual(['Login', 'GetEArchiveInvoiceStatus', 'Login', 'GetEArchiveInvoiceStatus'])
  })

  it('Login without SESSION_ID', async () => {
    answers.Login = { REQUEST_RETURN: { RETURN_CODE: '0' } }
    await expectWireError(izibiz.operations['tax_ids.lookup']!(ctx(), { taxId: '1234567808' }), 'Login.SESSION_ID')
  })

  it('CheckUser rows without an ALIAS', async () => {
    answers.Login = { SESSION_ID: 's-1' }
    answers.CheckUser = { USER: [{ IDENTIFIER: '1234567808', TITLE: 'Örnek' }] }
    await expectWireError(izibiz.operations['tax_ids.lookup']!(ctx(), { taxId: '1234567808' }), 'CheckUser.USER[0].ALIAS')
  })

  it('CheckUser answers are read: the PK alias, REGISTER_TIME as Turkish time', async () => {
    answers.Login = { SESSION_ID: 's-2' }
    answers.CheckUser = { USER: [{ IDENTIFIER: '1234567808', ALIAS: 'urn:mail:defaultpk@ornek.com.tr', TITLE: 'Örnek', UNIT: 'PK', REGISTER_TIME: '2013-07-01T15:22:11' }] }
    const lookup = await izibiz.operations['tax_ids.lookup']!(ctx(), { taxId: '1234567808' })
    expect(lookup).toMatchObject({ e_invoice_user: true, aliases: ['urn:mail:defaultpk@ornek.com.tr'], registered_at: '2013-07-01T12:22:11.000Z' })
  })

  it('an e-Arşiv status answer without its INVOICE row, with a STATUS that is no status, or with a nested STATUS', async () => {
    answers.Login = { SESSION_ID: 's-3' }
    const get = () => izibiz.operations['invoices.get']!(ctx(), { id: UUID, state: { kind: 'e_arsiv' } })
    answers.GetEArchiveInvoiceStatus = { REQUEST_RETURN: { RETURN_CODE: '0' } }
    await expectWireError(get(), 'GetEArchiveInvoiceStatus.INVOICE')
    answers.GetEArchiveInvoiceStatus = { INVOICE: { HEADER: { UUID, STATUS: 'UÇTU' } } }
    await expectWireError(get(), 'GetEArchiveInvoiceStatus.INVOICE[0].HEADER.STATUS')
    answers.GetEArchiveInvoiceStatus = { INVOICE: { HEADER: { UUID, STATUS: { CODE: '130' } } } }
    await expectWireError(get(), 'GetEArchiveInvoiceStatus.INVOICE[0].HEADER.STATUS')
    answers.GetEArchiveInvoiceStatus = { INVOICE: { HEADER: { UUID, INVOICE_ID: 'KPR2026000000001', STATUS: '130', STATUS_DESC: 'RAPORLANDI' } } }
    await expect(get()).resolves.toMatchObject({ status: 'issued', provider_status: '130', number: 'KPR2026000000001' })
  })

  it('an e-Fatura status answer with an unknown STATUS, and a known one', async () => {
    answers.Login = { SESSION_ID: 's-4' }
    const get = () => izibiz.operations['invoices.get']!(ctx(), { id: UUID, state: { kind: 'e_fatura' } })
    answers.GetInvoiceStatus = { INVOICE_STATUS: { STATUS: '999' } }
    await expectWireError(get(), 'GetInvoiceStatus.INVOICE_STATUS[0].STATUS')
    answers.GetInvoiceStatus = { INVOICE_STATUS: { STATUS: '120', STATUS_DESCRIPTION: 'RET EDİLDİ' } }
    await expect(get()).resolves.toMatchObject({ status: 'failed', errors: [{ code: '120', message: 'RET EDİLDİ' }] })
  })

  it('ReadFromArchive with no INVOICE, or one that is not base64', async () => {
    answers.Login = { SESSION_ID: 's-5' }
    const pdf = () => izibiz.operations['invoices.pdf']!(ctx(), { id: UUID, state: { kind: 'e_arsiv' } })
    answers.ReadFromArchive = { REQUEST_RETURN: { RETURN_CODE: '0' } }
    await expectWireError(pdf(), 'ReadFromArchive.INVOICE')
    answers.ReadFromArchive = { INVOICE: '<html>oops</html>' }
    await expectWireError(pdf(), 'ReadFromArchive.INVOICE')
  })

  it('ReadFromArchive base64 with line breaks (xs:base64Binary, earsiv/_readfromarchive.md) is the file, not a refusal', async () => {
    answers.Login = { SESSION_ID: 's-6' }
    const file = Buffer.from('%PDF-1.4\n' + 'x'.repeat(200)).toString('base64')
    answers.ReadFromArchive = { INVOICE: file.replace(/(.{76})/g, '$1\n') }
    const pdf = await izibiz.operations['invoices.pdf']!(ctx(), { id: UUID, state: { kind: 'e_arsiv' } })
    expect(pdf).toEqual({ url: `data:application/pdf;base64,${file}`, expires_at: null })
  })

  it('CheckUser REGISTER_TIME with a fraction of a second is still Turkish time; a STATUS named like an object property is no status', async () => {
    answers.Login = { SESSION_ID: 's-7' }
    answers.CheckUser = { USER: [{ IDENTIFIER: '1234567808', ALIAS: 'urn:mail:defaultpk@ornek.com.tr', UNIT: 'PK', REGISTER_TIME: '2013-07-01T15:22:11.250' }] }
    await expect(izibiz.operations['tax_ids.lookup']!(ctx(), { taxId: '1234567808' })).resolves.toMatchObject({ registered_at: '2013-07-01T12:22:11.250Z' })
    answers.GetEArchiveInvoiceStatus = { INVOICE: { HEADER: { UUID, STATUS: 'constructor' } } }
    await expectWireError(izibiz.operations['invoices.get']!(ctx(), { id: UUID, state: { kind: 'e_arsiv' } }), 'GetEArchiveInvoiceStatus.INVOICE[0].HEADER.STATUS')
  })
})

/** The request parameters izibiz/api-documentation marks required ("Zorunluluk: Evet"), per operation. */
const requestHeader = z.object({ SESSION_ID: z.string().min(1), APPLICATION_NAME: z.string().min(1), CHANNEL_NAME: z.string().min(1) })
const documented: Record<string, { path: string; params: z.ZodType }> = {
  Login: { path: '/AuthenticationWS', params: z.object({ REQUEST_HEADER: requestHeader.extend({ SESSION_ID: z.literal('-1') }), USER_NAME: z.string().min(1), PASSWORD: z.string().min(1) }) },
  CheckUser: { path: '/AuthenticationWS', params: z.object({ REQUEST_HEADER: requestHeader, USER: z.object({ IDENTIFIER: z.string().regex(/^\d{10,11}$/) }), DOCUMENT_TYPE: z.literal('INVOICE') }) },
  GetEArchiveInvoiceStatus: { path: '/EIArchiveWS/EFaturaArchive', params: z.object({ REQUEST_HEADER: requestHeader, UUID: z.string().uuid() }) },
  ReadFromArchive: { path: '/EIArchiveWS/EFaturaArchive', params: z.object({ REQUEST_HEADER: requestHeader.extend({ COMPRESSED: z.literal('N') }), INVOICE_ID: z.string().uuid(), PORTAL_DIRECTION: z.literal('OUT'), PROFILE: z.enum(['PDF', 'HTML', 'XML']) }) },
  // efatura/_getinvoicestatus.md: INVOICE.UUID, an attribute as in every public client (`<INVOICE UUID="…"/>`).
  GetInvoiceStatus: { path: '/EInvoiceWS', params: z.object({ REQUEST_HEADER: requestHeader, INVOICE: z.strictObject({ '@_UUID': z.string().uuid() }) }) },
}

describe('what kopru sends İzibiz carries the parameters its documentation requires, at the documented paths', () => {
  let server: Awaited<ReturnType<typeof serveSimulator<{ app: Hono }>>>
  beforeAll(async () => {
    server = await serveSimulator({ app })
  })
  afterAll(() => server.server.close())

  it('Login, CheckUser, both status reads and the PDF read', async () => {
    sent.length = 0
    answers.Login = { SESSION_ID: 's-req' }
    answers.CheckUser = { REQUEST_RETURN: { RETURN_CODE: '0' } }
    answers.GetEArchiveInvoiceStatus = { INVOICE: { HEADER: { UUID, STATUS: '100' } } }
    answers.GetInvoiceStatus = { INVOICE_STATUS: { '@_ID': 'KPR2026000000007', '@_UUID': UUID, STATUS: '101' } }
    answers.ReadFromArchive = { INVOICE: 'JVBERi0xLjQK' }
    const ctx = adapterContext(izibiz, { baseUrl: server.url, credentials: { username: 'u', password: 'p' } })
    await izibiz.operations['tax_ids.lookup']!(ctx, { taxId: '1234567808' })
    await izibiz.operations['invoices.get']!(ctx, { id: UUID, state: { kind: 'e_arsiv' } })
    expect(await izibiz.operations['invoices.get']!(ctx, { id: UUID, state: { kind: 'e_fatura' } })).toMatchObject({ number: 'KPR2026000000007' })
    await izibiz.operations['invoices.pdf']!(ctx, { id: UUID, state: { kind: 'e_arsiv' } })
    expect(sent.map((request) => request.operation)).toEqual(['Login', 'CheckUser', 'GetEArchiveInvoiceStatus', 'GetInvoiceStatus', 'ReadFromArchive'])
    for (const request of sent) {
      const spec = documented[request.operation]!
      expect(request.path, request.operation).toBe(spec.path)
      const checked = spec.params.safeParse(request.params)
      expect(checked.success, `${request.operation}: ${JSON.stringify(checked.error?.issues)}`).toBe(true)
    }
  })
})
