import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { toTrendyolLocal, type PackageSpec, type ProductSpec } from '../../providers/trendyol/fixtures.js'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
const seller = { sellerId: '777001', apiKey: 'tyCommerceKey', apiSecret: 'tyCommerceSecret' }
const clock = { t: Date.now(), now() { return this.t } }
const BATCH_DELAY = 1500

// An order placed at 21:30 Istanbul time three days ago = 18:30Z.
const placedAt = (() => {
  const day = new Date(Date.now() - 3 * 24 * HOUR)
  day.setUTCHours(18, 30, 0, 0)
  return day.getTime()
})()

const pkg = (i: number, status: string, orderedAt: number, extra: Partial<PackageSpec> = {}): PackageSpec => ({
  id: 4_100_000_000 + i,
  orderNumber: `1095000${i}`,
  orderedAt,
  status,
  lines: [
    { productName: 'Türk Kahvesi 250 g', barcode: `869000${i}`, merchantSku: `TK-${i}`, quantity: 3, amount: 129.9, discount: 12.99, vatRate: 10 },
    { productName: 'Bakır Cezve', barcode: `869100${i}`, merchantSku: `BC-${i}`, quantity: 1, amount: 389.9, discount: 0, vatRate: 20 },
  ],
  customer: { firstName: 'Elif', lastName: 'Kaya', email: `elif${i}@trendyolmail.com` },
  address: { city: 'İzmir', district: 'Karşıyaka', neighborhood: 'Bostanlı Mah.', postalCode: '35590', line: 'Cemal Gürsel Cad. No:12', phone: '05321234567' },
  history: [{ status: 'Created', at: orderedAt + 60_000 }],
  ...extra,
})

const packages: PackageSpec[] = [
  pkg(0, 'Created', placedAt),
  ...Array.from({ length: 6 }, (_, i) => pkg(i + 1, i % 2 ? 'Delivered' : 'Picking', placedAt - (i + 1) * 7 * HOUR)),
  pkg(9, 'Shipped', placedAt - 50 * HOUR, {
    cargo: { trackingNumber: 7330031000000009, providerName: 'Trendyol Express Marketplace', link: 'https://kargotakip.trendyol.com/?x=9' },
  }),
]

const barcode = (i: number) => `8690${String(i).padStart(6, '0')}`
const products: ProductSpec[] = Array.from({ length: 1000 }, (_, i) => ({
  barcode: barcode(i),
  stockCode: `STK-${i}`,
  title: `Ürün ${i}`,
  brand: 'Paşabahçe',
  category: 'Bardak',
  quantity: 5,
  salePrice: 100,
  listPrice: 120,
  approved: i !== 7,
  createdAt: clock.t - (1000 - i) * 60_000,
}))

type Job = { id: string; status: string; items: { sku: string | null; barcode: string | null; status: string; error?: { code: string | null; message: string } }[] }

