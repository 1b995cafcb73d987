import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { toTrendyolLocal, type PackageSpec } from '../../providers/trendyol/fixtures.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
const seller = { sellerId: '555001', apiKey: 'tyKeyA1', apiSecret: 'tySecretB2' }
const now = Date.now()

const spec = (i: number, status: string, hoursAgo: number, extra: Partial<PackageSpec> = {}): PackageSpec => ({
  id: 900_000 + i,
  orderNumber: `1090000${i}`,
  orderedAt: now - hoursAgo * HOUR,
  status,
  lines: [
    { productName: 'Bakır Cezve', barcode: `86900000${i}`, merchantSku: `SKU-${i}`, quantity: 2, amount: 389.9, discount: 38.99, vatRate: 20 },
  ],
  customer: { firstName: 'Ayşe', lastName: 'Yılmaz', email: `ayse${i}@trendyolmail.com` },
  address: { city: 'İstanbul', district: 'Kadıköy', neighborhood: 'Caferağa Mah.', postalCode: '34710', line: 'Moda Cad. No:5', phone: '05551234567' },
  history: [{ status: 'Created', at: now - hoursAgo * HOUR + 1000 }],
  ...extra,
})

describe('Trendyol orders end to end, over HTTP against the simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string

  beforeAll(async () => {
    const packages = [
      spec(1, 'Created', 2),
      spec(2, 'Shipped', 30, {
        cargo: { trackingNumber: 7330031444426443, providerName: 'Trendyol Express Marketplace', link: 'https://kargotakip.trendyol.com/?x=1' },
        history: [
          { status: 'Created', at: now - 30 * HOUR },
          { status: 'Shipped', at: now - 20 * HOUR },
        ],
      }),
      spec(3, 'Delivered', 24 * 20),
      spec(4, 'Cancelled', 24 * 40),
      spec(5, 'SomethingNew', 5),
    ]
    sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller, packages }] }))
  })
  afterAll(() => sim.server.close())

  beforeEach(async () => {
    sim.quota.reset()
    gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        provider: 'trendyol',
        credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret },
      }),
    })
    expect(created.status).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
  })

  it('lists unified orders newest first with values, not just shapes', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/orders?limit=50', { connection: connectionId })
    expect(response.status).toBe(200)
    expect(response.headers.get('kopru-request-id')).toMatch(/^req_/)
    const body = (await response.json()) as { data: any[]; next_cursor: string | null }
    expect(body.data.map((o) => o.id)).toEqual(['900001', '900005', '900002', '900003', '900004'])
    const first = body.data[0]
    expect(first).toMatchObject({
      provider: 'trendyol',
      connection_id: connectionId,
      order_number: '10900001',
      status: 'open',
      fulfillment_status: 'unfulfilled',
      payment_status: 'paid',
      provider_status: 'Created',
      currency: 'TRY',
      subtotal: { amount: '779.80', currency: 'TRY' },
      discount_total: { amount: '77.98', currency: 'TRY' },
      total: { amount: '701.82', currency: 'TRY' },
      customer: { name: 'Ayşe Yılmaz', email: 'ayse1@trendyolmail.com', phone: '+905551234567' },
    })
    expect(first.shipping_address).toMatchObject({ city: 'İstanbul', district: 'Kadıköy', country_code: 'TR', postal_code: '34710' })
    expect(first.lines[0]).toMatchObject({ sku: 'SKU-1', quantity: 2, unit_price: { amount: '350.91' }, total: { amount: '701.82' }, tax_rate: '20' })
    // orderDate is Istanbul wall-clock time as epoch millis: the unified time is 3 hours earlier.
    expect(first.created_at).toBe(new Date(now - 2 * HOUR).toISOString())
    expect(first.raw).toBeUndefined()
    // An unknown provider status still lists, mapped to a safe value, and is logged with the value.
    expect(body.data[1]).toMatchObject({ provider_status: 'SomethingNew', status: 'open', payment_status: 'unknown' })
    expect(gw.logs.some((line) => line.includes('"value":"SomethingNew"'))).toBe(true)
    const shipped = body.data[2]
    expect(shipped.shipments).toEqual([
      {
        carrier: 'trendyol_express',
        tracking_number: '7330031444426443',
        tracking_url: 'https://kargotakip.trendyol.com/?x=1',
        shipped_at: new Date(now - 20 * HOUR).toISOString(),
      },
    ])
  })

  it('sends the documented headers upstream: Basic auth, User-Agent, correlation id', async () => {
    sim.received.length = 0
    await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionId, headers: { 'kopru-request-id': 'trace-123' } })
    const last = sim.received.at(-1)!
    expect(last.path).toBe(`/integration/order/sellers/${seller.sellerId}/orders`)
    expect(last.headers['user-agent']).toBe(`${seller.sellerId} - SelfIntegration`)
    expect(last.headers.authorization).toBe(`Basic ${btoa(`${seller.apiKey}:${seller.apiSecret}`)}`)
    expect(last.headers['x-correlation-id']).toBe('trace-123')
  })

  it('filters by unified status and creation time', async () => {
    const cancelled = await gw.call(tenant.apiKey, '/v1/orders?status=cancelled', { connection: connectionId })
    expect(((await cancelled.json()) as any).data.map((o: any) => o.id)).toEqual(['900004'])
    const completed = await gw.call(tenant.apiKey, '/v1/orders?status=completed', { connection: connectionId })
    expect(((await completed.json()) as any).data.map((o: any) => o.id)).toEqual(['900003'])
    const after = new Date(now - 48 * HOUR).toISOString()
    const recent = await gw.call(tenant.apiKey, `/v1/orders?created_after=${after}`, { connection: connectionId })
    expect(((await recent.json()) as any).data.map((o: any) => o.id)).toEqual(['900001', '900005', '900002'])
    const before = new Date(now - 10 * 24 * HOUR).toISOString()
    const old = await gw.call(tenant.apiKey, `/v1/orders?created_before=${before}`, { connection: connectionId })
    expect(((await old.json()) as any).data.map((o: any) => o.id)).toEqual(['900003', '900004'])
  })

  it('walks pages and two-week windows with the cursor, every order exactly once', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let calls = 0
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2'
      const response = await gw.call(tenant.apiKey, `/v1/orders?${query}`, { connection: connectionId })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { data: { id: string }[]; next_cursor: string | null }
      seen.push(...body.data.map((o) => o.id))
      cursor = body.next_cursor
      calls++
    } while (cursor && calls < 20)
    expect(seen).toEqual(['900001', '900005', '900002', '900003', '900004'])
  })

  it('gets one order by package id, with raw on request', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/orders/900002?include=raw', { connection: connectionId })
    expect(response.status).toBe(200)
    const order = (await response.json()) as any
    expect(order).toMatchObject({ id: '900002', fulfillment_status: 'shipped', provider_status: 'Shipped' })
    expect(order.raw.orderDate).toBe(toTrendyolLocal(now - 30 * HOUR))
    // raw is the package as Trendyol sent it, fields kopru does not read included (the wire schema strips them).
    expect(order.raw).toMatchObject({ deliveryType: 'normal', fastDelivery: false, packageGrossAmount: order.raw.grossAmount })
    expect(order.raw.lines[0]).toHaveProperty('salesCampaignId', 61)
    expect(order.raw.shipmentAddress).toHaveProperty('neighborhood')
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders/424242', { connection: connectionId }), 404, 'not_found')
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders/not-a-number', { connection: connectionId }), 404, 'not_found')
  })

  it('refuses a cursor from another connection or a forged one', async () => {
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders?cursor=bm9wZQ', { connection: connectionId }), 400, 'invalid_request')
  })

  it('rejects bad credentials with a clear 4xx and stores nothing', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: 'wrong', api_secret: 'nope' } }),
    })
    const problem = await expectProblem(response, 400, 'invalid_request')
    expect(problem.provider).toMatchObject({ id: 'trendyol', status: 401, code: 'basic.authorization.failed' })
    expect(JSON.stringify(problem)).not.toContain('nope')
    const rows = await gw.app.services.db.execute(sql`select count(*)::int as n from connections`)
    const count = (Array.isArray(rows) ? rows : (rows as any).rows)[0].n
    expect(count).toBe(1)
  })

  it('stores credentials encrypted and never logs or returns them', async () => {
    const rows = await gw.app.services.db.execute(sql`select credentials from connections`)
    const raw = String((Array.isArray(rows) ? rows : (rows as any).rows)[0].credentials)
    expect(raw).toMatch(/^v1\./)
    expect(raw).not.toContain(seller.apiSecret)
    expect(raw).not.toContain(seller.apiKey)
    const listed = await (await gw.call(tenant.apiKey, '/v1/connections')).text()
    const raws = await (await gw.call(tenant.apiKey, '/v1/orders?include=raw', { connection: connectionId })).text()
    // Each listed order's raw is its package as sent, with the fields kopru does not read.
    expect((JSON.parse(raws) as { data: { raw: Record<string, unknown> }[] }).data.every((order) => order.raw.deliveryType === 'normal')).toBe(true)
    for (const text of [listed, raws, gw.logs.join('\n')]) {
      expect(text).not.toContain(seller.apiSecret)
      expect(text).not.toContain(seller.apiKey)
      expect(text).not.toContain(btoa(`${seller.apiKey}:${seller.apiSecret}`))
    }
  })

  it('keeps tenants apart: another tenant gets 404 for this connection', async () => {
    const other = await gw.tenant('Other')
    await expectProblem(await gw.call(other.apiKey, '/v1/orders', { connection: connectionId }), 404, 'not_found')
    await expectProblem(await gw.call(other.apiKey, `/v1/connections/${connectionId}`), 404, 'not_found')
    await expectProblem(await gw.call(other.apiKey, `/v1/connections/${connectionId}`, { method: 'DELETE' }), 404, 'not_found')
    await expectProblem(await gw.call(other.apiKey, '/v1/proxy/integration/x', { connection: connectionId }), 404, 'not_found')
    expect((await gw.call(tenant.apiKey, `/v1/connections/${connectionId}`)).status).toBe(200)
  })

  it('passes the proxy through to the provider host with auth, and never anywhere else', async () => {
    const path = `/v1/proxy/integration/order/sellers/${seller.sellerId}/orders?size=1&page=0`
    const response = await gw.call(tenant.apiKey, path, { connection: connectionId })
    expect(response.status).toBe(200)
    expect(((await response.json()) as any).size).toBe(1)
    for (const evil of ['..%2F..%2Fadmin', 'integration/../../etc', '%2F%2Fevil.example/x', 'http:%2F%2Fevil.example/x', 'https://evil.example/x', 'x@evil.example/y', 'a//b']) {
      const res = await gw.call(tenant.apiKey, `/v1/proxy/${evil}`, { connection: connectionId })
      expect(res.status, evil).toBeGreaterThanOrEqual(400)
      expect(res.status, evil).toBeLessThan(500)
      expect(res.headers.get('content-type'), evil).toContain('problem+json')
    }
    expect(sim.received.every((request) => request.path.startsWith('/integration/'))).toBe(true)
  })
})

