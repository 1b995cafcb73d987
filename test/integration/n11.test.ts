import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createN11Simulator, type N11Simulator } from '../../providers/n11/simulator.js'
import { seedProducts, type N11PackageSpec } from '../../providers/n11/fixtures.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
const DAY = 24 * HOUR
const account = { appKey: 'n11-int-key-A1', appSecret: 'n11-int-secret-B2' }
const now = Date.now()
/** The simulator's clock: n11 processes price/stock tasks when the test moves it. */
const clock = { offset: 0, now: () => Date.now() + clock.offset }

/** Yesterday, 21:30 in Istanbul (UTC+3 all year) — 18:30Z. */
const istanbulDay = new Date(now + 3 * HOUR - DAY).toISOString().slice(0, 10)
const at2130 = Date.parse(`${istanbulDay}T21:30:00+03:00`)

const spec = (i: number, status: string, createdAt: number, extra: Partial<N11PackageSpec> = {}): N11PackageSpec => ({
  id: 400_000 + i,
  orderNumber: `2129000000${String(i).padStart(2, '0')}`,
  orderedAt: createdAt,
  status,
  lines: [
    { productName: 'Bakır Cezve 2 Kişilik', stockCode: `SKU-${i}`, barcode: `86800000${i}`, quantity: 2, price: 389.9, sellerDiscount: 38.99, mallDiscount: 10, vatRate: 20 },
    { productName: 'Türk Kahvesi 250 g', stockCode: `KHV-${i}`, barcode: `86810000${i}`, quantity: 1, price: 129.9, sellerDiscount: 0, vatRate: 10 },
  ],
  customer: { fullName: 'Zeynep Şahin', email: `z***${i}@n11.com` },
  address: { city: 'İzmir', district: 'Karşıyaka', neighborhood: 'Bostanlı Mah.', postalCode: '35590', line: 'Cumhuriyet Cad. No:12', gsm: '5421234567' },
  history: [{ status: 'Created', at: createdAt }],
  ...extra,
})

// One package per status of the table (newest first by creation), an unknown status, older windows, and
// eight packages in the last window so that a small page size needs several n11 pages.
const statuses = ['Created', 'Picking', 'Shipped', 'Delivered', 'Cancelled', 'UnSupplied', 'Unpacked', 'Vaporized'] as const
const packages: N11PackageSpec[] = [
  spec(0, 'Created', at2130),
  ...statuses.map((status, i) => spec(10 + i, status, now - (30 + i) * HOUR)),
  spec(30, 'Delivered', now - 20 * DAY),
  spec(31, 'Delivered', now - 40 * DAY),
  spec(32, 'Cancelled', now - 80 * DAY),
]

