import { beforeEach, describe, expect, it } from 'vitest'
import { createHepsiburadaSimulator, type HepsiburadaSimulator } from '../../providers/hepsiburada/simulator.js'
import { seedListings, type OrderSpec } from '../../providers/hepsiburada/fixtures.js'

const HOUR = 3600_000
const merchant = { merchantId: '11111111-2222-4333-8444-555555555555', secretKey: 'Abc123Def456', userAgent: 'acme_dev' }
const t0 = Date.UTC(2026, 10, 20, 12, 0)

const order = (i: number, status: string, hoursAgo: number): OrderSpec => ({
  orderNumber: String(4_500_000_000 + i),
  orderedAt: t0 - hoursAgo * HOUR,
  status,
  statusAt: t0 - hoursAgo * HOUR + HOUR,
  lines: [{ name: 'Deri Cüzdan', merchantSku: `HB-DER-${1000 + i}`, hbSku: `HBCV0000${100_000 + i}`, barcode: `86900${i}`, quantity: 1, unitPrice: 749.95, hbDiscount: 0, merchantDiscount: 0, vatRate: 20 }],
  customer: { name: 'Emre Doğan', email: 'emre@example.com', phone: '05321234567' },
  address: { city: 'Ankara', town: 'Çankaya', district: 'Kızılay Mah.', postalCode: '06420', line: 'Atatürk Blv. No:1' },
})

