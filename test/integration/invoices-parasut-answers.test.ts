/**
 * Paraşüt answers that are valid by its own published models but not what the simulator sends by default, over
 * HTTP through the gateway: each is read (or refused as 502 naming the field), never a 500. The simulator is the
 * usual one with its answer rewritten on the way out, as the source of each shape says Paraşüt may answer.
 * Source of the shapes: Paraşüt's API v4 (Swagger 2.0 "Paraşüt - API V4") models as generated in public clients
 * (e.g. yagizzcann/Edvido.Integrations.Parasut Model/SalesInvoiceAttributes.cs, EInvoiceInboxAttributes.cs,
 * EDocumentPdfAttributes.cs), and JSON:API 1.0 §7.2 ("a resource object MAY contain attributes").
 */
import { Hono } from 'hono'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createParasutSimulator, parasutDemo, type ParasutSimulator } from '../../providers/parasut/simulator.js'
import { PUBLIC_URL, connectThroughFlow } from '../helpers/connect-flow.js'
import { manualClock } from '../helpers/events.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const clock = manualClock(Date.now())
const ISSUE_MS = 1_000
type Json = Record<string, any>
/** Per path pattern, what becomes of the simulator's JSON answer. */
const rewrites: { path: RegExp; rewrite: (body: Json) => Json }[] = []

function rewriting(simulator: ParasutSimulator) {
  const app = new Hono()
  app.use('*', async (c, next) => {
    await next()
    const rule = rewrites.find((entry) => entry.path.test(new URL(c.req.url).pathname) && c.req.method === 'GET')
    if (!rule || !c.res.headers.get('content-type')?.includes('json')) return
    c.res = new Response(JSON.stringify(rule.rewrite(await c.res.json())), { status: c.res.status, headers: { 'content-type': 'application/json' } })
  })
  app.route('/', simulator.app)
  return { ...simulator, app }
}

