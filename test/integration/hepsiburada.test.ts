import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { packageNumberOf, type ListingSpec, type OrderSpec } from '../../providers/hepsiburada/fixtures.js'
import { createHepsiburadaSimulator, type HepsiburadaSimulator } from '../../providers/hepsiburada/simulator.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
const merchant = { merchantId: 'a3f5c2e1-7b4d-4c9e-8f21-6d0b9e3a5c77', secretKey: 'Xy7pQ2wE9rTz', userAgent: 'kopru_test_dev' }
const credentials = { merchant_id: merchant.merchantId, secret_key: merchant.secretKey, user_agent: merchant.userAgent }
const clock = { t: Date.now(), now() { return this.t } }
const UPLOAD_MS = 2000

// Placed at 21:30 Istanbul time three days ago = 18:30Z.
const placedAt = (() => {
  const day = new Date(clock.t - 3 * 24 * HOUR)
  day.setUTCHours(18, 30, 0, 0)
  return day.getTime()
})()

const order = (i: number, status: string, orderedAt: number, lines = 1): OrderSpec => ({
  orderNumber: String(4_530_000_000 + i),
  orderedAt,
  status,
  statusAt: orderedAt + HOUR,
  lines: Array.from({ length: lines }, (_, k) => ({
    name: k ? 'Türk Kahvesi 250 g' : 'Bakır Cezve 2 Kişilik',
    merchantSku: `SKU-${i}-${k}`,
    hbSku: `HBCV0000${200_000 + i * 10 + k}`,
    barcode: `8691${String(i * 10 + k).padStart(9, '0')}`,
    quantity: k + 2,
    unitPrice: k ? 129.9 : 389.9,
    hbDiscount: k ? 0 : 20,
    merchantDiscount: k ? 12.99 : 18.99,
    vatRate: k ? 10 : 20,
  })),
  customer: { name: 'Gülşen Arslan', email: `gulsen${i}@example.com`, phone: '0532 765 43 21' },
  address: { city: 'İzmir', town: 'Karşıyaka', district: 'Bostanlı Mah.', postalCode: '35590', line: 'Cemal Gürsel Cad. No:12 D:4' },
  cargoCompany: 'MNG',
})

const orders: OrderSpec[] = [
  order(0, 'Open', placedAt, 2),
  order(1, 'Open', placedAt - 2 * HOUR),
  order(2, 'Open', placedAt - 4 * HOUR),
  ...Array.from({ length: 25 }, (_, i) => order(10 + i, 'Packaged', placedAt - (10 + i) * HOUR)),
  order(40, 'InTransit', placedAt - 50 * HOUR),
  order(41, 'InTransit', placedAt - 52 * HOUR),
  order(42, 'Undelivered', placedAt - 60 * HOUR),
  order(43, 'Delivered', placedAt - 80 * HOUR),
  order(44, 'Delivered', placedAt - 90 * HOUR),
  order(45, 'Cancelled', placedAt - 30 * HOUR, 2),
  order(46, 'Cancelled', placedAt - 31 * HOUR),
]
// Every fixture order is packaged whole (or not at all), so its unified id stays the bare order number.
const idOf = (spec: OrderSpec) => spec.orderNumber
const packageIdOf = (spec: OrderSpec) => `${spec.orderNumber}-${packageNumberOf(spec)}`

const listings: ListingSpec[] = Array.from({ length: 1000 }, (_, i) => ({
  hepsiburadaSku: `HBCV${String(i).padStart(10, '0')}`,
  merchantSku: `MSKU-${i}`,
  price: 100,
  availableStock: 5,
  isFrozen: i === 13,
  campaignPrice: i === 1 ? 89.9 : undefined,
}))

// 40 open orders of 3 lines: 120 paid lines, so order #34 straddles the 100-line page boundary.
const busyMerchant = { merchantId: 'b4e6d3f2-8c5e-4dab-9f32-7e1cae4b6d88', secretKey: 'Busy12345678', userAgent: 'kopru_test_dev' }
const busyOrders = Array.from({ length: 40 }, (_, i) => order(100 + i, 'Open', placedAt - (40 - i) * HOUR, 3))

