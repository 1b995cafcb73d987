/**
 * Amazon products and price/stock over HTTP through the gateway against the simulator's Listings Items API
 * 2021-08-01, every request valid per Amazon's own model (listingsItems_2021-08-01.json).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAmazonSimulator, type AmazonSimulator } from '../../providers/amazon/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Amazon listings through the gateway', () => {
  let h: ProviderHarness<AmazonSimulator>

  beforeAll(async () => {
    h = await providerHarness({
      provider: 'amazon',
      simulator: createAmazonSimulator(),
      specs: ['amazon/listingsItems_2021-08-01.json', 'amazon/ordersV0.json', 'amazon/sellers.json'],
      exclude: /^\/(auth|apps)\//,
    })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('reads one listing by SKU with its price, quantity, ASIN and status', async () => {
    const response = await h.get('/v1/products/SKU-0003')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      id: 'SKU-0003',
      sku: 'SKU-0003',
      title: 'Stoneware mug 3',
      category: 'HOME',
      price: { amount: '13.99', currency: 'USD' },
      quantity: 3,
      status: 'active',
      provider_status: 'BUYABLE,DISCOVERABLE',
      attributes: { asin: 'B0LIST0003' },
    })
    const call = h.recorder.requests.at(-1)!
    expect(new URL(call.url).pathname).toBe('/listings/2021-08-01/items/A2KOPRUDEMO123/SKU-0003')
  })

  it('answers 404 for an unknown SKU', async () => {
    await expectProblem(await h.get('/v1/products/NOPE-1'), 404, 'not_found')
  })

  it('lists every listing over searchListingsItems pages of at most 20', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const response = await h.get(`/v1/products?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as { data: { sku: string; status: string }[]; next_cursor: string | null }
      seen.push(...page.data.map((p) => p.sku))
      cursor = page.next_cursor
    } while (cursor)
    expect(seen).toHaveLength(30)
    expect(new Set(seen).size).toBe(30)
    const sizes = h.recorder.requests.filter((r) => new URL(r.url).pathname === '/listings/2021-08-01/items/A2KOPRUDEMO123').map((r) => new URL(r.url).searchParams.get('pageSize'))
    expect(sizes.every((s) => s === '20')).toBe(true)
  })

  it('patches quantity and price per SKU; unknown SKUs end the job partially_failed naming exactly them', async () => {
    const bad = ['GHOST-1', 'GHOST-2', 'GHOST-3']
    const items = [
      ...Array.from({ length: 9 }, (_, i) => ({ sku: `SKU-${String(i + 1).padStart(4, '0')}`, quantity: 100 + i, price: `${20 + i}.50` })),
      ...bad.map((sku) => ({ sku, quantity: 1 })),
    ]
    const submitted = await h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', connection: h.connectionId, body: JSON.stringify({ items }) })
    expect(submitted.status).toBe(202)
    const { id } = (await submitted.json()) as { id: string }
    const job = (await (await h.get(`/v1/inventory/jobs/${id}`)).json()) as { status: string; items: { sku: string; status: string; error?: { code: string; message: string } }[] }
    expect(job.status).toBe('partially_failed')
    expect(job.items).toHaveLength(12)
    const failed = job.items.filter((item) => item.status === 'failed')
    expect(failed.map((item) => item.sku)).toEqual(bad)
    expect(failed[0]!.error).toEqual({ code: '8541', message: "The SKU 'GHOST-1' does not match any listing of this seller." })
    // The simulator holds the new quantity and price, sent as JSON Patch of the listing's attributes.
    expect(h.sim.listings.get('SKU-0002')!.item).toMatchObject({ fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 101 }], offers: [{ price: { currencyCode: 'USD', amount: '21.5' } }] })
    const patch = h.recorder.requests.find((r) => r.method === 'PATCH' && r.url.includes('/SKU-0001'))!
    expect(JSON.parse(patch.body!)).toEqual({
      productType: 'PRODUCT',
      patches: [
        { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 100 }] },
        { op: 'replace', path: '/attributes/purchasable_offer', value: [{ marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 20.5 }] }] }] },
      ],
    })
  })

  it('keeps the SKUs already patched on the job when Amazon refuses the rest of the request midway', async () => {
    h.recorder.answer((request) =>
      request.method === 'PATCH' && new URL(request.url).pathname.endsWith('/SKU-0012')
        ? Response.json({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] }, { status: 403 })
        : undefined,
    )
    try {
      const items = ['SKU-0011', 'SKU-0012', 'SKU-0013'].map((sku) => ({ sku, quantity: 7 }))
      const submitted = await h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', connection: h.connectionId, body: JSON.stringify({ items }) })
      expect(submitted.status).toBe(202)
      const { id } = (await submitted.json()) as { id: string }
      const job = (await (await h.get(`/v1/inventory/jobs/${id}`)).json()) as { status: string; items: { sku: string; status: string; error?: { message: string } }[] }
      expect(job.status).toBe('partially_failed')
      expect(job.items.map((item) => [item.sku, item.status])).toEqual([['SKU-0011', 'succeeded'], ['SKU-0012', 'failed'], ['SKU-0013', 'failed']])
      expect(job.items[2]!.error!.message).toMatch(/^not sent: /)
      expect(h.sim.listings.get('SKU-0011')!.item.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 7 }])
      expect(h.sim.listings.get('SKU-0013')!.item.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 13 }])
    } finally {
      h.recorder.answer(undefined)
    }
  })

  it('refuses items without a sku before sending anything', async () => {
    const before = h.recorder.requests.length
    const response = await h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', connection: h.connectionId, body: JSON.stringify({ items: [{ barcode: '8690000000001', quantity: 2 }] }) })
    const problem = await expectProblem(response, 400, 'invalid_request')
    expect(problem.errors).toEqual([{ path: 'body.items.0.sku', message: 'Amazon needs the sku (a barcode alone cannot be used)' }])
    expect(h.recorder.requests.length).toBe(before)
  })

  it('answers a listing without its sku with 502 naming the field', async () => {
    h.recorder.answer((request) => (new URL(request.url).pathname.endsWith('/SKU-0004') ? Response.json({ summaries: [] }) : undefined))
    try {
      const problem = await expectProblem(await h.get('/v1/products/SKU-0004'), 502, 'provider_error')
      expect(JSON.stringify(problem.errors)).toContain('sku')
    } finally {
      h.recorder.answer(undefined)
    }
  })
})
