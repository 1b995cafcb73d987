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

  beforeAll(async () => {
    const simulator = createParasutSimulator({ clock, redirectUris: [`${PUBLIC_URL}/connect/callback`], issueDelayMs: ISSUE_MS, quota: { limit: 10_000, windowMs: 10_000 } })
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
  async function issued(key: string) {
    const created = await gw.call(apiKey, '/v1/invoices', {
      method: 'POST',
      connection,
      headers: { 'idempotency-key': key },
      body: JSON.stringify({ buyer: { name: 'Zeynep Şahin', tax_id: '10000000146', address }, lines: [{ description: 'Danışmanlık', quantity: 1, unit_price: '100.00', vat_rate: 20 }] }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    clock.advance(ISSUE_MS)
    return ((await created.json()) as { id: string }).id
  }
  const read = async (path: string) => {
    const response = await gw.call(apiKey, path, { connection })
    return { status: response.status, body: (await response.json()) as Json }
  }

  it('a sales invoice with its totals as numbers and no currency (SalesInvoiceAttributes: decimal, optional) is read', async () => {
    const id = await issued('numbers-1')
    rewrites.push({
      path: /\/sales_invoices\/\d+$/,
      rewrite: ({ data, ...rest }) => {
        const { currency: _currency, ...attributes } = data.attributes
        for (const key of ['net_total', 'gross_total', 'total_vat']) attributes[key] = Number(attributes[key])
        return { ...rest, data: { ...data, attributes } }
      },
    })
    const answer = await read(`/v1/invoices/${id}`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^KPR\d{13}$/) })
  })

  it('the active e-document included without attributes (JSON:API allows it) is an issued invoice, not a 500', async () => {
    const id = await issued('bare-1')
    rewrites.push({ path: /\/sales_invoices\/\d+$/, rewrite: (body) => ({ ...body, included: body.included?.map(({ id, type }: Json) => ({ id, type })) }) })
    const answer = await read(`/v1/invoices/${id}`)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ status: 'issued', number: null })
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
})
