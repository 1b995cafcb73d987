/**
 * Shopify over HTTP through the gateway against the simulator: whole addresses (every key, null where Shopify
 * has none), and surprising answers as 502 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createShopifySimulator, type ShopifySimulator } from '../../providers/shopify/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Shopify orders through the gateway', () => {
  let h: ProviderHarness<ShopifySimulator>

  beforeAll(async () => {
    h = await providerHarness({ provider: 'shopify', simulator: createShopifySimulator({ quota: { limit: 100_000, windowMs: 1000 } }), specs: [] })
  })
  afterAll(() => h.close())

  it('reads an order with every address key', async () => {
    const wire = h.sim.orders[0]!
    const response = await h.get(`/v1/orders/${wire.id}`)
    expect(response.status).toBe(200)
    const order = (await response.json()) as Record<string, any>
    expect(order.shipping_address).toEqual({
      name: 'Sam Rivera 0', company: null, phone: null, email: null, line1: '10 Queen St', line2: null,
      district: null, city: 'Ottawa', state: 'Ontario', postal_code: 'K1P 1J9', country_code: 'CA',
    })
    expect(order.billing_address).toBeNull()
  })

  it('answers an unreadable total_price with 502 provider_error naming the field', async () => {
    const wire = h.sim.orders[0]!
    const original = wire.total_price
    wire.total_price = 'n/a'
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${wire.id}`), 502, 'provider_error')
      expect(problem.errors).toEqual([{ path: 'order.total_price', message: 'not a decimal amount' }])
    } finally {
      wire.total_price = original
    }
  })
})
