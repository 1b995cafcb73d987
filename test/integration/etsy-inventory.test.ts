/**
 * Etsy stock and price over HTTP through the gateway: each SKU's offering changes inside its listing's
 * inventory (read, modify, write the whole inventory back), other products of the listing keep theirs, unknown
 * SKUs fail by name, and every request is valid per Etsy's OpenAPI document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEtsySimulator, type EtsySimulator } from '../../providers/etsy/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Etsy inventory through the gateway', () => {
  let h: ProviderHarness<EtsySimulator>
  const submit = (items: unknown[]) =>
    h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', connection: h.connectionId, headers: { 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ items }) })
  const offering = (listingId: number, sku: string) => h.sim.inventories.get(listingId)!.products.find((p) => p.sku === sku)!.offerings[0]!

  beforeAll(async () => {
    h = await providerHarness({ provider: 'etsy', simulator: createEtsySimulator({ quota: { limit: 10_000, windowMs: 1000 } }), specs: ['etsy/etsy_oas_3.0.0.json'], exclude: /^\/v3\/public\/oauth\// })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('sets quantity and price per SKU, keeps the other products, and names the unknown SKUs', async () => {
    const [first, second] = h.sim.listings
    const untouched = { ...offering(first!.listing_id, 'SKU-1-S') }
    const response = await submit([
      { sku: 'SKU-1-M', quantity: 7, price: '31.50' },
      { sku: 'NOPE-1', quantity: 1 },
      { sku: 'SKU-2', quantity: 0 },
      { sku: 'NOPE-2', price: '5.00' },
    ])
    expect(response.status).toBe(202)
    const job = (await response.json()) as { id: string; status: string; items: { sku: string; status: string; error?: { code: string } }[] }
    expect(job.status).toBe('partially_failed')
    expect(job.items.filter((i) => i.status === 'failed').map((i) => [i.sku, i.error?.code])).toEqual([['NOPE-1', 'sku_not_found'], ['NOPE-2', 'sku_not_found']])
    expect(job.items.filter((i) => i.status === 'succeeded').map((i) => i.sku)).toEqual(['SKU-1-M', 'SKU-2'])
    expect(offering(first!.listing_id, 'SKU-1-M')).toMatchObject({ quantity: 7, price: { amount: 3150, divisor: 100 } })
    expect(offering(first!.listing_id, 'SKU-1-S')).toMatchObject({ quantity: untouched.quantity, price: untouched.price })
    expect(h.sim.inventories.get(first!.listing_id)!.products.find((p) => p.sku === 'SKU-1-S')!.property_values).toEqual([expect.objectContaining({ property_id: 100, values: ['S'] })])
    expect(offering(second!.listing_id, 'SKU-2').quantity).toBe(0)
    const polled = (await (await h.gw.call(h.apiKey, `/v1/inventory/jobs/${job.id}`, { connection: h.connectionId })).json()) as { status: string }
    expect(polled.status).toBe('partially_failed')
  })

  it('reports Etsy\'s refusal of a listing\'s inventory on exactly that listing\'s SKUs', async () => {
    const response = await submit([{ sku: 'SKU-3', price: '99999.00' }, { sku: 'SKU-2', quantity: 3 }])
    const job = (await response.json()) as { status: string; items: { sku: string; status: string; error?: { message: string } }[] }
    expect(job.status).toBe('partially_failed')
    expect(job.items).toEqual([
      { sku: 'SKU-3', barcode: null, status: 'failed', error: { code: expect.any(String), message: expect.stringContaining('50000') } },
      { sku: 'SKU-2', barcode: null, status: 'succeeded' },
    ])
  })

  it('refuses list_price and barcode-only items before anything is sent', async () => {
    const before = h.recorder.requests.length
    const problem = await expectProblem(await submit([{ sku: 'SKU-2', price: '10.00', list_price: '12.00' }]), 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('body.items.0.list_price')
    const barcode = await expectProblem(await submit([{ barcode: '8690000000001', quantity: 1 }]), 400, 'invalid_request')
    expect(barcode.errors[0].path).toBe('body.items.0.sku')
    expect(h.recorder.requests.length).toBe(before)
  })
})
