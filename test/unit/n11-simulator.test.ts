import { describe, expect, it } from 'vitest'
import { createN11Simulator, n11DemoAccount } from '../../providers/n11/simulator.js'
import type { N11PackageSpec } from '../../providers/n11/fixtures.js'

const DAY = 86_400_000
const auth = { appkey: n11DemoAccount.appKey, appsecret: n11DemoAccount.appSecret }

function setup(options: Parameters<typeof createN11Simulator>[0] = {}) {
  const clock = { at: Date.parse('2026-11-28T12:00:00Z'), now() { return this.at } }
  const sim = createN11Simulator({ clock, ...options })
  const call = (path: string, init: RequestInit = {}) =>
    Promise.resolve(sim.app.fetch(new Request(`http://n11.test${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } })))
  return { sim, clock, call }
}

const pkg = (i: number, daysAgo: number, status = 'Created'): N11PackageSpec => {
  const at = Date.parse('2026-11-28T12:00:00Z') - daysAgo * DAY
  return {
    id: 100 + i,
    orderNumber: `2120000000${String(i).padStart(2, '0')}`,
    orderedAt: at,
    status,
    lines: [{ productName: 'Deri Cüzdan', stockCode: `S-${i}`, barcode: `868${i}`, quantity: 1, price: 749.95, sellerDiscount: 0, vatRate: 20 }],
    customer: { fullName: 'Emre Kaya', email: 'e***@n11.com' },
    address: { city: 'Ankara', district: 'Çankaya', neighborhood: 'Kızılay Mah.', postalCode: '06420', line: 'Atatürk Blv. No:1', gsm: '5321234567' },
    history: [{ status: 'Created', at }],
  }
}

describe('n11 simulator: authentication per path family', () => {
  it('answers /ms and /rest failures in their own shapes', async () => {
    const { sim } = setup()
    const raw = (path: string, headers: Record<string, string>) => Promise.resolve(sim.app.fetch(new Request(`http://n11.test${path}`, { headers })))
    const msWrong = await raw('/ms/product-query', { appkey: 'nope', appsecret: 'x' })
    expect(msWrong.status).toBe(401)
    expect(await msWrong.json()).toMatchObject({ '@type': 'SellerApiUserUnauthorizedException', message: 'Apide doğrulama işlemi başarısız oldu.' })
    const msMissing = await raw('/ms/product-query', { appkey: auth.appkey })
    expect(msMissing.status).toBe(500)
    expect(((await msMissing.json()) as { message: string }).message).toContain('MissingRequestHeaderException')
    const restKey = await raw('/rest/delivery/v1/shipmentPackages', { appkey: 'nope', appsecret: 'x' })
    expect(restKey.status).toBe(403)
    expect(restKey.headers.get('content-type')).toContain('text/plain')
    expect(await restKey.text()).toBe('Authentication failed')
    const restSecret = await raw('/rest/delivery/v1/shipmentPackages', { appkey: auth.appkey, appsecret: 'wrong' })
    expect(restSecret.status).toBe(400)
    expect(await restSecret.json()).toMatchObject({ status: 'failure', errorCode: 'SELLER_API.authenticationFailed' })
    const restMissing = await raw('/rest/delivery/v1/shipmentPackages', {})
    expect(restMissing.status).toBe(400)
    expect(restMissing.headers.get('content-type')).toContain('text/html')
    const cdn = await raw('/cdn/categories', { appkey: auth.appkey })
    expect([cdn.status, await cdn.text()]).toEqual([403, 'Authentication failed'])
    const tree = (await (await raw('/cdn/categories', auth)).json()) as any
    expect(tree.categories[0].subCategories.every((leaf: any) => leaf.subCategories === null)).toBe(true)
    const unknown = await raw('/ms/order/list', auth)
    expect(unknown.status).toBe(503)
  })
})