describe('Paraşüt answers shaped as its API v4 models allow, over HTTP', () => {
  let parasut: Awaited<ReturnType<typeof serveSimulator<ReturnType<typeof rewriting>>>>
  let gw: TestGateway
  let apiKey: string
  let connection = ''

  let simulator: ParasutSimulator
  beforeAll(async () => {
    simulator = createParasutSimulator({ clock, redirectUris: [`${PUBLIC_URL}/connect/callback`], issueDelayMs: ISSUE_MS, quota: { limit: 10_000, windowMs: 10_000 } })
    parasut = await serveSimulator(rewriting(simulator))
  })
  afterAll(() => parasut.server.close())

  beforeEach(async () => {
    rewrites.length = 0
    gw = await testGateway({
      publicUrl: PUBLIC_URL,
      quotas: 'off',
      env: { KOPRU_PROVIDER_PARASUT_BASE_URL: parasut.url, KOPRU_PROVIDER_PARASUT_CLIENT_ID: parasutDemo.clientId, KOPRU_PROVIDER_PARASUT_CLIENT_SECRET: parasutDemo.clientSecret },
      events: { pollIntervals: { invoices: 3_600_000, orders: 3_600_000, tracking: 3_600_000 } },
    })
    apiKey = (await gw.tenant()).apiKey
    connection = (await connectThroughFlow(gw, apiKey, { provider: 'parasut' })).connectionId!
  })

  const address = { name: 'Zeynep Şahin', line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR' }
  /** An e-Arşiv to a TCKN, or with `buyer` an e-Fatura to the registered VKN; its job done unless `wait` is false. */
  async function issued(key: string, { buyer = { name: 'Zeynep Şahin', tax_id: '10000000146' }, wait = true }: { buyer?: Json; wait?: boolean } = {}) {
    const created = await gw.call(apiKey, '/v1/invoices', {
      method: 'POST',
      connection,
      headers: { 'idempotency-key': key },
      body: JSON.stringify({ buyer: { ...buyer, address }, lines: [{ description: 'Danışmanlık', quantity: 1, unit_price: '100.00', vat_rate: 20 }] }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    if (wait) clock.advance(ISSUE_MS)
    return ((await created.json()) as { id: string }).id
  }
  const registered = { name: 'Örnek Ticaret A.Ş.', tax_id: parasutDemo.inboxes[0]!.vkn, tax_office: 'Zincirlikuyu' }
  const eDocumentStatus = (status: string | undefined) => (body: Json) => ({ ...body, included: body.included?.map((item: Json) => ({ ...item, attributes: { ...item.attributes, status } })) })
  const read = async (path: string) => {
    const response = await gw.call(apiKey, path, { connection })
    return { status: response.status, body: (await response.json()) as Json }
  }

  it('a sales invoice with its totals as decimal strings (as Rails renders BigDecimal; the model says number) and no currency is read', async () => {
    const id = await issued('numbers-1')
    rewrites.push({
      path: /\/sales_invoices\/\d+$/,
      rewrite: ({ data, ...rest }) => {
        const { currency: _currency, ...attributes } = data.attributes
        for (const key of ['net_total', 'gross_total', 'total_vat']) attributes[key] = Number(attributes[key]).toFixed(2)
        return { ...rest, data: { ...data, attributes } }
      },
    })
    const answer = await read(`/v1/invoices/${id}`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^KPR\d{13}$/) })
  })

  it('the active e-document included without attributes (JSON:API allows it) is an issued invoice numbered by the sales invoice’s invoice_no, not a 500', async () => {
    const id = await issued('bare-1')
    rewrites.push({ path: /\/sales_invoices\/\d+$/, rewrite: (body) => ({ ...body, included: body.included?.map(({ id, type }: Json) => ({ id, type })) }) })
    const answer = await read(`/v1/invoices/${id}`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^KPR\d{13}$/) })
  })

  it('an e-document of a type kopru knows with attributes it cannot read is a 502 naming the included resource', async () => {
    const id = await issued('odd-1')
    rewrites.push({ path: /\/sales_invoices\/\d+$/, rewrite: (body) => ({ ...body, included: body.included?.map((item: Json) => ({ ...item, attributes: { status: 7 } })) }) })
    const answer = await read(`/v1/invoices/${id}`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(502)
    expect(answer.body).toMatchObject({ code: 'provider_error', errors: [{ path: expect.stringContaining('included[0]') }] })
  })

  it('an e-invoice inbox without vkn and with registered_at in local time (EInvoiceInboxAttributes: all optional, date-time)', async () => {
    rewrites.push({
      path: /\/e_invoice_inboxes$/,
      rewrite: (body) => ({ ...body, data: body.data.map(({ attributes: { vkn: _vkn, ...attributes }, ...inbox }: Json) => ({ ...inbox, attributes: { ...attributes, registered_at: '2020-01-02T00:00:00' } })) }),
    })
    const answer = await read('/v1/tax-ids/1234567808')
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ e_invoice_user: true, registered_at: '2020-01-01T21:00:00.000Z' })
  })

  it('a registered_at that is no date is no registration time, not a 500', async () => {
    rewrites.push({ path: /\/e_invoice_inboxes$/, rewrite: (body) => ({ ...body, data: body.data.map((inbox: Json) => ({ ...inbox, attributes: { ...inbox.attributes, registered_at: 'unknown' } })) }) })
    const answer = await read('/v1/tax-ids/1234567808')
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ e_invoice_user: true, registered_at: null })
  })

  it('a PDF link whose expires_at has no offset is answered in ISO UTC', async () => {
    const id = await issued('pdf-1')
    await read(`/v1/invoices/${id}`)
    rewrites.push({ path: /\/pdf$/, rewrite: ({ data }) => ({ data: { ...data, attributes: { ...data.attributes, expires_at: '2026-12-03 15:00:00' } } }) })
    const answer = await read(`/v1/invoices/${id}/pdf`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body.expires_at).toBe('2026-12-03T12:00:00.000Z')
  })

  it('a trackable job that does not say its status (TrackableJobAttributes.status is optional) is still issuing, not a 502', async () => {
    const id = await issued('job-1', { wait: false })
    rewrites.push({ path: /\/trackable_jobs\/\d+$/, rewrite: ({ data }) => ({ data: { ...data, attributes: { errors: [] } } }) })
    const answer = await read(`/v1/invoices/${id}`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ status: 'issuing', provider_status: 'job:unknown', errors: [] })
  })

  it('an e-Fatura is issuing while `waiting`, failed with a reason when `failed`, issued when `successful` (EInvoiceAttributes.status)', async () => {
    const id = await issued('fatura-1', { buyer: registered })
    expect((await read(`/v1/invoices/${id}`)).body).toMatchObject({ document_type: 'e_fatura', status: 'issuing', provider_status: 'waiting', number: expect.stringMatching(/^KPR/) })
    rewrites.push({ path: /\/sales_invoices\/\d+$/, rewrite: eDocumentStatus('failed') })
    const failed = await read(`/v1/invoices/${id}`)
    expect(failed.status, JSON.stringify(failed.body)).toBe(200)
    expect(failed.body).toMatchObject({ status: 'failed', provider_status: 'failed', errors: [{ code: 'parasut_e_invoice_failed', message: expect.stringContaining('failed') }] })
    const other = await issued('fatura-2', { buyer: { ...registered, name: 'Örnek Ticaret A.Ş. Şube' } })
    rewrites[0] = { path: /\/sales_invoices\/\d+$/, rewrite: eDocumentStatus('successful') }
    expect((await read(`/v1/invoices/${other}`)).body).toMatchObject({ status: 'issued', provider_status: 'successful' })
  })

  it('an e-Arşiv in any of its statuses is issued (bounced: the e-mail to the buyer came back), and one without a status too', async () => {
    const id = await issued('bounced-1')
    rewrites.push({ path: /\/sales_invoices\/\d+$/, rewrite: eDocumentStatus('bounced') })
    expect((await read(`/v1/invoices/${id}`)).body).toMatchObject({ status: 'issued', provider_status: 'bounced' })
    const bare = await issued('bounced-2', { buyer: { name: 'Zeynep Şahin Kırtasiye', tax_id: '10000000146' } })
    rewrites[0] = { path: /\/sales_invoices\/\d+$/, rewrite: eDocumentStatus(undefined) }
    expect((await read(`/v1/invoices/${bare}`)).body).toMatchObject({ status: 'issued', provider_status: 'issued' })
  })

  it('a job id Paraşüt no longer knows (it lives 15 minutes) with no e-document on the invoice is failed, not a 404; a done one is issued', async () => {
    simulator.control.failNextIssuance.push('GİB: zaman aşımı')
    const lost = await issued('expired-1', { wait: false })
    const made = await issued('expired-2', { buyer: { name: 'Zeynep Şahin Kitabevi', tax_id: '10000000146' }, wait: false })
    clock.advance(16 * 60_000)
    const failed = await read(`/v1/invoices/${lost}`)
    expect(failed.status, JSON.stringify(failed.body)).toBe(200)
    expect(failed.body).toMatchObject({ status: 'failed', provider_status: 'job:expired', errors: [{ code: 'parasut_job_expired' }] })
    expect((await read(`/v1/invoices/${made}`)).body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^KPR/) })
  })
})
