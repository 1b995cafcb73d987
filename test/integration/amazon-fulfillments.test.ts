/**
 * Amazon ship confirmation over HTTP through the gateway against the simulator: the order read through Orders
 * 2026-01-01 getOrder, the confirmation through Orders v0 confirmShipment; every request valid per
 * orders_2026-01-01.json / ordersV0.json and none of v0's deprecated reads.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAmazonSimulator, type AmazonSimulator } from '../../providers/amazon/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

const ORDER = '110-1234567-7654321'

describe('Amazon fulfillments through the gateway', () => {
  let h: ProviderHarness<AmazonSimulator>
  const post = (orderId: string, body: unknown) =>
    h.gw.call(h.apiKey, `/v1/orders/${orderId}/fulfillments`, { method: 'POST', connection: h.connectionId, body: JSON.stringify(body) })

  beforeAll(async () => {
    h = await providerHarness({ provider: 'amazon', simulator: createAmazonSimulator(), specs: ['amazon/orders_2026-01-01.json', 'amazon/ordersV0.json', 'amazon/sellers.json'], exclude: /^\/(auth|apps)\// })
  })
  afterAll(() => h.close())
  afterEach(() => {
    h.expectRequestsValid()
    expect(h.recorder.requests.filter((r) => /^\/orders\/v0\//.test(new URL(r.url).pathname) && !r.url.includes('/shipmentConfirmation'))).toEqual([])
  })

  it('confirms the shipment of every line with the carrier code and tracking number', async () => {
    const response = await post(ORDER, { carrier: 'ups', tracking_number: '1Z999AA10123456784' })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ order_id: ORDER, provider: 'amazon', carrier: 'ups', tracking_number: '1Z999AA10123456784', status: 'accepted' })
    expect(h.sim.shipments).toHaveLength(1)
    const [shipment] = h.sim.shipments
    expect(shipment).toMatchObject({ orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', packageDetail: { carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' } })
    expect(shipment!.packageDetail.packageReferenceId).toMatch(/^[1-9]\d*$/)
    expect(shipment!.packageDetail.orderItems).toEqual([{ orderItemId: '6851000000000', quantity: expect.any(Number) }])
    const order = h.sim.orders.find((o) => o.orderId === ORDER)!
    expect(order.fulfillment.fulfillmentStatus).toBe('SHIPPED')
    // Read back through the gateway: the package is the order's shipment.
    const read = (await (await h.get(`/v1/orders/${ORDER}`)).json()) as Record<string, any>
    expect(read).toMatchObject({ status: 'completed', fulfillment_status: 'shipped', shipments: [{ carrier: 'UPS', tracking_number: '1Z999AA10123456784' }] })
  })

  it('confirms only what is still unshipped of a partially shipped order', async () => {
    const order = h.sim.orders.find((o) => o.fulfillment.fulfillmentStatus === 'PARTIALLY_SHIPPED')!
    const response = await post(order.orderId, { carrier: 'fedex', tracking_number: '7712345678' })
    expect(response.status).toBe(201)
    expect(h.sim.shipments.at(-1)!.packageDetail).toMatchObject({ carrierCode: 'FedEx', orderItems: [{ orderItemId: order.orderItems[0]!.orderItemId, quantity: 1 }] })
    expect(order.fulfillment.fulfillmentStatus).toBe('SHIPPED')
  })

  it('sends a carrier Amazon has no code for as Other with its name', async () => {
    const order = h.sim.orders[6]!.orderId
    const response = await post(order, { carrier: 'Speedy Freight', tracking_number: 'SF-778899' })
    expect(response.status).toBe(201)
    expect(h.sim.shipments.at(-1)!.packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: 'Speedy Freight', trackingNumber: 'SF-778899' })
  })

  it('refuses an order fulfilled by Amazon with 409 and sends no confirmation', async () => {
    const order = h.sim.orders.find((o) => o.orderId !== ORDER)!
    order.fulfillment.fulfilledBy = 'AMAZON'
    try {
      const before = h.sim.shipments.length
      await expectProblem(await post(order.orderId, { carrier: 'ups', tracking_number: '1Z1' }), 409, 'conflict')
      expect(h.sim.shipments).toHaveLength(before)
    } finally {
      order.fulfillment.fulfilledBy = 'MERCHANT'
    }
  })

  it('passes Amazon refusing an order item as a 4xx problem', async () => {
    const response = await post(ORDER, { carrier: 'usps', tracking_number: '9400100000000000000000', lines: [{ id: '999', quantity: 1 }] })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    const body = await response.text()
    expect(body).toContain('999')
  })
})