describe('Trendyol commerce end to end, over HTTP against the simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string

  const get = async (path: string) => {
    const response = await gw.call(tenant.apiKey, path, { connection: connectionId })
    expect(response.status, await response.clone().text()).toBe(200)
    return (await response.json()) as any
  }
  const post = (path: string, body: unknown) => gw.call(tenant.apiKey, path, { method: 'POST', connection: connectionId, body: JSON.stringify(body) })
  const received = (method: string, fragment: string) => sim.received.filter((r) => r.method === method && r.path.includes(fragment))

  beforeAll(async () => {
    sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller, packages, products }], clock, batchDelayMs: BATCH_DELAY }))
  })
  afterAll(() => sim.server.close())
  beforeEach(async () => {
    sim.quota.reset()
    gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
    })
    expect(created.status).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
  })

  it('orders: 21:30 Istanbul becomes 18:30Z, totals equal the provider, statuses map per the table', async () => {
    const order = await get(`/v1/orders/${4_100_000_000}?include=raw`)
    expect(new Date(order.raw.orderDate).toISOString().slice(11, 16)).toBe('21:30')
    expect(order.created_at.slice(11)).toBe('18:30:00.000Z')
    expect(order.total).toEqual({ amount: String(order.raw.totalPrice.toFixed(2)), currency: 'TRY' })
    expect(order.total.amount).toBe('740.63') // 3 × (129.90 − 12.99) + 389.90
    expect(order).toMatchObject({ status: 'open', fulfillment_status: 'unfulfilled', payment_status: 'paid', provider_status: 'Created' })
    expect((await get(`/v1/orders/${4_100_000_002}`)).fulfillment_status).toBe('delivered')
    expect((await get(`/v1/orders/${4_100_000_001}`)).fulfillment_status).toBe('processing')
  })

  it('orders: walks at least three provider pages with the cursor, every order exactly once', async () => {
    sim.received.length = 0
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const body: any = await get(`/v1/orders?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...body.data.map((o: any) => o.id))
      cursor = body.next_cursor
    } while (cursor)
    expect(seen).toEqual(packages.map((p) => String(p.id)))
    expect(new Set(received('GET', '/orders').map((r) => r.query.page)).size).toBeGreaterThanOrEqual(3)
  })

  it('products: lists every listing exactly once over provider pages, with values', async () => {
    sim.received.length = 0
    const seen: any[] = []
    let cursor: string | null = null
    do {
      const body: any = await get(`/v1/products?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...body.data)
      cursor = body.next_cursor
    } while (cursor)
    expect(seen.map((p) => p.id)).toEqual(products.map((p) => p.barcode))
    expect(received('GET', '/products').map((r) => r.query.page)).toEqual(['0', '1', '2', '3', '4'])
    const live = sim.seller(seller.sellerId).products[3]!
    expect(seen[3]).toEqual({
      id: barcode(3),
      provider: 'trendyol',
      connection_id: connectionId,
      sku: 'STK-3',
      barcode: barcode(3),
      title: 'Ürün 3',
      brand: 'Paşabahçe',
      category: 'Bardak',
      price: { amount: live.salePrice!.toFixed(2), currency: 'TRY' },
      list_price: { amount: live.listPrice!.toFixed(2), currency: 'TRY' },
      quantity: live.quantity,
      status: 'active',
      provider_status: 'OnSale',
      url: live.productUrl,
      images: [live.images![0]!.url],
      attributes: { Beden: 'Tek Ebat', Renk: 'Çok Renkli' },
      updated_at: new Date(live.lastUpdateDate!).toISOString(),
    })
    expect(seen[7]).toMatchObject({ status: 'pending_approval', provider_status: 'PendingApproval' })
    const one = await get(`/v1/products/${barcode(42)}?include=raw`)
    expect(one).toMatchObject({ id: barcode(42), sku: 'STK-42', raw: { barcode: barcode(42), productMainId: 'PM-STK-42' } })
    // A field the wire schema does not read is still in raw: the listing as Trendyol sent it.
    expect(one.raw).toHaveProperty('hasActiveCampaign', false)
    await expectProblem(await gw.call(tenant.apiKey, '/v1/products/0000', { connection: connectionId }), 404, 'not_found')
  })

  it('inventory: 1000 SKUs with some invalid end partially_failed with the exact SKUs and reasons; nothing valid dropped', async () => {
    const items = [
      ...Array.from({ length: 990 }, (_, i) => {
        if ([10, 20, 30].includes(i)) return { barcode: barcode(i), list_price: '90.00' }
        if ([11, 21].includes(i)) return { barcode: barcode(i), quantity: 20_001 }
        if (i === 12) return { barcode: barcode(i), price: '130.00' }
        return i % 2 ? { barcode: barcode(i), quantity: i % 50 } : { barcode: barcode(i), quantity: i % 50, price: '99.90', list_price: '119.90' }
      }),
      ...Array.from({ length: 10 }, (_, i) => ({ barcode: `UNKNOWN-${i}`, quantity: 1 })),
    ]
    sim.received.length = 0
    const response = await post('/v1/inventory', { items })
    expect(response.status).toBe(202)
    const job = (await response.json()) as Job
    expect(job.status).toBe('processing')
    expect(received('POST', '/price-and-inventory')).toHaveLength(1)

    // Trendyol's queue has not run yet: still processing, the live listing unchanged.
    expect(((await get(`/v1/inventory/jobs/${job.id}`)) as Job).status).toBe('processing')
    expect(sim.seller(seller.sellerId).products[0]!.salePrice).toBe(100)

    clock.t += BATCH_DELAY
    const done = (await get(`/v1/inventory/jobs/${job.id}`)) as Job
    expect(done.status).toBe('partially_failed')
    // The final state was announced once, in the same transaction that stored it.
    await get(`/v1/inventory/jobs/${job.id}`)
    const completed = ((await get('/v1/events?type=inventory.job_completed')) as { data: { data: Job }[] }).data
    expect(completed).toHaveLength(1)
    expect(completed[0]!.data).toMatchObject({ id: job.id, status: 'partially_failed' })
    expect(done.items.map((item) => item.barcode)).toEqual(items.map((item) => item.barcode))
    const failed = Object.fromEntries(done.items.filter((item) => item.status === 'failed').map((item) => [item.barcode, item.error!.message]))
    expect(failed).toEqual({
      [barcode(7)]: 'Onaylanmamış ürünlerin stok ve fiyat bilgisi güncellenemez.',
      [barcode(10)]: 'Liste fiyatı satış fiyatından düşük olamaz.',
      [barcode(11)]: 'Stok adedi 20000 adetten fazla olamaz.',
      [barcode(12)]: 'Liste fiyatı satış fiyatından düşük olamaz.',
      [barcode(20)]: 'Liste fiyatı satış fiyatından düşük olamaz.',
      [barcode(21)]: 'Stok adedi 20000 adetten fazla olamaz.',
      [barcode(30)]: 'Liste fiyatı satış fiyatından düşük olamaz.',
      ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`UNKNOWN-${i}`, `UNKNOWN-${i} barkodlu ürün bulunamadı.`])),
    })
    expect(done.items.filter((item) => item.status === 'succeeded')).toHaveLength(983)
    // Valid items reached the listing; refused ones left it as it was.
    const live = sim.seller(seller.sellerId).products
    expect([live[4]!.quantity, live[4]!.salePrice, live[4]!.listPrice]).toEqual([4, 99.9, 119.9])
    expect([live[5]!.quantity, live[5]!.salePrice]).toEqual([5, 100])
    expect([live[10]!.listPrice, live[11]!.quantity]).toEqual([120, 5])
    const unified = await get(`/v1/products/${barcode(4)}`)
    expect(unified).toMatchObject({ quantity: 4, price: { amount: '99.90' }, list_price: { amount: '119.90' } })

    // Final: the job is answered from storage, Trendyol is not asked again.
    const polls = received('GET', '/batch-requests/').length
    expect(await get(`/v1/inventory/jobs/${job.id}`)).toEqual(done)
    expect(received('GET', '/batch-requests/')).toHaveLength(polls)
  })

  it('inventory: the same body within 15 minutes is refused by Trendyol with a clear 400; later it is accepted', async () => {
    const body = { items: [{ barcode: barcode(500), quantity: 9 }] }
    expect((await post('/v1/inventory', body)).status).toBe(202)
    const again = await expectProblem(await post('/v1/inventory', body), 400, 'invalid_request')
    expect(again.provider).toMatchObject({ id: 'trendyol', status: 400, code: 'duplicate.request', message: '15 dakika boyunca aynı isteği tekrarlı olarak atamazsınız!' })
    clock.t += 15 * 60_000 + 1
    expect((await post('/v1/inventory', body)).status).toBe(202)
  })

  it('inventory: Trendyol needs the barcode; an item with only a sku is a 400 naming it, nothing is sent', async () => {
    sim.received.length = 0
    const refused = await expectProblem(await post('/v1/inventory', { items: [{ barcode: barcode(700), quantity: 1 }, { sku: 'STK-701', quantity: 1 }] }), 400, 'invalid_request')
    expect(refused.errors).toEqual([{ path: 'body.items.1.barcode', message: 'Trendyol needs the barcode (a sku alone cannot be used)' }])
    expect(received('POST', '/price-and-inventory')).toHaveLength(0)
    const neither = await expectProblem(await post('/v1/inventory', { items: [{ quantity: 1 }] }), 400, 'invalid_request')
    expect(neither.errors?.[0]?.path).toBe('body.items.0.sku')
    const both = await post('/v1/inventory', { items: [{ sku: 'STK-702', barcode: barcode(702), quantity: 4 }] })
    expect(both.status).toBe(202)
    expect(((await both.json()) as Job).items).toEqual([{ sku: 'STK-702', barcode: barcode(702), status: 'pending' }])
    expect(received('POST', '/price-and-inventory')).toHaveLength(1)
  })

  it('inventory: a batch whose result Trendyol no longer keeps fails its items as result_expired', async () => {
    const realNow = clock.t
    clock.t = Date.now() - 5 * HOUR
    const job = (await (await post('/v1/inventory', { items: [{ barcode: barcode(600), quantity: 3 }] })).json()) as Job
    clock.t = realNow
    const polled = (await get(`/v1/inventory/jobs/${job.id}`)) as Job
    expect(polled).toMatchObject({ status: 'failed', items: [{ barcode: barcode(600), status: 'failed', error: { code: 'result_expired' } }] })
  })

  it('fulfillment: picks the package, switches the carrier, sends the tracking number; then the order shows it', async () => {
    const id = String(4_100_000_000)
    sim.received.length = 0
    const response = await post(`/v1/orders/${id}/fulfillments`, { carrier: 'yurtici', tracking_number: '7251234567890' })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({
      order_id: id,
      provider: 'trendyol',
      connection_id: connectionId,
      carrier: 'yurtici',
      tracking_number: '7251234567890',
      tracking_url: null,
      status: 'accepted',
    })
    expect(received('PUT', '/shipment-packages/').map((r) => r.path.split(`${id}`)[1] || '/')).toEqual(['/', '/cargo-providers', '/update-tracking-number'])
    const order = await get(`/v1/orders/${id}`)
    expect(order).toMatchObject({ provider_status: 'Picking', fulfillment_status: 'processing' })
    expect(order.shipments).toEqual([{ carrier: 'yurtici', tracking_number: '7251234567890', tracking_url: null, shipped_at: null }])
    // Sending it again is a success without another write.
    sim.received.length = 0
    expect((await post(`/v1/orders/${id}/fulfillments`, { carrier: 'yurtici', tracking_number: '7251234567890' })).status).toBe(201)
    expect(received('PUT', '/shipment-packages/')).toHaveLength(0)
    // A different number now: Trendyol refuses to overwrite a tracking code.
    const overwrite = await expectProblem(await post(`/v1/orders/${id}/fulfillments`, { carrier: 'yurtici', tracking_number: '999' }), 400, 'invalid_request')
    expect(overwrite.provider).toMatchObject({ code: 'shipment.not.updatable', message: 'Shipment Update Edilebilir Bir Durumda Değil.' })
  })

  it('fulfillment: carrier mng ships with DHL eCommerce (MNG Kargo\'s name on Trendyol), and the order shows mng', async () => {
    const id = String(4_100_000_001)
    sim.received.length = 0
    const response = await post(`/v1/orders/${id}/fulfillments`, { carrier: 'mng', tracking_number: '5301234567' })
    expect(response.status, await response.clone().text()).toBe(201)
    const change = received('PUT', '/cargo-providers')
    expect(change).toHaveLength(1)
    const order = await get(`/v1/orders/${id}?include=raw`)
    expect(order.raw.cargoProviderName).toBe('DHL eCommerce Marketplace')
    expect(order.shipments[0]).toMatchObject({ carrier: 'mng', tracking_number: '5301234567' })
  })

  it('fulfillment: refuses what Trendyol cannot do with clear 4xx answers', async () => {
    await expectProblem(await post(`/v1/orders/${4_100_000_009}/fulfillments`, { carrier: 'aras', tracking_number: '1' }), 409, 'conflict')
    const ups = await expectProblem(await post(`/v1/orders/${4_100_000_001}/fulfillments`, { carrier: 'ups', tracking_number: '1' }), 400, 'invalid_request')
    expect(ups.errors[0].path).toBe('body.carrier')
    const partial = await post(`/v1/orders/${4_100_000_003}/fulfillments`, { carrier: 'aras', tracking_number: '1', lines: [{ id: '41000000030', quantity: 3 }] })
    await expectProblem(partial, 400, 'invalid_request')
    await expectProblem(await post('/v1/orders/123/fulfillments', { carrier: 'aras', tracking_number: '1' }), 404, 'not_found')
    // The whole package listed line by line is fine; a Trendyol code works as the carrier too.
    const whole = await post(`/v1/orders/${4_100_000_003}/fulfillments`, {
      carrier: 'ARASMP',
      tracking_number: '7261112223334',
      lines: [{ id: '41000000030', quantity: 3 }, { id: '41000000031', quantity: 1 }],
    })
    expect(whole.status).toBe(201)
  })

  it('the catalog lists what the Trendyol adapter implements', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/providers')
    const entry = ((await response.json()) as any).data.find((p: any) => p.id === 'trendyol')
    expect([...entry.operations].sort()).toEqual(
      ['fulfillments.create', 'inventory.job', 'inventory.update', 'invoices.attach', 'orders.get', 'orders.list', 'products.get', 'products.list', 'proxy'].sort(),
    )
  })
})