describe('Hepsiburada simulator', () => {
  let now: number
  let sim: HepsiburadaSimulator
  const auth = (user = merchant.merchantId, pass = merchant.secretKey) => `Basic ${btoa(`${user}:${pass}`)}`
  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    sim.app.fetch(
      new Request(`http://sim${path}`, {
        ...init,
        headers: { authorization: auth(), 'user-agent': merchant.userAgent, 'content-type': 'application/json', ...init.headers },
      }),
    )
  const base = `/orders/merchantid/${merchant.merchantId}`
  const listings = `/listings/merchantid/${merchant.merchantId}`

  beforeEach(() => {
    now = t0
    sim = createHepsiburadaSimulator({
      merchants: [{ ...merchant, orders: [order(1, 'Open', 5), order(2, 'Open', 4), order(3, 'Packaged', 3), order(4, 'Delivered', 50)], listings: seedListings({ count: 10 }) }],
      clock: { now: () => now },
      quota: { limit: 5, windowMs: 1000 },
      uploadProcessingMs: 3000,
    })
  })

  it('refuses bad Basic credentials with 401 and a missing or wrong User-Agent with 403', async () => {
    const wrongKey = await call(`${base}?offset=0&limit=1`, { headers: { authorization: auth(merchant.merchantId, 'nope') } })
    expect(wrongKey.status).toBe(401)
    expect(await wrongKey.json()).toEqual({ message: 'Unauthorized' })
    const otherMerchant = await call(`/orders/merchantid/99999999-2222-4333-8444-555555555555?offset=0&limit=1`)
    expect(otherMerchant.status).toBe(401)
    const none = await call(`${base}?offset=0&limit=1`, { headers: { authorization: '' } })
    expect(none.status).toBe(401)
    const noAgent = await call(`${base}?offset=0&limit=1`, { headers: { 'user-agent': '' } })
    expect(noAgent.status).toBe(403)
    const trendyolStyle = await call(`${base}?offset=0&limit=1`, { headers: { 'user-agent': `${merchant.merchantId} - SelfIntegration` } })
    expect(trendyolStyle.status).toBe(403)
  })

  it('requires limit and offset, enforces each list its own maximum and the packages time window', async () => {
    const missing = await call(base)
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ message: 'Bad Request limit and offset parameters are required' })
    expect((await call(`${base}?offset=0&limit=101`)).status).toBe(400)
    expect((await call(`${base}?offset=0&limit=100`)).status).toBe(200)
    const packages = `/packages/merchantid/${merchant.merchantId}`
    expect((await call(`${packages}?offset=0&limit=11&timespan=24`)).status).toBe(400)
    expect((await call(`${packages}?offset=0&limit=10`)).status).toBe(400)
    sim.quota.reset()
    const ok = await call(`${packages}?Offset=0&limit=10&timespan=24`)
    expect(ok.status).toBe(200)
    const rows = (await ok.json()) as { packageNumber: string; status: string; totalPrice: { amount: number } }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'Packaged', totalPrice: { amount: 749.95, currency: 'TRY' } })
    sim.quota.reset()
    expect((await call(`/packages/merchantid/${merchant.merchantId}/delivered?offset=0&limit=51`)).status).toBe(400)
  })

  it('pages paid lines with the documented envelope; OMS takes merchantId in either case', async () => {
    const first = (await (await call(`${base}?offset=0&limit=1`)).json()) as any
    expect(first).toMatchObject({ limit: 1, offset: 0, pageCount: 2, totalCount: 2 })
    expect(first.items[0]).toMatchObject({ orderNumber: '4500000001', status: 'Open', merchantSKU: 'HB-DER-1001', orderDate: '2026-11-20T10:00:00' })
    const second = (await (await call(`/orders/merchantId/${merchant.merchantId}?offset=1&limit=1`)).json()) as any
    expect(second.items.map((line: any) => line.orderNumber)).toEqual(['4500000002'])
  })

  it('cuts a begindate/enddate range longer than 24 hours to 24 hours', async () => {
    // begindate 4 days back: only what lies within the first 24 hours of it counts.
    const wide = (await (await call(`${base}?offset=0&limit=10&begindate=2026-11-20 00:00&enddate=2026-11-25 00:00`)).json()) as any
    expect(wide.items.map((line: any) => line.orderNumber)).toEqual(['4500000001', '4500000002'])
    const early = (await (await call(`${base}?offset=0&limit=10&begindate=2026-11-19 00:00&enddate=2026-11-25 00:00`)).json()) as any
    expect(early.items).toEqual([])
  })

  it('answers 429 with X-RateLimit-* and Retry-After past the quota, and frees up after the window', async () => {
    const ok = await call(`${base}?offset=0&limit=1`)
    expect(ok.headers.get('x-ratelimit-limit')).toBe('5')
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('4')
    for (let i = 0; i < 4; i++) await call(`${base}?offset=0&limit=1`)
    const limited = await call(`${base}?offset=0&limit=1`)
    expect(limited.status).toBe(429)
    expect(await limited.json()).toEqual({ message: 'TooManyRequest' })
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    // Hosts keep separate windows.
    expect((await call(`${listings}?offset=0&limit=1`)).status).toBe(200)
    now += 1000
    expect((await call(`${base}?offset=0&limit=1`)).status).toBe(200)
  })

  it('accepts only lowercase merchantid on listing-external', async () => {
    expect((await call(`/listings/merchantId/${merchant.merchantId}?offset=0&limit=1`)).status).toBe(400)
    const page = (await (await call(`${listings}?offset=2&limit=3`)).json()) as any
    expect(page).toMatchObject({ totalCount: 10, limit: 3, offset: 2 })
    expect(page.listings.map((listing: any) => listing.merchantSku)).toEqual(['HB-KUR-1002', 'HB-HAL-1003', 'HB-VES-1004'])
    expect((await call(`${listings}?offset=0&limit=101`)).status).toBe(400)
    const many = Array.from({ length: 51 }, (_, i) => `S${i}`).join(',')
    expect((await call(`${listings}?offset=0&limit=10&merchantSkuList=${many}`)).status).toBe(400)
  })

  it('processes uploads on its clock with per-element errors, then applies what was valid', async () => {
    const submitted = await call(`${listings}/price-uploads`, {
      method: 'POST',
      body: JSON.stringify([
        { merchantSku: 'HB-KOT-1000', price: 199.9 },
        { merchantSku: 'NOPE-1', price: 10 },
        { merchantSku: 'HB-KAR-1001', price: -5 },
        { merchantSku: 'HB-KOT-1000', price: 180 },
        { merchantSku: 'HB-KUR-1002', hepsiburadaSku: 'HBCV0000100003', price: 100 },
        { merchantSku: 'HB-HAL-1003', price: 99999 },
      ]),
    })
    expect(submitted.status).toBe(200)
    const { id } = (await submitted.json()) as { id: string }
    const pending = (await (await call(`${listings}/price-uploads/id/${id}`)).json()) as any
    expect(pending).toMatchObject({ id, status: 'InProgress', total: 6 })
    expect(sim.merchant(merchant.merchantId).listings[0]!.price).toBe(249.99)
    now += 3000
    sim.quota.reset()
    const done = (await (await call(`${listings}/price-uploads/id/${id}`)).json()) as any
    expect(done.status).toBe('Done')
    expect(done.errors).toEqual([
      { elementNo: 2, hepsiburadaSku: null, merchantSku: 'NOPE-1', errors: ['ProductNotFound'] },
      { elementNo: 3, hepsiburadaSku: null, merchantSku: 'HB-KAR-1001', errors: ['InvalidPrice'] },
      { elementNo: 4, hepsiburadaSku: null, merchantSku: 'HB-KOT-1000', errors: ['DuplicateMerchantSkuSpecified'] },
      { elementNo: 5, hepsiburadaSku: 'HBCV0000100003', merchantSku: 'HB-KUR-1002', errors: ['MismatchingSkusSpecified'] },
    ])
    expect(done.priceValidations).toMatchObject([{ elementNo: 6, type: 'MaxLock', merchantSku: 'HB-HAL-1003' }])
    const listing = sim.merchant(merchant.merchantId).listings
    expect(listing[0]!.price).toBe(199.9)
    expect(listing[3]!.isLocked).toBe(true)
    expect((await call(`${listings}/stock-uploads/id/${id}`)).status).toBe(404)
  })

  it('refuses oversized uploads and a sixth waiting upload', async () => {
    const big = Array.from({ length: 4001 }, (_, i) => ({ merchantSku: `S${i}`, availableStock: 1 }))
    expect((await call(`${listings}/stock-uploads`, { method: 'POST', body: JSON.stringify(big) })).status).toBe(400)
    for (let i = 0; i < 5; i++) {
      sim.quota.reset()
      expect((await call(`${listings}/stock-uploads`, { method: 'POST', body: JSON.stringify([{ merchantSku: 'HB-KOT-1000', availableStock: i }]) })).status).toBe(200)
    }
    sim.quota.reset()
    const sixth = await call(`${listings}/stock-uploads`, { method: 'POST', body: JSON.stringify([{ merchantSku: 'HB-KOT-1000', availableStock: 9 }]) })
    expect(sixth.status).toBe(429)
    expect(sixth.headers.get('retry-after')).toBe('3')
    expect(((await sixth.json()) as any).message).toMatch(/too many ongoing\/waiting inventory uploads/)
  })

  it('packages open lines, takes the in-transit report and lists the package as shipped', async () => {
    const lines = (await (await call(`${base}?offset=0&limit=10`)).json()) as any
    const line = lines.items[0]
    const created = await call(`/packages/merchantid/${merchant.merchantId}`, {
      method: 'POST',
      body: JSON.stringify({ lineItemRequests: [{ id: line.id, quantity: 1 }], cargoCompany: 'ARAS' }),
    })
    expect(created.status).toBe(201)
    const { packageNumber, barcode } = (await created.json()) as { packageNumber: string; barcode: string }
    expect(barcode).toBe(`HBX${packageNumber}`)
    const again = await call(`/packages/merchantid/${merchant.merchantId}`, { method: 'POST', body: JSON.stringify({ lineItemRequests: [{ id: line.id, quantity: 1 }] }) })
    expect(again.status).toBe(400)
    const transit = `/packages/merchantid/${merchant.merchantId}/packagenumber/${packageNumber}/intransit`
    expect((await call(transit, { method: 'POST', body: JSON.stringify({}) })).status).toBe(400)
    expect((await call(transit, { method: 'POST', body: JSON.stringify({ trackingNumber: 'ARS123' }) })).status).toBe(200)
    sim.quota.reset()
    const shipped = (await (await call(`/packages/merchantid/${merchant.merchantId}/shipped?offset=0&limit=50`)).json()) as any
    expect(shipped.items).toEqual([
      expect.objectContaining({ PackageNumber: packageNumber, OrderNumber: line.orderNumber, ShippedDate: '2026-11-20T15:00:00' }),
    ])
    const tracking = (await (await call(`/packages/merchantid/${merchant.merchantId}/packagenumber/${packageNumber}`)).json()) as any
    expect(tracking).toMatchObject({ status: 'InTransit', trackingInfoCode: 'ARS123', cargoCompany: 'Aras Kargo' })
  })
})