describe("Trendyol's current order model (shipmentPackageId, packageTotalPrice, lineId, lineUnitPrice), over HTTP", () => {
  it('lists and reads a package that carries only the current field names', async () => {
    const sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller, packages: [spec(7, 'Created', 3)] }], orderModel: 'current' }))
    try {
      const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
      const tenant = await gw.tenant()
      const created = await gw.call(tenant.apiKey, '/v1/connections', {
        method: 'POST',
        body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
      })
      expect(created.status).toBe(201)
      const connection = ((await created.json()) as { id: string }).id
      const sent = (await (await fetch(`${sim.url}/integration/order/sellers/${seller.sellerId}/orders?page=0&size=1`, {
        headers: { authorization: `Basic ${btoa(`${seller.apiKey}:${seller.apiSecret}`)}`, 'user-agent': `${seller.sellerId} - SelfIntegration` },
      })).json()) as { content: Record<string, unknown>[] }
      expect(sent.content[0]).not.toHaveProperty('id')
      expect(sent.content[0]).not.toHaveProperty('totalPrice')

      const listed = await gw.call(tenant.apiKey, '/v1/orders', { connection })
      expect(listed.status).toBe(200)
      const [order] = ((await listed.json()) as { data: any[] }).data
      expect(order).toMatchObject({
        id: '900007',
        subtotal: { amount: '779.80', currency: 'TRY' },
        discount_total: { amount: '77.98', currency: 'TRY' },
        total: { amount: '701.82', currency: 'TRY' },
      })
      expect(order.lines[0]).toMatchObject({ id: '9000070', quantity: 2, unit_price: { amount: '350.91' }, total: { amount: '701.82' } })
      const one = await gw.call(tenant.apiKey, '/v1/orders/900007', { connection })
      expect(one.status).toBe(200)
      expect(((await one.json()) as { id: string }).id).toBe('900007')
    } finally {
      sim.server.close()
    }
  })
})
