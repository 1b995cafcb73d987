/**
 * Shopify over HTTP through the gateway against the simulator: whole addresses (every key, null where Shopify
 * has none), and surprising answers as 502 naming the field.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createShopifySimulator, type ShopifySimulator } from '../../providers/shopify/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { shopifySchemaSpec } from '../helpers/shopify-schema.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Shopify orders through the gateway', () => {
  let h: ProviderHarness<ShopifySimulator>

  beforeAll(async () => {
    h = await providerHarness({ provider: 'shopify', simulator: createShopifySimulator({ bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } }), specs: [shopifySchemaSpec()], exclude: /^\/admin\/oauth\// })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

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
      expect(problem.errors).toEqual([{ path: 'order.totalPriceSet.shopMoney.amount', message: 'not a decimal amount' }])
    } finally {
      wire.total_price = original
    }
  })

  it('reads the customer\'s phone from defaultPhoneNumber (Customer.phone is deprecated in 2025-10)', async () => {
    const wire = h.sim.orders[1]!
    const original = wire.customer
    wire.customer = { ...original!, phone: '+16135550123' }
    try {
      const order = (await (await h.get(`/v1/orders/${wire.id}`)).json()) as Record<string, any>
      expect(order.customer).toMatchObject({ phone: '+16135550123', email: 'customer1@example.com' })
    } finally {
      wire.customer = original
    }
  })

  it('answers a fulfillmentCreate payload of null (the schema lets it be) with 502 saying the outcome is unknown', async () => {
    const wire = h.sim.orders[3]!
    let calls = 0
    // The fulfillment orders query goes to the simulator; the mutation gets `data: {fulfillmentCreate: null}`.
    h.recorder.answer(() => (++calls === 2 ? Response.json({ data: { fulfillmentCreate: null } }) : undefined))
    try {
      const response = await h.gw.call(h.apiKey, `/v1/orders/${wire.id}/fulfillments`, { method: 'POST', body: JSON.stringify({ carrier: 'UPS', tracking_number: '1Z1' }), connection: h.connectionId, headers: { 'idempotency-key': crypto.randomUUID() } })
      const problem = await expectProblem(response, 502, 'provider_error')
      expect(problem.detail).toContain('whether it was applied is unknown')
      expect(problem.errors).toEqual([{ path: 'fulfillmentCreate', message: 'null without an error' }])
    } finally {
      h.recorder.answer(undefined)
    }
  })
})
