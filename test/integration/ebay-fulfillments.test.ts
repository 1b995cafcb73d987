/**
 * eBay fulfillments over HTTP through the gateway: a fulfillment posted to kopru arrives at the simulator as a
 * createShippingFulfillment with the mapped carrier, the tracking number and the order's line items, every
 * request valid per eBay's Sell Fulfillment OpenAPI document; eBay's refusals become problems naming the field.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEbaySimulator, type EbaySimulator } from '../../providers/ebay/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('eBay fulfillments through the gateway', () => {
  let h: ProviderHarness<EbaySimulator>
  const post = (orderId: string, body: unknown) =>
    h.gw.call(h.apiKey, `/v1/orders/${orderId}/fulfillments`, {
      method: 'POST',
      connection: h.connectionId,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(body),
    })

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

  it('ships every line item of the order with the carrier mapped to eBay\'s code', async () => {
    const order = h.sim.orders[0]!
    const response = await post(order.orderId, { carrier: 'fedex', tracking_number: '794698123456' })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ order_id: order.orderId, provider: 'ebay', carrier: 'fedex', tracking_number: '794698123456', status: 'accepted' })
    const arrived = h.sim.fulfillments.at(-1)!
    expect(arrived).toMatchObject({
      orderId: order.orderId,
      shippingCarrierCode: 'FedEx',
      trackingNumber: '794698123456',
      lineItems: [{ lineItemId: order.lineItems![0]!.lineItemId, quantity: order.lineItems![0]!.quantity }],
    })
    expect(Date.parse(arrived.shippedDate!)).not.toBeNaN()
    const read = (await (await h.get(`/v1/orders/${order.orderId}`)).json()) as { fulfillment_status: string }
    expect(read.fulfillment_status).toBe('shipped')
  })

  it('ships the lines given, and passes eBay\'s own carrier codes through', async () => {
    const order = h.sim.orders[1]!
    const line = order.lineItems![0]!
    const before = h.recorder.requests.length
    const response = await post(order.orderId, { carrier: 'Other', tracking_number: 'ZX123', lines: [{ id: line.lineItemId, quantity: 1 }] })
    expect(response.status).toBe(201)
    expect(h.sim.fulfillments.at(-1)).toMatchObject({ shippingCarrierCode: 'Other', trackingNumber: 'ZX123', lineItems: [{ lineItemId: line.lineItemId, quantity: 1 }] })
    // The lines were given: no getOrder was needed.
    expect(h.recorder.requests.slice(before).map((r) => r.method)).toEqual(['POST'])
  })

  it('refuses a carrier eBay does not know with 400 naming body.carrier, before anything is sent', async () => {
    const before = h.recorder.requests.length
    const problem = await expectProblem(await post(h.sim.orders[2]!.orderId, { carrier: 'yurtici', tracking_number: '1234' }), 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('body.carrier')
    expect(h.recorder.requests.length).toBe(before)
  })

  it('turns eBay\'s 32200 for an unknown line item into a non-retryable provider problem', async () => {
    const response = await post(h.sim.orders[3]!.orderId, { carrier: 'usps', tracking_number: '9400111', lines: [{ id: '999999', quantity: 1 }] })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    const problem = (await response.json()) as { retryable: boolean; detail: string; provider?: { code?: string } }
    expect(problem.retryable).toBe(false)
    expect(JSON.stringify(problem)).toContain('32200')
  })
})