describe('n11 end to end, over HTTP against the simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<N11Simulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string

  beforeAll(async () => {
    sim = await serveSimulator(
      createN11Simulator({ accounts: [{ ...account, packages, products: seedProducts({ count: 1000 }) }], clock, taskDelayMs: 10_000 }),
    )
    sim.ship(400_012, { senderNumber: '512345678901', link: 'https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code=512345678901' })
  })
  afterAll(() => sim.server.close())

  beforeEach(async () => {
    sim.quota.reset()
    gw = await testGateway({ env: { KOPRU_PROVIDER_N11_BASE_URL: sim.url } })
    tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'n11', credentials: { app_key: account.appKey, app_secret: account.appSecret } }),
    })
    expect(created.status).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
  })

  const list = async (query: string) => {
    const response = await gw.call(tenant.apiKey, `/v1/orders?${query}`, { connection: connectionId })
    expect(response.status).toBe(200)
    return (await response.json()) as { data: any[]; next_cursor: string | null }
  }

  it('maps every n11 status per the table, an unknown one to a safe value, logged', async () => {
    const body = await list('limit=50')
    const byId = new Map(body.data.map((o) => [o.id, o]))
    const expected: Record<string, [string, string, string]> = {
      Created: ['open', 'unfulfilled', 'paid'],
      Picking: ['open', 'processing', 'paid'],
      Shipped: ['open', 'shipped', 'paid'],
      Delivered: ['completed', 'delivered', 'paid'],
      Cancelled: ['cancelled', 'cancelled', 'refunded'],
      UnSupplied: ['cancelled', 'cancelled', 'refunded'],
      Unpacked: ['cancelled', 'cancelled', 'paid'],
      Vaporized: ['open', 'processing', 'unknown'],
    }
    statuses.forEach((status, i) => {
      const order = byId.get(String(400_010 + i))
      expect([order.status, order.fulfillment_status, order.payment_status], status).toEqual(expected[status])
      expect(order.provider_status).toBe(status)
    })
    expect(gw.logs.some((line) => line.includes('"value":"Vaporized"'))).toBe(true)
    // The carrier took package 400012: its tracking number is cargoSenderNumber, not the campaign code.
    expect(byId.get('400012').shipments).toEqual([
      {
        carrier: 'yurtici',
        tracking_number: '512345678901',
        tracking_url: 'https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code=512345678901',
        shipped_at: expect.stringMatching(/Z$/),
      },
    ])
  })

  it('converts times to UTC and keeps n11 totals exact', async () => {
    const body = await list('limit=50&include=raw')
    const order = body.data.find((o) => o.id === '400000')
    // 21:30 in Istanbul is 18:30Z.
    expect(order.created_at).toBe(`${istanbulDay}T18:30:00.000Z`)
    expect(order.raw.totalAmount).toBe(909.7)
    expect(order.raw.totalDiscountAmount).toBe(48.99)
    expect(order).toMatchObject({
      provider: 'n11',
      connection_id: connectionId,
      order_number: '212900000000',
      currency: 'TRY',
      subtotal: { amount: '909.70', currency: 'TRY' },
      discount_total: { amount: '48.99', currency: 'TRY' },
      total: { amount: '860.71', currency: 'TRY' },
      customer: { name: 'Zeynep Şahin', email: 'z***0@n11.com', phone: '+905421234567' },
    })
    // The line totals add up to the order total; unit prices are n11's prices before discounts.
    expect(order.lines.map((line: any) => [line.sku, line.unit_price.amount, line.total.amount])).toEqual([
      ['SKU-0', '389.90', '730.81'],
      ['KHV-0', '129.90', '129.90'],
    ])
    expect(order.shipping_address).toMatchObject({ city: 'İzmir', district: 'Karşıyaka', postal_code: '35590', country_code: 'TR' })
  })

  it('walks n11 pages and 15-day windows with the cursor, each order exactly once', async () => {
    sim.received.length = 0
    const seen: string[] = []
    let cursor: string | null = null
    let calls = 0
    do {
      const body = await list(cursor ? `limit=3&cursor=${cursor}` : 'limit=3')
      seen.push(...body.data.map((o) => o.id))
      cursor = body.next_cursor
      calls++
    } while (cursor && calls < 20)
    expect(seen).toHaveLength(packages.length)
    expect(new Set(seen).size).toBe(packages.length)
    expect(new Set(seen)).toEqual(new Set(packages.map((p) => String(p.id))))
    const queries = sim.received.filter((r) => r.path === '/rest/delivery/v1/shipmentPackages').map((r) => new URLSearchParams(r.query))
    // The newest window alone took n11 pages 0, 1 and 2; no window was wider than n11's 15 days.
    const firstWindowPages = queries.filter((q) => q.get('endDate') === queries[0]!.get('endDate')).map((q) => q.get('page'))
    expect(firstWindowPages).toEqual(['0', '1', '2'])
    for (const q of queries) expect(Number(q.get('endDate')) - Number(q.get('startDate'))).toBeLessThan(15 * DAY)
    // Older windows were reached: 20, 40 and 80 days back.
    expect(seen.slice(-3)).toEqual(['400030', '400031', '400032'])
  })

  it('filters by unified status and creation time', async () => {
    sim.received.length = 0
    const completed = await list('status=completed')
    expect(completed.data.map((o) => o.id)).toEqual(['400013', '400030', '400031'])
    // A unified status that is one n11 status is sent upstream (n11 takes one status per request).
    expect(sim.received.every((r) => new URLSearchParams(r.query).get('status') === 'Delivered')).toBe(true)
    const cancelled = await list('status=cancelled')
    expect(cancelled.data.map((o) => o.id).sort()).toEqual(['400014', '400015', '400016', '400032'])
    const recent = await list(`created_after=${new Date(now - 35.5 * HOUR).toISOString()}&created_before=${new Date(now - 30.5 * HOUR).toISOString()}`)
    expect(recent.data.map((o) => o.id).sort()).toEqual(['400011', '400012', '400013', '400014', '400015'])
  })

  it('gets one order by package id, and 404s for what n11 does not have', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/orders/400011', { connection: connectionId })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: '400011', provider_status: 'Picking', fulfillment_status: 'processing' })
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders/999999', { connection: connectionId }), 404, 'not_found')
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders/abc', { connection: connectionId }), 404, 'not_found')
  })

  it('sends appkey and appsecret headers and the correlation id upstream, never logs them', async () => {
    sim.received.length = 0
    await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionId, headers: { 'kopru-request-id': 'trace-n11' } })
    const last = sim.received.at(-1)!
    expect(last.headers.appkey).toBe(account.appKey)
    expect(last.headers.appsecret).toBe(account.appSecret)
    expect(last.headers['x-correlation-id']).toBe('trace-n11')
    const raws = await (await gw.call(tenant.apiKey, '/v1/orders?include=raw', { connection: connectionId })).text()
    for (const text of [raws, gw.logs.join('\n')]) {
      expect(text).not.toContain(account.appSecret)
      expect(text).not.toContain(account.appKey)
    }
  })

  it('rejects bad credentials at connection creation with a 4xx and stores nothing', async () => {
    for (const credentials of [
      { app_key: 'unknown-key', app_secret: 'x' },
      { app_key: account.appKey, app_secret: 'wrong-secret' },
    ]) {
      const response = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'n11', credentials }) })
      const problem = await expectProblem(response, 400, 'invalid_request')
      expect(problem.provider).toMatchObject({ id: 'n11', status: 401, code: 'SellerApiUserUnauthorizedException' })
      expect(JSON.stringify(problem)).not.toContain('wrong-secret')
    }
    await expectProblem(
      await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'n11', credentials: { app_key: 'k' } }) }),
      400,
      'invalid_request',
    )
    const rows = await gw.app.services.db.execute(sql`select count(*)::int as n from connections`)
    expect((Array.isArray(rows) ? rows : (rows as any).rows)[0].n).toBe(1)
  })

  it('lists products across n11 pages with the cursor, and gets one', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let calls = 0
    do {
      const response = await gw.call(tenant.apiKey, `/v1/products?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { connection: connectionId })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { data: any[]; next_cursor: string | null }
      seen.push(...body.data.map((p) => p.sku))
      cursor = body.next_cursor
      calls++
    } while (cursor && calls < 10)
    expect(calls).toBe(5)
    expect(new Set(seen).size).toBe(1000)
    const one = await gw.call(tenant.apiKey, '/v1/products/551000002', { connection: connectionId })
    expect(one.status).toBe(200)
    const product = sim.account().products.get('N11-SKU-0003')!
    expect(await one.json()).toMatchObject({
      id: '551000002',
      sku: 'N11-SKU-0003',
      brand: 'Kurukahveci Mehmet Efendi',
      price: { amount: product.salePrice!.toFixed(2), currency: 'TRY' },
      status: 'active',
    })
    await expectProblem(await gw.call(tenant.apiKey, '/v1/products/1', { connection: connectionId }), 404, 'not_found')
  })

  it('updates 1000 SKUs in one n11 task: partially_failed with exactly the invalid SKUs and their reasons', async () => {
    const skus = [...sim.account().products.keys()]
    const items = skus.map((sku, i) => ({ sku, quantity: 100 + i, price: '99.90', list_price: '120.00' }))
    const invalid: Record<number, { item: any; reason: string }> = {
      7: { item: { sku: 'GHOST-SKU-1', quantity: 1 }, reason: 'bulunamadı' },
      999: { item: { sku: skus[999], quantity: 1_000_000 }, reason: 'Stok' },
    }
    for (const [index, { item }] of Object.entries(invalid)) items[Number(index)] = item
    sim.received.length = 0
    const submitted = await gw.call(tenant.apiKey, '/v1/inventory', { method: 'POST', connection: connectionId, body: JSON.stringify({ items }) })
    expect(submitted.status).toBe(202)
    const job = (await submitted.json()) as { id: string; status: string; items: any[] }
    expect(job.status).toBe('processing')
    // One task of 1000 SKUs, prices with exactly two decimals on the wire.
    const tasks = sim.received.filter((r) => r.path === '/ms/product/tasks/price-stock-update')
    expect(tasks).toHaveLength(1)
    expect(tasks[0]!.body).toContain('"listPrice":120.00,"salePrice":99.90')
    const poll = async () => (await (await gw.call(tenant.apiKey, `/v1/inventory/jobs/${job.id}`, { connection: connectionId })).json()) as typeof job
    expect((await poll()).status).toBe('processing')
    clock.offset += 10_000
    const done = await poll()
    expect(done.status).toBe('partially_failed')
    expect(done.items).toHaveLength(1000)
    const failed = done.items.filter((item) => item.status === 'failed')
    expect(failed.map((item) => item.sku).sort()).toEqual(Object.values(invalid).map(({ item }) => item.sku).sort())
    for (const { item, reason } of Object.values(invalid)) {
      expect(failed.find((f) => f.sku === item.sku)!.error.message).toContain(reason)
    }
    expect(done.items.filter((item) => item.status === 'succeeded')).toHaveLength(998)
    // Nothing valid was dropped: n11 holds every valid SKU's new stock and prices.
    skus.forEach((sku, i) => {
      if (invalid[i]) return
      expect(sim.account().products.get(sku)).toMatchObject({ quantity: 100 + i, salePrice: 99.9, listPrice: 120 })
    })
  })

  it('refuses a price without its list price (and a barcode-only item) with a 400 before any n11 task exists', async () => {
    const skus = [...sim.account().products.keys()]
    sim.received.length = 0
    const items = [{ sku: skus[0], quantity: 1 }, { sku: skus[1], price: '10.50' }, { barcode: '8690000000001', quantity: 1 }, { sku: skus[2], price: '20.00', list_price: '19.99' }]
    const send = (body: unknown) => gw.call(tenant.apiKey, '/v1/inventory', { method: 'POST', connection: connectionId, body: JSON.stringify(body) })
    const missing = await expectProblem(await send({ items }), 400, 'invalid_request')
    expect(missing.errors).toEqual([{ path: 'body.items.2.sku', message: 'n11 needs the sku (a barcode alone cannot be used)' }])
    const pair = await expectProblem(await send({ items: items.filter((item) => item.sku) }), 400, 'invalid_request')
    expect(pair.errors).toEqual([
      { path: 'body.items.1.list_price', message: 'n11 needs price and list_price together (give both, equal when there is no discount)' },
      { path: 'body.items.2.list_price', message: 'n11 refuses a list_price below the price' },
    ])
    expect(sim.received.filter((r) => r.path === '/ms/product/tasks/price-stock-update')).toHaveLength(0)
    const jobs = await gw.call(tenant.apiKey, '/v1/inventory', { method: 'POST', connection: connectionId, body: JSON.stringify({ items: [{ sku: skus[1], price: '10.50', list_price: '10.50' }] }) })
    expect(jobs.status).toBe(202)
  })

  it('has no fulfillments: n11 accepts no tracking number (its contracted carrier ships)', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/orders/400011/fulfillments', {
      method: 'POST',
      connection: connectionId,
      body: JSON.stringify({ carrier: 'yurtici', tracking_number: '123456789012' }),
    })
    await expectProblem(response, 501, 'unsupported_operation')
    const catalog = (await (await gw.call(tenant.apiKey, '/v1/providers')).json()) as { data: any[] }
    const entry = catalog.data.find((p) => p.id === 'n11')
    expect(entry.operations).toEqual(['orders.list', 'orders.get', 'products.list', 'products.get', 'inventory.update', 'inventory.job', 'proxy'])
    expect(entry.auth_fields.map((f: any) => f.name)).toEqual(['app_key', 'app_secret'])
  })

  it('reports a secret rotated at n11 as a credentials failure, not as a bad request', async () => {
    sim.account().appSecret = 'rotated-at-n11'
    try {
      const problem = await expectProblem(await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionId }), 502, 'provider_error')
      expect(problem.provider).toMatchObject({ id: 'n11', status: 401, code: 'SELLER_API.authenticationFailed' })
      expect(problem.detail).toContain('credentials')
    } finally {
      sim.account().appSecret = account.appSecret
    }
  })

  it('answers 429 with Retry-After when n11 refuses over quota', async () => {
    for (let i = 0; i < sim.quota.limit; i++) sim.quota.take(`${account.appKey} GET /rest/delivery/v1/shipmentPackages`)
    const response = await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionId })
    const problem = await expectProblem(response, 429, 'rate_limited')
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(problem.provider).toMatchObject({ id: 'n11', status: 429 })
  })
})

describe('n11 sandbox', () => {
  it('has no sandbox host: without an operator base URL a sandbox connection is refused with a 4xx', async () => {
    const gw = await testGateway({ env: {} })
    const tenant = await gw.tenant()
    const response = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'n11', environment: 'sandbox', credentials: { app_key: 'k', app_secret: 's' } }),
    })
    const problem = await expectProblem(response, 400, 'invalid_request')
    expect(problem.detail).toContain('no sandbox')
  })
})

describe('n11 packages shaped as Lonca captured them on prod (2026-10-10), over HTTP', () => {
  it('reads string package ids and a history entry without createdDate', async () => {
    const createdAt = now - 5 * HOUR
    const pkg = spec(60, 'Picking', createdAt, { history: [{ status: 'Created', at: createdAt }, { status: 'Picking' }] })
    const sim = await serveSimulator(createN11Simulator({ accounts: [{ ...account, packages: [pkg] }], packageIdsAsStrings: true }))
    try {
      const gw = await testGateway({ env: { KOPRU_PROVIDER_N11_BASE_URL: sim.url } })
      const tenant = await gw.tenant()
      const created = await gw.call(tenant.apiKey, '/v1/connections', {
        method: 'POST',
        body: JSON.stringify({ provider: 'n11', credentials: { app_key: account.appKey, app_secret: account.appSecret } }),
      })
      expect(created.status).toBe(201)
      const connection = ((await created.json()) as { id: string }).id
      const listed = await gw.call(tenant.apiKey, '/v1/orders', { connection })
      expect(listed.status).toBe(200)
      const [order] = ((await listed.json()) as { data: any[] }).data
      expect(order).toMatchObject({ id: '400060', provider_status: 'Picking', created_at: new Date(createdAt).toISOString() })
      const one = await gw.call(tenant.apiKey, '/v1/orders/400060', { connection })
      expect(one.status).toBe(200)
      expect(((await one.json()) as { id: string }).id).toBe('400060')
    } finally {
      sim.server.close()
    }
  })
})
