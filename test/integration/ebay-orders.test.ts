/**
 * eBay over HTTP through the gateway against the simulator: field names of the Sell Fulfillment OpenAPI
 * v1.20.7 (priceDiscount and deliveryDiscount, buyerRegistrationAddress, no legacyOrderId), whole addresses,
 * surprising answers as 502 naming the field, and every request valid per eBay's OpenAPI documents.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEbaySimulator, type EbaySimulator } from '../../providers/ebay/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('eBay orders through the gateway', () => {
  let h: ProviderHarness<EbaySimulator>

  beforeAll(async () => {
    h = await providerHarness({
      provider: 'ebay',
      simulator: createEbaySimulator(),
      specs: ['ebay/sell_fulfillment_v1_oas3.json', 'ebay/commerce_identity_v1_oas3.json'],
      exclude: /^\/identity\/v1\/oauth2\//,
    })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('reads an order with the current field names', async () => {
    const wire = h.sim.orders[0]!
    const response = await h.get(`/v1/orders/${wire.orderId}?include=raw`)
    expect(response.status).toBe(200)
    const order = (await response.json()) as Record<string, any>
    expect(order).toMatchObject({
      id: wire.orderId,
      order_number: wire.orderId,
      // priceDiscount -1.00 and deliveryDiscount -2.00, as one positive figure.
      discount_total: { amount: '3.00', currency: 'USD' },
      shipping_total: { amount: '7.99', currency: 'USD' },
      customer: { name: 'Alex Morgan 0', email: 'alex0@members.ebay.com', phone: '+15125550100' },
      shipping_address: {
        name: 'Alex Morgan 0', company: null, phone: '+15125550100', email: 'alex0@members.ebay.com', line1: '200 Elm Ave', line2: null,
        district: null, city: 'Austin', state: 'TX', postal_code: '73301', country_code: 'US',
      },
    })
    expect(order.raw.buyer.taxAddress).toMatchObject({ countryCode: 'US' })
  })

  it('lists orders and filters by creation date', async () => {
    const response = await h.get('/v1/orders?limit=2&created_after=2020-01-01T00:00:00Z')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { data: unknown[]; next_cursor: string | null }
    expect(body.data).toHaveLength(2)
    expect(body.next_cursor).not.toBeNull()
    expect(new URL(h.recorder.requests.at(-1)!.url).searchParams.get('filter')).toBe('creationdate:[2020-01-01T00:00:00.000Z..]')
  })

  it('answers an unreadable creationDate with 502 provider_error naming the field', async () => {
    const wire = h.sim.orders[1]!
    const original = wire.creationDate
    wire.creationDate = 'yesterday'
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${wire.orderId}`), 502, 'provider_error')
      expect(problem.errors).toEqual([{ path: 'creationDate', message: expect.stringContaining('ISO 8601') }])
      const list = await expectProblem(await h.get('/v1/orders?limit=50'), 502, 'provider_error')
      expect(list.errors[0].path).toBe('orders[1].creationDate')
    } finally {
      wire.creationDate = original
    }
  })
})
