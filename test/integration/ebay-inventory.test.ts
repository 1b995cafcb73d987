/**
 * eBay stock and price over HTTP through the gateway: a 1000-SKU batch goes out as bulkUpdatePriceQuantity
 * calls of at most 25 SKUs, prices land on the SKU's offers, and the job ends `partially_failed` naming exactly
 * the SKUs eBay refused; every request valid per eBay's Sell Inventory OpenAPI document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEbaySimulator, type EbaySimulator } from '../../providers/ebay/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('eBay inventory through the gateway', () => {
  let h: ProviderHarness<EbaySimulator>
  const submit = (items: unknown[]) =>
    h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', connection: h.connectionId, headers: { 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ items }) })
  type Job = { id: string; status: string; items: { sku: string; status: string; error?: { code: string; message: string } }[] }

  beforeAll(async () => {
    h = await providerHarness({
      provider: 'ebay',
      simulator: createEbaySimulator(),
      specs: ['ebay/sell_inventory_v1_oas3.json', 'ebay/sell_fulfillment_v1_oas3.json', 'ebay/commerce_identity_v1_oas3.json'],
      exclude: /^\/identity\/v1\/oauth2\//,
    })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('a 1000-SKU stock batch with bad SKUs ends partially_failed naming exactly those SKUs', async () => {
    const bad = new Set(['BAD-0001', 'BAD-0500', 'BAD-0999'])
    const items = Array.from({ length: 1000 }, (_, i) => ({ sku: bad.has(`BAD-${String(i).padStart(4, '0')}`) ? `BAD-${String(i).padStart(4, '0')}` : `EB-${String(i).padStart(4, '0')}`, quantity: i % 50 }))
    const before = h.recorder.requests.length
    const response = await submit(items)
    expect(response.status).toBe(202)
    const job = (await response.json()) as Job
    expect(job.status).toBe('partially_failed')
    expect(job.items.filter((i) => i.status === 'failed').map((i) => i.sku)).toEqual([...bad])
    expect(job.items.find((i) => i.sku === 'BAD-0500')!.error).toMatchObject({ code: '25702', message: expect.stringContaining('BAD-0500') })
    expect(job.items.filter((i) => i.status === 'succeeded')).toHaveLength(997)
    expect(h.sim.inventory.get('EB-0049')!.quantity).toBe(49)
    const calls = h.recorder.requests.slice(before)
    expect(calls).toHaveLength(40)
    expect(calls.every((c) => c.method === 'POST' && (JSON.parse(c.body!) as { requests: unknown[] }).requests.length === 25)).toBe(true)
    const polled = (await (await h.gw.call(h.apiKey, `/v1/inventory/jobs/${job.id}`, { connection: h.connectionId })).json()) as Job
    expect(polled.status).toBe('partially_failed')
  })

  it('sets a price on the SKU\'s offers in the offer\'s currency', async () => {
    const response = await submit([{ sku: 'EB-1100', price: '24.50', quantity: 3 }])
    expect(((await response.json()) as Job).status).toBe('completed')
    expect(h.sim.inventory.get('EB-1100')).toEqual({ quantity: 3, offers: [{ offerId: '901100', price: { value: '24.50', currency: 'USD' } }] })
    const post = h.recorder.requests.at(-1)!
    expect(JSON.parse(post.body!)).toEqual({ requests: [{ sku: 'EB-1100', shipToLocationAvailability: { quantity: 3 }, offers: [{ offerId: '901100', price: { value: '24.50', currency: 'USD' } }] }] })
  })

  it('fails a price for a SKU without offers on that SKU only', async () => {
    const job = (await (await submit([{ sku: 'GONE-1', price: '5.00' }, { sku: 'EB-1101', quantity: 9 }])).json()) as Job
    expect(job.status).toBe('partially_failed')
    expect(job.items.map((i) => [i.sku, i.status])).toEqual([['GONE-1', 'failed'], ['EB-1101', 'succeeded']])
    expect(job.items[0]!.error).toMatchObject({ code: '25713' })
    expect(h.sim.inventory.get('EB-1101')!.quantity).toBe(9)
  })

  it('lists and reads products as inventory items keyed by SKU', async () => {
    const list = (await (await h.get('/v1/products?limit=2')).json()) as { data: Record<string, any>[]; next_cursor: string | null }
    expect(list.data.map((p) => p.sku)).toEqual(['EB-0000', 'EB-0001'])
    expect(list.next_cursor).not.toBeNull()
    const next = (await (await h.get(`/v1/products?limit=2&cursor=${list.next_cursor}`)).json()) as { data: Record<string, any>[] }
    expect(next.data.map((p) => p.sku)).toEqual(['EB-0002', 'EB-0003'])
    h.sim.inventory.get('EB-0003')!.quantity = 17
    const product = (await (await h.get('/v1/products/EB-0003')).json()) as Record<string, any>
    expect(product).toMatchObject({ id: 'EB-0003', sku: 'EB-0003', title: 'Vintage vinyl record EB-0003', brand: 'Kopru Records', barcode: '4006381000003', quantity: 17, price: null })
    await expectProblem(await h.get('/v1/products/NOPE-9'), 404, 'not_found')
  })

  it('refuses list_price before anything is sent', async () => {
    const before = h.recorder.requests.length
    const problem = await expectProblem(await submit([{ sku: 'EB-0001', price: '10.00', list_price: '12.00' }]), 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('body.items.0.list_price')
    expect(h.recorder.requests.length).toBe(before)
  })
})