describe('Trendyol stock-and-price batches without a batch status (as the docs describe them)', () => {
  it('completes from the item statuses alone', async () => {
    const t = { t: Date.now(), now() { return this.t } }
    const sim = await serveSimulator(
      createTrendyolSimulator({ sellers: [{ ...seller, packages: [], products: products.slice(0, 3) }], clock: t, batchDelayMs: 500, batchStatus: false }),
    )
    try {
      const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
      const tenant = await gw.tenant()
      const created = await gw.call(tenant.apiKey, '/v1/connections', {
        method: 'POST',
        body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
      })
      const connection = ((await created.json()) as { id: string }).id
      const body = JSON.stringify({ items: [{ barcode: barcode(0), quantity: 1 }, { barcode: barcode(1), price: '500.00' }] })
      const job = (await (await gw.call(tenant.apiKey, '/v1/inventory', { method: 'POST', connection, body })).json()) as Job
      const poll = async () => (await (await gw.call(tenant.apiKey, `/v1/inventory/jobs/${job.id}`)).json()) as Job
      expect((await poll()).status).toBe('processing')
      t.t += 500
      expect(await poll()).toMatchObject({
        status: 'partially_failed',
        items: [
          { barcode: barcode(0), status: 'succeeded' },
          { barcode: barcode(1), status: 'failed', error: { message: 'Liste fiyatı satış fiyatından düşük olamaz.' } },
        ],
      })
    } finally {
      sim.server.close()
    }
  })
})

