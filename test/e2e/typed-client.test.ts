import { Hono } from 'hono'
import { createKopruClient } from 'kopru/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { seedDemo } from '../../src/node/demo.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { startSimulators, type RunningSimulators } from '../../src/node/simulators.js'
import { testGateway } from '../helpers/gateway.js'

const place = (name: string, district: string, city: string) => ({
  name,
  phone: '+905551234567',
  line1: 'Caferağa Mah. Moda Cad. No:5 D:3',
  district,
  city,
  country_code: 'TR',
})

// The generated client over real HTTP, against kopru mounted under a prefix in a host app.
describe('kopru/client drives the API with generated types', () => {
  let sims: RunningSimulators
  let server: Listening
  let client: ReturnType<typeof createKopruClient>
  let byProvider: Record<string, string>

  beforeAll(async () => {
    sims = await startSimulators(providers)
    const gw = await testGateway({ simulatorUrls: sims.urls })
    const demo = await seedDemo(gw.app, sims, 'http://127.0.0.1:9')
    byProvider = Object.fromEntries(demo.connections.map((c) => [c.provider, c.id]))
    server = await listen(new Hono().route('/integrations', gw.app))
    client = createKopruClient({ baseUrl: `${server.url}/integrations`, apiKey: demo.apiKey })
  })
  afterAll(async () => {
    await server.close()
    await sims.close()
  })

  it('GET /v1/orders', async () => {
    const { data, error, response } = await client.GET('/v1/orders', {
      params: { query: { limit: 2 }, header: { 'kopru-connection-id': byProvider.trendyol! } },
    })
    expect(error, JSON.stringify(error)).toBeUndefined()
    expect(response.status).toBe(200)
    const order = data!.data[0]!
    expect(order.provider).toBe('trendyol')
    // Typed as Money | null: the generated type admits what the provider sends.
    const tax: string | null = order.tax_total === null ? null : order.tax_total.amount
    expect(tax === null || /^\d/.test(tax)).toBe(true)
  })

  it('POST /v1/shipments, then a problem for a bad body', async () => {
    const body = {
      reference: 'KPR-CLIENT-1',
      shipper: place('Kopru Demo Mağaza', 'Ümraniye', 'İstanbul'),
      recipient: place('Zeynep Şahin', 'Kadıköy', 'İstanbul'),
      parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 10 }],
    }
    const header = { 'kopru-connection-id': byProvider.yurtici!, 'idempotency-key': 'client-ship-1' }
    const created = await client.POST('/v1/shipments', { params: { header }, body })
    expect(created.error, JSON.stringify(created.error)).toBeUndefined()
    expect(created.data!.carrier).toBe('yurtici')
    expect(created.data!.reference).toBe('KPR-CLIENT-1')
    const refused = await client.POST('/v1/shipments', {
      params: { header: { ...header, 'idempotency-key': 'client-ship-2' } },
      body: { ...body, parcels: [] },
    })
    expect(refused.response.status).toBe(400)
    expect(refused.error).toMatchObject({ code: 'invalid_request' })
  })

  it('a proxy call with the provider path as one parameter', async () => {
    const path = `integration/order/sellers/${sims.modules.trendyol!.demo.credentials.seller_id}/orders`
    const { data, error, response } = await client.GET('/v1/proxy/{path}', {
      params: { path: { path }, header: { 'kopru-connection-id': byProvider.trendyol! } },
    })
    expect(error, JSON.stringify(error)).toBeUndefined()
    expect(response.headers.get('kopru-provider-status')).toBe('200')
    expect(data).toMatchObject({ content: expect.any(Array) })
  })
})
