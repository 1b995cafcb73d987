/**
 * Every request kopru sends to Paraşüt, and every answer the simulator gives, checked against Paraşüt's own
 * OpenAPI (Swagger 2.0) document "Paraşüt - API V4" 4.0.0 (test/fixtures/specs/parasut/swagger.yaml, from
 * parasutcom/api-doc): the unified operations run over real HTTP through the gateway — connect (/me), contacts
 * create / list / get, the tax id lookup, an e-Arşiv from a Trendyol order (internet sale), an e-Fatura with a
 * number and a note, issuance polled to the end, PDFs, a cancel, a refused contact (422) and a lost create
 * answer found again by reference. Each request must hit a documented path and method with documented query
 * parameters and a body valid against the documented schema, sending no property the schema does not declare
 * or marks readOnly, and `include` / `sort` values among those the descriptions list as available; each answer
 * must be valid against the response schema of its status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createParasutSimulator, parasutDemo } from '../../providers/parasut/simulator.js'
import { PUBLIC_URL, connectThroughFlow } from '../helpers/connect-flow.js'
import { manualClock } from '../helpers/events.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'
import { parasutSpec, unavailableValues } from '../helpers/parasut-spec.js'
import { recording } from '../helpers/spec-check.js'
import { serveTrendyol, trendyolCredentials, type ServedTrendyol } from '../helpers/trendyol-tenant.js'

const spec = parasutSpec()
const clock = manualClock(Date.now())
const ISSUE_MS = 2_000
const YEAR = new Date(clock.now() + 3 * 3600_000).getUTCFullYear()
const address = { name: 'Örnek Ticaret A.Ş.', line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR' }

describe('Paraşüt requests and answers match its API V4 document', () => {
  const recorder = recording(createParasutSimulator({ clock, redirectUris: [`${PUBLIC_URL}/connect/callback`], issueDelayMs: ISSUE_MS, quota: { limit: 10_000, windowMs: 10_000 } }))
  let parasut: Awaited<ReturnType<typeof serveSimulator<typeof recorder>>>
  let trendyol: ServedTrendyol
  let gw: TestGateway
  let apiKey = ''
  let connection = ''
  let orders = ''

  beforeAll(async () => {
    parasut = await serveSimulator(recorder)
    trendyol = await serveTrendyol()
    gw = await testGateway({
      publicUrl: PUBLIC_URL,
      quotas: 'off',
      reconcileDelaysMs: [0, 50],
      env: {
        KOPRU_PROVIDER_PARASUT_BASE_URL: parasut.url,
        KOPRU_PROVIDER_PARASUT_CLIENT_ID: parasutDemo.clientId,
        KOPRU_PROVIDER_PARASUT_CLIENT_SECRET: parasutDemo.clientSecret,
        KOPRU_PROVIDER_TRENDYOL_BASE_URL: trendyol.url,
      },
      events: { pollIntervals: { invoices: 3_600_000, orders: 3_600_000, tracking: 3_600_000 } },
    })
    apiKey = (await gw.tenant()).apiKey
    connection = (await connectThroughFlow(gw, apiKey, { provider: 'parasut' })).connectionId!
    const created = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'trendyol', credentials: trendyolCredentials }) })
    orders = ((await created.json()) as { id: string }).id
  })
  afterAll(async () => {
    await Promise.all([parasut.server.close(), trendyol.server.close()])
  })

  const call = (path: string, init: { method?: string; body?: unknown; key?: string; connection?: string } = {}) =>
    gw.call(apiKey, path, {
      method: init.method,
      connection: init.connection ?? connection,
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      ...(init.key ? { headers: { 'idempotency-key': init.key } } : {}),
    })
  const json = async (response: Response, status: number) => {
    expect(response.status, await response.clone().text()).toBe(status)
    return (await response.json()) as Record<string, any>
  }

  it('connect, contacts, tax id lookup, e-Arşiv and e-Fatura issuance, PDFs, cancel, a refusal and a lost answer', async () => {
    const contact = await json(await call('/v1/contacts', { method: 'POST', key: 'contract-contact', body: { type: 'supplier', name: 'Tedarik Ltd.', tax_id: '1234567816', tax_office: 'Kadıköy', email: 'muhasebe@tedarik.test', address } }), 201)
    expect((await call('/v1/contacts?limit=10')).status).toBe(200)
    expect((await call(`/v1/contacts/${contact.id}`)).status).toBe(200)
    await json(await call('/v1/contacts', { method: 'POST', key: 'contract-refused', body: { type: 'customer', name: 'Eksik Ofis', tax_id: '1234567816' } }), 400)
    expect((await json(await call('/v1/tax-ids/1234567808'), 200)).e_invoice_user).toBe(true)

    // An order placed on another Turkish day than the invoice's, so that order_date shows which day it carries
    // (the newest order is often from today: CI failed on it when the suite ran in the evening, Turkish time).
    const turkishDay = (at: string) => new Date(Date.parse(at) + 3 * 3600_000).toISOString().slice(0, 10)
    const today = turkishDay(new Date().toISOString())
    const listed = (await json(await call('/v1/orders?limit=50', { connection: orders }), 200)).data as { id: string; created_at: string }[]
    const order = listed.find((o) => turkishDay(o.created_at) !== today)!
    expect(order).toBeDefined()
    const arsiv = await json(await call('/v1/invoices', { method: 'POST', key: 'contract-arsiv', body: { from_order: { connection_id: orders, order_id: order.id }, note: 'Teşekkürler' } }), 201)
    const fatura = await json(
      await call('/v1/invoices', {
        method: 'POST',
        key: 'contract-fatura',
        body: { buyer: { name: 'Örnek Ticaret A.Ş.', tax_id: '1234567808', tax_office: 'Zincirlikuyu', address }, lines: [{ description: 'Danışmanlık', quantity: 2, unit_price: '1000.50', vat_rate: 20, discount: '10.00' }], number: `KPR${YEAR}000000042`, note: 'Sözleşme 7' },
      }),
      201,
    )
    expect([arsiv.document_type, fatura.document_type]).toEqual(['e_arsiv', 'e_fatura'])
    // The note is the sales invoice's invoice_note (the e-document forms have none); an order number goes with
    // the day the order was placed, without which Paraşüt (and the simulator) refuses to formalise the invoice.
    const kept = [...recorder.simulator.company.invoices.values()].map((entry) => entry.attributes)
    const ordered = turkishDay(order.created_at)
    expect(ordered).not.toBe(arsiv.issue_date)
    expect(kept).toContainEqual(expect.objectContaining({ order_no: order.id, order_date: ordered, invoice_note: 'Teşekkürler' }))
    expect(kept).toContainEqual(expect.objectContaining({ invoice_series: 'KPR', invoice_note: 'Sözleşme 7' }))
    await json(await call(`/v1/invoices/${arsiv.id}`), 200)
    clock.advance(ISSUE_MS)
    expect(await json(await call(`/v1/invoices/${arsiv.id}`), 200)).toMatchObject({ status: 'issued', provider_status: 'legalized', number: expect.stringMatching(/^KPR/) })
    // The e-Fatura's job is done, GİB has not answered yet: numbered, still issuing.
    expect(await json(await call(`/v1/invoices/${fatura.id}`), 200)).toMatchObject({ status: 'issuing', provider_status: 'waiting', number: expect.stringMatching(/^KPR/) })
    clock.advance(ISSUE_MS)
    expect(await json(await call(`/v1/invoices/${fatura.id}`), 200)).toMatchObject({ status: 'issued', provider_status: 'successful' })
    for (const id of [arsiv.id, fatura.id]) expect((await json(await call(`/v1/invoices/${id}/pdf`), 200)).url).toMatch(/\.pdf$/)
    await json(await call(`/v1/invoices/${arsiv.id}/cancel`, { method: 'POST' }), 200)
    recorder.simulator.control.dropCreateAnswers = 1
    await json(await call('/v1/invoices', { method: 'POST', key: 'contract-lost', body: { buyer: { name: 'Zeynep Şahin', tax_id: '10000000146', address }, lines: [{ description: 'Kitap', quantity: 1, unit_price: '80.00', vat_rate: 1 }] } }), 201)

    const calls = recorder.requests.filter((request) => new URL(request.url).pathname.startsWith('/v4/'))
    const paths = new Set(calls.map((request) => `${request.method} ${new URL(request.url).pathname.replace(/\/\d+/g, '/{id}')}`))
    for (const path of ['GET /v4/me', 'POST /v4/{id}/contacts', 'GET /v4/{id}/e_invoice_inboxes', 'POST /v4/{id}/e_archives', 'POST /v4/{id}/e_invoices', 'GET /v4/{id}/trackable_jobs/{id}', 'GET /v4/{id}/sales_invoices', 'DELETE /v4/{id}/sales_invoices/{id}/cancel', 'GET /v4/{id}/e_invoices/{id}/pdf']) {
      expect(paths, path).toContain(path)
    }
    expect(calls.flatMap((request) => [...spec.check(request), ...unavailableValues(request)])).toEqual([])
    // The lost create answer is the simulator's 502 HTML by design: a failure the document cannot describe.
    const answered = calls.filter((request) => request.answer?.status !== 502)
    expect(answered.length).toBeGreaterThan(20)
    expect(answered.flatMap((request) => spec.checkAnswer(request))).toEqual([])
  })
})