describe('Trendyol answering a forgotten batch with 200 PROCESSING (Lonca prod capture, 2026-05-25)', () => {
  it('keeps a young batch pending and fails an old one as result_expired instead of polling forever', async () => {
    const t = { t: Date.now() - 5 * 3600_000, now() { return this.t } }
    const sim = await serveSimulator(
      createTrendyolSimulator({ sellers: [{ ...seller, packages: [], products: products.slice(0, 3) }], clock: t, batchDelayMs: 500, unknownBatchAnswer: 'processing' }),
    )
    try {
      const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
      const tenant = await gw.tenant()
      const created = await gw.call(tenant.apiKey, '/v1/connections', {
        method: 'POST',
        body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
      })
      const connection = ((await created.json()) as { id: string }).id
      const submit = async (i: number) =>
        (await (await gw.call(tenant.apiKey, '/v1/inventory', { method: 'POST', connection, body: JSON.stringify({ items: [{ barcode: barcode(i), quantity: 1 }] }) })).json()) as Job
      const poll = async (job: Job) => (await (await gw.call(tenant.apiKey, `/v1/inventory/jobs/${job.id}`)).json()) as Job
      // Submitted five hours ago (the batch id carries that time); Trendyol has since forgotten it.
      const old = await submit(0)
      t.t = Date.now()
      expect(await poll(old)).toMatchObject({ status: 'failed', items: [{ barcode: barcode(0), status: 'failed', error: { code: 'result_expired' } }] })
      // A young batch still in Trendyol's queue stays pending.
      const young = await submit(1)
      expect((await poll(young)).status).toBe('processing')
    } finally {
      sim.server.close()
    }
  })
})