type Job = { id: string; status: string; items: { sku: string; status: string; error?: { code: string | null; message: string } }[] }

describe('Hepsiburada end to end, over HTTP against the simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<HepsiburadaSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string

  const get = async (path: string) => {
    const response = await gw.call(tenant.apiKey, path, { connection: connectionId })
    expect(response.status, await response.clone().text()).toBe(200)
    return (await response.json()) as any
  }
  const post = (path: string, body: unknown) => gw.call(tenant.apiKey, path, { method: 'POST', connection: connectionId, body: JSON.stringify(body) })
  const received = (method: string, fragment: string | RegExp) =>
    sim.received.filter((r) => r.method === method && (typeof fragment === 'string' ? r.path.includes(fragment) : fragment.test(r.path)))
  const walk = async (path: string, limit: number) => {
    const seen: any[] = []
    let cursor: string | null = null
    let calls = 0
    do {
      const body: any = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...body.data)
      cursor = body.next_cursor
      calls++
    } while (cursor && calls < 50)
    return seen
  }
  /** What the provider itself says, asked directly. */
  const provider = async (path: string) => {
    const response = await fetch(`${sim.url}${path}`, {
      headers: { authorization: `Basic ${btoa(`${merchant.merchantId}:${merchant.secretKey}`)}`, 'user-agent': merchant.userAgent },
    })
    return (await response.json()) as any
  }

  beforeAll(async () => {
    sim = await serveSimulator(
      createHepsiburadaSimulator({
        merchants: [
          { ...merchant, orders, listings },
          { ...busyMerchant, orders: busyOrders, listings: [] },
        ],
        clock,
        uploadProcessingMs: UPLOAD_MS,
      }),
    )
  })
  afterAll(() => sim.server.close())
  beforeEach(async () => {
    sim.quota.reset()
    gw = await testGateway({ env: { KOPRU_PROVIDER_HEPSIBURADA_BASE_URL: sim.url } })
    tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'hepsiburada', environment: 'sandbox', credentials }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
  })

  it('sends Basic merchantId:secret key and the integrator User-Agent, on each host’s paths', async () => {
    sim.received.length = 0
    await get('/v1/orders?limit=1')
    await get('/v1/products?limit=1')
    const [oms] = received('GET', `/orders/merchantid/${merchant.merchantId}`)
    const [listing] = received('GET', `/listings/merchantid/${merchant.merchantId}`)
    for (const request of [oms!, listing!]) {
      expect(request.headers.authorization).toBe(`Basic ${btoa(`${merchant.merchantId}:${merchant.secretKey}`)}`)
      expect(request.headers['user-agent']).toBe(merchant.userAgent)
    }
    expect(oms!.query).toBe('?offset=0&limit=100')
  })

  it('orders: 21:30 Istanbul becomes 18:30Z, the total equals the provider’s, statuses map per the table', async () => {
    const open = await get(`/v1/orders/${orders[0]!.orderNumber}?include=raw`)
    expect(open.raw.orderDate.slice(11, 16)).toBe('21:30')
    expect(open.created_at).toBe(new Date(placedAt).toISOString())
    expect(open.created_at.slice(11)).toBe('18:30:00.000Z')
    // The provider's own line totals: 2 × 389.90 − 20 − 18.99 and 3 × 129.90 − 12.99.
    const providerLines = (await provider(`/orders/merchantid/${merchant.merchantId}/ordernumber/${orders[0]!.orderNumber}`)).items
    const providerTotal = providerLines.reduce((sum: number, line: any) => sum + line.totalPrice.amount, 0)
    expect(open.total).toEqual({ amount: providerTotal.toFixed(2), currency: 'TRY' })
    expect(open.total.amount).toBe('1117.52')
    expect(open).toMatchObject({
      status: 'open',
      fulfillment_status: 'unfulfilled',
      payment_status: 'paid',
      provider_status: 'Open',
      discount_total: { amount: '51.98', currency: 'TRY' },
      customer: { name: 'Gülşen Arslan', email: 'gulsen0@example.com', phone: '+905327654321' },
    })
    expect(open.lines.map((line: any) => [line.sku, line.quantity, line.unit_price.amount, line.total.amount, line.tax_rate])).toEqual([
      ['SKU-0-0', 2, '389.90', '740.81', '20'],
      ['SKU-0-1', 3, '129.90', '376.71', '10'],
    ])
    expect(open.shipping_address).toMatchObject({ city: 'İzmir', district: 'Karşıyaka', line2: 'Bostanlı Mah.', postal_code: '35590' })

    // A package: its unified total equals the package's totalPrice in /packages.
    const packaged = orders[27]!
    const pkgs = await provider(`/packages/merchantid/${merchant.merchantId}?offset=0&limit=10&timespan=720`)
    const raw = pkgs.find((p: any) => p.packageNumber === packageNumberOf(packaged))
    const unified = await get(`/v1/orders/${idOf(packaged)}`)
    expect(unified.total).toEqual({ amount: raw.totalPrice.amount.toFixed(2), currency: 'TRY' })
    expect(unified).toMatchObject({ id: idOf(packaged), order_number: packaged.orderNumber, fulfillment_status: 'processing', provider_status: 'Packaged' })
    expect(await get(`/v1/orders/${packageIdOf(packaged)}`)).toEqual(unified)

    const expectations: [OrderSpec, string, string, string][] = [
      [orders[28]!, 'open', 'shipped', 'InTransit'],
      [orders[30]!, 'open', 'undeliverable', 'Undelivered'],
      [orders[31]!, 'completed', 'delivered', 'Delivered'],
      [orders[33]!, 'cancelled', 'cancelled', 'Cancelled'],
    ]
    for (const [spec, status, fulfillment, providerStatus] of expectations) {
      expect(await get(`/v1/orders/${idOf(spec)}`)).toMatchObject({ status, fulfillment_status: fulfillment, provider_status: providerStatus })
    }
    const shipped = await get(`/v1/orders/${idOf(orders[28]!)}`)
    expect(shipped.shipments).toEqual([
      { carrier: 'mng', tracking_number: `HBX${packageNumberOf(orders[28]!)}`, tracking_url: 'https://www.mngkargo.com.tr/gonderitakip', shipped_at: new Date(orders[28]!.orderedAt + HOUR).toISOString() },
    ])
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders/4539999999', { connection: connectionId }), 404, 'not_found')
    await expectProblem(await gw.call(tenant.apiKey, `/v1/orders/${orders[0]!.orderNumber}-999`, { connection: connectionId }), 404, 'not_found')
  })

  it('orders: an unknown Hepsiburada status maps to a safe value and is logged', async () => {
    const spec = orders[27]!
    sim.setStatus(packageNumberOf(spec)!, 'ClaimCreated', merchant.merchantId)
    const unknown = await get(`/v1/orders/${idOf(spec)}`)
    expect(unknown).toMatchObject({ provider_status: 'ClaimCreated', status: 'open', fulfillment_status: 'processing', payment_status: 'unknown' })
    expect(gw.logs.some((line) => line.includes('"value":"ClaimCreated"'))).toBe(true)
    sim.setStatus(packageNumberOf(spec)!, 'Packaged', merchant.merchantId)
  })

  it('orders: walks every list over ≥3 provider pages with the cursor, each order exactly once', async () => {
    sim.received.length = 0
    const seen = await walk('/v1/orders', 7)
    const ids = seen.map((o) => o.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(orders.map(idOf).sort())
    const packagePages = received('GET', new RegExp(`^/packages/merchantid/${merchant.merchantId}$`))
    expect(packagePages.length).toBeGreaterThanOrEqual(3)
    expect(packagePages.every((r) => Number(/limit=(\d+)/.exec(r.query)![1]) <= 10 && r.query.includes('timespan=720'))).toBe(true)
    // Open orders come first, oldest first as Hepsiburada lists them.
    expect(ids.slice(0, 3)).toEqual([orders[2]!.orderNumber, orders[1]!.orderNumber, orders[0]!.orderNumber])
  })

  it('orders: an order whose lines straddle a provider page is listed once, whole', async () => {
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'hepsiburada', credentials: { merchant_id: busyMerchant.merchantId, secret_key: busyMerchant.secretKey, user_agent: busyMerchant.userAgent } }),
    })
    const busy = ((await created.json()) as { id: string }).id
    sim.received.length = 0
    const seen: any[] = []
    let cursor: string | null = null
    do {
      const response = await gw.call(tenant.apiKey, `/v1/orders?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { connection: busy })
      const body = (await response.json()) as { data: any[]; next_cursor: string | null }
      seen.push(...body.data)
      cursor = body.next_cursor
    } while (cursor)
    expect(seen.map((o) => o.id)).toEqual(busyOrders.map((spec) => spec.orderNumber))
    expect(seen.every((o) => o.lines.length === 3)).toBe(true)
    const offsets = received('GET', `/orders/merchantid/${busyMerchant.merchantId}`).map((r) => /offset=(\d+)/.exec(r.query)![1])
    expect(offsets).toContain('99')
  })

  it('orders: status and creation-time filters', async () => {
    const cancelled = await walk('/v1/orders?status=cancelled', 50)
    expect(cancelled.map((o) => o.id).sort()).toEqual([orders[33]!.orderNumber, orders[34]!.orderNumber])
    expect(cancelled.every((o) => o.status === 'cancelled')).toBe(true)
    expect(cancelled.find((o) => o.id === orders[33]!.orderNumber).lines).toHaveLength(2)
    const completed = await walk('/v1/orders?status=completed', 50)
    expect(completed.map((o) => o.id).sort()).toEqual([idOf(orders[31]!), idOf(orders[32]!)].sort())
    const open = await walk('/v1/orders?status=open', 50)
    expect(open).toHaveLength(31)
    // Only cancelled and delivered lists are skipped for status=open.
    const after = new Date(placedAt - 3 * HOUR).toISOString()
    const recent = await walk(`/v1/orders?created_after=${after}`, 50)
    expect(recent.map((o) => o.id)).toEqual([orders[1]!.orderNumber, orders[0]!.orderNumber])
    const before = new Date(placedAt - 79 * HOUR).toISOString()
    const old = await walk(`/v1/orders?created_before=${before}`, 50)
    expect(old.map((o) => o.id).sort()).toEqual([idOf(orders[31]!), idOf(orders[32]!)].sort())
  })

  it('fulfillments: packages open lines with the carrier’s short name, then reports them in transit', async () => {
    const spec = orders[1]!
    sim.received.length = 0
    const response = await post(`/v1/orders/${spec.orderNumber}/fulfillments`, { carrier: 'aras', tracking_number: 'ARS7330031', tracking_url: 'https://kargotakip.araskargo.com.tr/ARS7330031' })
    expect(response.status, await response.clone().text()).toBe(201)
    const fulfillment = (await response.json()) as any
    expect(fulfillment).toMatchObject({ provider: 'hepsiburada', carrier: 'aras', tracking_number: 'ARS7330031', status: 'accepted' })
    // The whole order went into one package: it keeps its id (issue 11), and the package id resolves too.
    expect(fulfillment.order_id).toBe(spec.orderNumber)
    const [created] = received('POST', `/packages/merchantid/${merchant.merchantId}`)
    const line = (await provider(`/orders/merchantid/${merchant.merchantId}/ordernumber/${spec.orderNumber}`)).items[0]
    expect(created!.body).toEqual({ lineItemRequests: [{ id: line.id, quantity: 2 }], cargoCompany: 'ARAS', parcelQuantity: 1 })
    const [transit] = received('POST', '/intransit')
    expect(transit!.body).toMatchObject({ trackingNumber: 'ARS7330031', trackingUrl: 'https://kargotakip.araskargo.com.tr/ARS7330031' })
    expect((transit!.body as any).shippedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    const after = await get(`/v1/orders/${fulfillment.order_id}`)
    expect(after).toMatchObject({ fulfillment_status: 'shipped', provider_status: 'InTransit' })
    expect(after.shipments[0]).toMatchObject({ carrier: 'aras' })
    const packageNumber = (after.raw ?? (await get(`/v1/orders/${spec.orderNumber}?include=raw`)).raw).items[0].packageNumber
    expect(await get(`/v1/orders/${spec.orderNumber}-${packageNumber}`)).toMatchObject({ id: spec.orderNumber, provider_status: 'InTransit' })
    // The same id again goes to its package, which Hepsiburada refuses once in transit.
    await expectProblem(await post(`/v1/orders/${spec.orderNumber}/fulfillments`, { carrier: 'aras', tracking_number: 'X1' }), 400, 'invalid_request')
    await expectProblem(await post(`/v1/orders/${spec.orderNumber}-${packageNumber}/fulfillments`, { carrier: 'aras', tracking_number: 'X1' }), 400, 'invalid_request')
    // A package already made: in transit directly.
    const packaged = orders[4]!
    sim.received.length = 0
    const direct = await post(`/v1/orders/${idOf(packaged)}/fulfillments`, { carrier: 'yurtici', tracking_number: 'YK123' })
    expect(direct.status).toBe(201)
    expect(received('POST', `/packages/merchantid/${merchant.merchantId}`).filter((r) => !r.path.includes('/packagenumber/'))).toHaveLength(0)
    expect((await get(`/v1/orders/${idOf(packaged)}`)).fulfillment_status).toBe('shipped')
  })

  it('fulfillments: an order keeps resolving under the id it had, line by line and once wholly packaged', async () => {
    const spec = orders[0]!
    const before = await get(`/v1/orders/${spec.orderNumber}`)
    expect(before.lines).toHaveLength(2)
    const [first, second] = before.lines as { id: string; quantity: number }[]
    const one = (await (await post(`/v1/orders/${spec.orderNumber}/fulfillments`, { carrier: 'yurtici', tracking_number: 'YK-1', lines: [{ id: first!.id, quantity: first!.quantity }] })).json()) as any
    // Part of the order in a package of its own: that package has its own id, the rest keeps the order's.
    expect(one.order_id).toMatch(new RegExp(`^${spec.orderNumber}-\\w+$`))
    expect((await get(`/v1/orders/${spec.orderNumber}`)).lines.map((line: any) => line.id)).toEqual([second!.id])
    expect((await get(`/v1/orders/${one.order_id}`)).lines.map((line: any) => line.id)).toEqual([first!.id])
    const two = (await (await post(`/v1/orders/${spec.orderNumber}/fulfillments`, { carrier: 'yurtici', tracking_number: 'YK-2' })).json()) as any
    expect(two.order_id).toMatch(new RegExp(`^${spec.orderNumber}-\\w+$`))
    // Nothing left unpackaged: the old id still resolves, to the package of the order's first line.
    const resolved = await get(`/v1/orders/${spec.orderNumber}`)
    expect(resolved).toMatchObject({ id: one.order_id, order_number: spec.orderNumber, fulfillment_status: 'shipped' })
  })

  it('products: every listing exactly once over provider pages, with values', async () => {
    sim.received.length = 0
    const seen = await walk('/v1/products', 200)
    expect(seen.map((p) => p.sku)).toEqual(listings.map((l) => l.merchantSku))
    expect(received('GET', '/listings/').map((r) => r.query)).toEqual(
      Array.from({ length: 10 }, (_, i) => `?offset=${i * 100}&limit=100`),
    )
    expect(seen[1]).toMatchObject({
      id: 'HBCV0000000001',
      provider: 'hepsiburada',
      sku: 'MSKU-1',
      barcode: null,
      // The listing API has no product name: null, never the SKU standing in for it.
      title: null,
      price: { amount: '89.90', currency: 'TRY' },
      list_price: { amount: '100.00', currency: 'TRY' },
      quantity: 5,
      status: 'active',
      provider_status: 'Salable',
    })
    expect(seen[13]).toMatchObject({ status: 'inactive', provider_status: 'Frozen' })
    expect(await get('/v1/products/HBCV0000000002')).toMatchObject({ sku: 'MSKU-2', price: { amount: '100.00' } })
    expect(await get('/v1/products/MSKU-3')).toMatchObject({ id: 'HBCV0000000003' })
    await expectProblem(await gw.call(tenant.apiKey, '/v1/products/NOPE', { connection: connectionId }), 404, 'not_found')
  })

  it('inventory: 1000 SKUs with some invalid end partially_failed with exactly those SKUs and reasons; nothing valid dropped', async () => {
    sim.received.length = 0
    const invalid: Record<string, string> = {
      'GONE-1': 'ProductNotFound',
      'GONE-2': 'ProductNotFound',
      'MSKU-13': 'ListingFrozen',
      'MSKU-20': 'InvalidPrice',
      'MSKU-21': 'InvalidPrice',
      'MSKU-22': 'list_price_unsupported',
    }
    const items = listings.map((l, i) => {
      if (i === 998) return { sku: 'GONE-1', price: '10.00', quantity: 1 }
      if (i === 999) return { sku: 'GONE-2', quantity: 1 }
      if (i === 20 || i === 21) return { sku: l.merchantSku, price: '0', quantity: 9 }
      if (i === 22) return { sku: l.merchantSku, price: '50.00', list_price: '60.00' }
      return { sku: l.merchantSku, price: (120 + (i % 50) / 100).toFixed(2), quantity: 7 + (i % 3) }
    })
    const submitted = await post('/v1/inventory', { items })
    expect(submitted.status, await submitted.clone().text()).toBe(202)
    const job = (await submitted.json()) as Job
    expect(job.status).toBe('processing')
    expect(job.items.find((item) => item.sku === 'MSKU-22')).toMatchObject({ status: 'failed', error: { code: 'list_price_unsupported' } })
    const uploads = received('POST', /-uploads$/)
    expect(uploads.map((r) => [r.path.split('/').at(-1), (r.body as unknown[]).length])).toEqual([
      ['price-uploads', 998],
      ['stock-uploads', 999],
    ])
    expect(((await get(`/v1/inventory/jobs/${job.id}`)) as Job).status).toBe('processing')
    clock.t += UPLOAD_MS
    const done = (await get(`/v1/inventory/jobs/${job.id}`)) as Job
    expect(done.status).toBe('partially_failed')
    expect(done.items).toHaveLength(1000)
    const failed = done.items.filter((item) => item.status === 'failed')
    expect(Object.fromEntries(failed.map((item) => [item.sku, item.error!.code]))).toEqual(invalid)
    expect(done.items.filter((item) => item.status === 'succeeded')).toHaveLength(994)
    // Nothing valid was dropped: Hepsiburada holds every new price and stock.
    const live = sim.merchant(merchant.merchantId).listings
    for (const [i, item] of items.entries()) {
      if (item.sku in invalid) continue
      expect([live[i]!.price, live[i]!.availableStock]).toEqual([Number(item.price), item.quantity])
    }
    expect(live[20]!.price).toBe(100)
  })

  it('inventory: uploads are keyed by the merchant SKU; a barcode-only item is a 400 naming sku, nothing is uploaded', async () => {
    sim.received.length = 0
    const refused = await expectProblem(await post('/v1/inventory', { items: [{ sku: 'MSKU-1', quantity: 3 }, { barcode: '8690000000011', quantity: 3 }] }), 400, 'invalid_request')
    expect(refused.errors).toEqual([{ path: 'body.items.1.sku', message: 'Hepsiburada needs the sku (a barcode alone cannot be used)' }])
    expect(received('POST', /-uploads$/)).toHaveLength(0)
    const accepted = await post('/v1/inventory', { items: [{ sku: 'MSKU-1', barcode: '8690000000011', quantity: 3 }] })
    expect(accepted.status).toBe(202)
    expect(received('POST', /stock-uploads$/)[0]!.body).toEqual([{ merchantSku: 'MSKU-1', availableStock: 3 }])
  })

  it('bad credentials are refused at connection creation with a 4xx, and nothing is stored', async () => {
    const attempt = (body: unknown) => gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify(body) })
    const wrongKey = await expectProblem(await attempt({ provider: 'hepsiburada', credentials: { ...credentials, secret_key: 'WrongKey1234' } }), 400, 'invalid_request')
    expect(wrongKey.provider).toMatchObject({ id: 'hepsiburada', status: 401, message: 'Unauthorized' })
    const wrongAgent = await expectProblem(await attempt({ provider: 'hepsiburada', credentials: { ...credentials, user_agent: 'someone_else' } }), 400, 'invalid_request')
    expect(wrongAgent.provider).toMatchObject({ status: 403 })
    const missing = await expectProblem(await attempt({ provider: 'hepsiburada', credentials: { merchant_id: merchant.merchantId, secret_key: 'x' } }), 400, 'invalid_request')
    expect(missing.errors.map((e: any) => e.path)).toEqual(['credentials.user_agent'])
    await expectProblem(await attempt({ provider: 'hepsiburada', credentials: { ...credentials, merchant_id: '12345' } }), 400, 'invalid_request')
    const list = (await (await gw.call(tenant.apiKey, '/v1/connections')).json()) as { data: { id: string }[] }
    expect(list.data.map((c) => c.id)).toEqual([connectionId])
  })

  it('a 429 from Hepsiburada reaches the app as rate_limited with its Retry-After', async () => {
    while (sim.quota.take(`${merchant.merchantId} oms`).ok);
    const response = await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionId })
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    const limited = await expectProblem(response, 429, 'rate_limited')
    expect(limited.retryable).toBe(true)
    expect(limited.provider).toMatchObject({ id: 'hepsiburada', status: 429, message: 'TooManyRequest' })
    sim.quota.reset()
  })

  it('reaches each named host through its own KOPRU_PROVIDER_HEPSIBURADA_<HOST>_BASE_URL', async () => {
    const perHost = await testGateway({
      env: { KOPRU_PROVIDER_HEPSIBURADA_OMS_BASE_URL: sim.url, KOPRU_PROVIDER_HEPSIBURADA_LISTING_BASE_URL: `${sim.url}/` },
    })
    const owner = await perHost.tenant()
    const created = await perHost.call(owner.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'hepsiburada', credentials }) })
    expect(created.status).toBe(201)
    const connection = ((await created.json()) as { id: string }).id
    const products = await perHost.call(owner.apiKey, '/v1/products?limit=2', { connection })
    expect(((await products.json()) as any).data.map((p: any) => p.sku)).toEqual(['MSKU-0', 'MSKU-1'])
  })

  it('proxies raw calls to the order host with auth injected', async () => {
    sim.received.length = 0
    const response = await gw.call(tenant.apiKey, `/v1/proxy/orders/merchantid/${merchant.merchantId}/cancelled?offset=0&limit=50`, { connection: connectionId })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { totalCount: number; items: { orderNumber: string }[] }
    expect(body.totalCount).toBe(3)
    expect(new Set(body.items.map((row) => row.orderNumber))).toEqual(new Set([orders[33]!.orderNumber, orders[34]!.orderNumber]))
    expect(sim.received.at(-1)!.headers['user-agent']).toBe(merchant.userAgent)
  })

  it('is in the catalog with its auth fields, environments and operations', async () => {
    const catalog = (await (await gw.call(tenant.apiKey, '/v1/providers')).json()) as { data: any[] }
    const entry = catalog.data.find((p) => p.id === 'hepsiburada')
    expect(entry.auth_fields.map((f: any) => [f.name, f.secret])).toEqual([
      ['merchant_id', false],
      ['secret_key', true],
      ['user_agent', false],
    ])
    expect(entry.operations.sort()).toEqual(
      ['fulfillments.create', 'inventory.job', 'inventory.update', 'orders.get', 'orders.list', 'products.get', 'products.list', 'proxy'].sort(),
    )
  })
})
