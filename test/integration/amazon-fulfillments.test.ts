/**
 * Amazon ship confirmation over HTTP through the gateway against the simulator (Orders v0 confirmShipment),
 * every request valid per ordersV0.json.
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
    h = await providerHarness({ provider: 'amazon', simulator: createAmazonSimulator(), specs: ['amazon/ordersV0.json', 'amazon/sellers.json'], exclude: /^\/(auth|apps)\// })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('confirms the shipment of every line with the carrier code and tracking number', async () => {
    const response = await post(ORDER, { carrier: 'ups', tracking_number: '1Z999AA10123456784' })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ order_id: ORDER, provider: 'amazon', carrier: 'ups', tracking_number: '1Z999AA10123456784', status: 'accepted' })
    expect(h.sim.shipments).toHaveLength(1)
    const [shipment] = h.sim.shipments
    expect(shipment).toMatchObject({ orderId: ORDER, marketplaceId: 'ATVPDKIKX0DER', packageDetail: { carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' } })
    expect(shipment!.packageDetail.packageReferenceId).toMatch(/^[1-9]\d*$/)
    expect(shipment!.packageDetail.orderItems).toEqual([{ orderItemId: '6851000000000', quantity: expect.any(Number) }])
    expect(h.sim.orders.find((o) => o.AmazonOrderId === ORDER)!.OrderStatus).toBe('Shipped')
  })

  it('sends a carrier Amazon has no code for as Other with its name', async () => {
    const order = h.sim.orders[6]!.AmazonOrderId
    const response = await post(order, { carrier: 'Speedy Freight', tracking_number: 'SF-778899' })
    expect(response.status).toBe(201)
    expect(h.sim.shipments.at(-1)!.packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: 'Speedy Freight', trackingNumber: 'SF-778899' })
  })

  it('refuses an order fulfilled by Amazon with 409 and sends no confirmation', async () => {
    const order = h.sim.orders.find((o) => o.AmazonOrderId !== ORDER)!
    order.FulfillmentChannel = 'AFN'
    try {
      const before = h.sim.shipments.length
      await expectProblem(await post(order.AmazonOrderId, { carrier: 'ups', tracking_number: '1Z1' }), 409, 'conflict')
      expect(h.sim.shipments).toHaveLength(before)
    } finally {
      order.FulfillmentChannel = 'MFN'
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