describe('n11 simulator: shipmentPackages', () => {
  it('clamps size to 100 silently and pages with totalPages and pageCount', async () => {
    const { call } = setup({ accounts: [{ ...n11DemoAccount, packages: Array.from({ length: 130 }, (_, i) => pkg(i, (i % 10) / 2)) }] })
    const first = (await (await call('/rest/delivery/v1/shipmentPackages?page=0&size=500')).json()) as any
    expect(first).toMatchObject({ size: 100, page: 0, totalPages: 2, pageCount: 100 })
    const second = (await (await call('/rest/delivery/v1/shipmentPackages?page=1&size=500')).json()) as any
    expect(second.pageCount).toBe(30)
    const past = (await (await call('/rest/delivery/v1/shipmentPackages?page=5&size=100')).json()) as any
    expect(past.content).toEqual([])
  })

  it('serves at most 15 days: a wider range is clamped to the 15 days before endDate, without an error', async () => {
    const { call, clock } = setup({ accounts: [{ ...n11DemoAccount, packages: [pkg(1, 1), pkg(2, 14), pkg(3, 20), pkg(4, 40)] }] })
    const ids = async (query: string) => ((await (await call(`/rest/delivery/v1/shipmentPackages?size=100&${query}`)).json()) as any).content.map((p: any) => p.id)
    expect(await ids('')).toEqual([101, 102])
    expect(await ids(`startDate=${clock.at - 45 * DAY}&endDate=${clock.at}`)).toEqual([101, 102])
    expect(await ids(`startDate=${clock.at - 45 * DAY}`)).toEqual([104])
    expect(await ids(`startDate=${clock.at - 25 * DAY}&endDate=${clock.at - 15 * DAY}`)).toEqual([103])
    expect(await ids('status=Created')).toEqual([101, 102])
    expect(await ids('status=Teleported')).toEqual([])
    expect(await ids('packageIds=104')).toEqual([104])
  })

  it('never serves orders from before November 2024', async () => {
    const old = { ...pkg(9, 0), orderedAt: Date.parse('2024-10-20T10:00:00Z'), history: [{ status: 'Created', at: Date.parse('2024-10-20T10:00:00Z') }] }
    const { call } = setup({ accounts: [{ ...n11DemoAccount, packages: [old] }] })
    const body = (await (await call('/rest/delivery/v1/shipmentPackages?packageIds=109')).json()) as any
    expect(body.content).toEqual([])
  })

  it('approves lines to Picking, per line', async () => {
    const { call } = setup({ accounts: [{ ...n11DemoAccount, packages: [pkg(1, 1), pkg(2, 1, 'Shipped')] }] })
    const response = await call('/rest/order/v1/update', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [{ lineId: 1010 }, { lineId: 1020 }, { lineId: 9 }], status: 'Picking' }),
    })
    const body = (await response.json()) as any
    expect(body.content.map((row: any) => row.status)).toEqual(['SUCCESS', 'FAIL', 'FAIL'])
    const after = (await (await call('/rest/delivery/v1/shipmentPackages?packageIds=101')).json()) as any
    expect(after.content[0].shipmentPackageStatus).toBe('Picking')
  })
})

describe('n11 simulator: products and price/stock tasks', () => {
  it('pages products as Spring pages and refuses size above 250 with a 500', async () => {
    const { call } = setup()
    const page = (await (await call('/ms/product-query?page=1&size=25')).json()) as any
    expect(page).toMatchObject({ number: 1, size: 25, totalElements: 60, totalPages: 3, numberOfElements: 25, first: false, last: false })
    expect((await call('/ms/product-query?size=251')).status).toBe(500)
  })

  it('queues a task, processes it on the clock, and reports every SKU with reasons', async () => {
    const { call, clock, sim } = setup({ taskDelayMs: 5000 })
    const body =
      '{"payload":{"integrator":"Kopru","skus":[' +
      '{"stockCode":"N11-SKU-0001","listPrice":300.00,"salePrice":249.90,"quantity":7},' +
      '{"stockCode":"N11-SKU-0002","salePrice":100.5,"listPrice":120.00},' +
      '{"stockCode":"N11-SKU-0003","listPrice":100.00,"salePrice":150.00},' +
      '{"stockCode":"NOPE","quantity":1},' +
      '{"stockCode":"N11-SKU-0004","salePrice":10.00}]}}'
    const created = (await (await call('/ms/product/tasks/price-stock-update', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as any
    expect(created).toMatchObject({ type: 'SKU_UPDATE', status: 'IN_QUEUE', reasons: ['5 sku işlenmeye alındı.'] })
    const details = async () =>
      (await (await call('/ms/product/task-details/page-query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ taskId: created.id, pageable: { page: 0, size: 1000 } }) })).json()) as any
    expect((await details()).status).toBe('IN_QUEUE')
    clock.at += 5000
    const done = await details()
    expect(done.status).toBe('PROCESSED')
    expect(done.createdDate).toBe('28-11-2026 15:00:00')
    expect(done.skus.content.map((row: any) => [row.itemCode, row.status])).toEqual([
      ['N11-SKU-0001', 'SUCCESS'],
      ['N11-SKU-0002', 'FAIL'],
      ['N11-SKU-0003', 'FAIL'],
      ['NOPE', 'FAIL'],
      ['N11-SKU-0004', 'FAIL'],
    ])
    expect(done.skus.content[1].reasons[0]).toContain('2 ondalık')
    expect(done.skus.content[2].reasons[0]).toContain('küçük olamaz')
    expect(done.skus.content[3].reasons[0]).toContain('bulunamadı')
    expect(done.skus.content[4].reasons[0]).toContain('birlikte')
    expect(sim.account().products.get('N11-SKU-0001')).toMatchObject({ salePrice: 249.9, listPrice: 300, quantity: 7 })
  })

  it('rejects a whole body without integrator or with more than 1000 SKUs', async () => {
    const { call } = setup()
    const post = async (payload: unknown) =>
      (await (await call('/ms/product/tasks/price-stock-update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload }) })).json()) as any
    expect(await post({ skus: [{ stockCode: 'x', quantity: 1 }] })).toMatchObject({ status: 'REJECT', id: null })
    const many = Array.from({ length: 1001 }, (_, i) => ({ stockCode: `S${i}`, quantity: 1 }))
    expect((await post({ integrator: 'Kopru', skus: many })).status).toBe('REJECT')
  })

  it('answers 429 with Retry-After past the quota', async () => {
    const { call, clock } = setup({ quota: { limit: 2, windowMs: 60_000 } })
    expect((await call('/ms/product-query')).status).toBe(200)
    expect((await call('/ms/product-query')).status).toBe(200)
    const refused = await call('/ms/product-query')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    clock.at += 60_000
    expect((await call('/ms/product-query')).status).toBe(200)
  })
})
