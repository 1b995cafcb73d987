/**
 * Etsy fulfillments over HTTP through the gateway: a fulfillment posted to kopru arrives at the simulator as a
 * createReceiptShipment form with carrier_name and tracking_code, valid per Etsy's OpenAPI document (a form
 * body, not JSON), and reads back as the receipt's shipment.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEtsySimulator, type EtsySimulator } from '../../providers/etsy/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Etsy fulfillments through the gateway', () => {
  let h: ProviderHarness<EtsySimulator>
  const post = (orderId: string | number, body: unknown) =>
    h.gw.call(h.apiKey, `/v1/orders/${orderId}/fulfillments`, {
      method: 'POST',
      connection: h.connectionId,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(body),
    })

  beforeAll(async () => {
    h = await providerHarness({ provider: 'etsy', simulator: createEtsySimulator({ quota: { limit: 10_000, windowMs: 1000 } }), specs: ['etsy/etsy_oas_3.0.0.json'], exclude: /^\/v3\/public\/oauth\// })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('records carrier and tracking code on the receipt', async () => {
    const receipt = h.sim.receipts.find((r) => r.status === 'paid' && !r.is_shipped)!
    const response = await post(receipt.receipt_id, { carrier: 'ups', tracking_number: '1Z999AA10123456784' })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ order_id: String(receipt.receipt_id), provider: 'etsy', carrier: 'ups', tracking_number: '1Z999AA10123456784', status: 'accepted' })
    const sent = h.recorder.requests.at(-1)!
    expect(sent.contentType).toBe('application/x-www-form-urlencoded')
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({ tracking_code: '1Z999AA10123456784', carrier_name: 'ups' })
    expect(receipt.shipments!.at(-1)).toMatchObject({ carrier_name: 'ups', tracking_code: '1Z999AA10123456784' })
    const order = (await (await h.get(`/v1/orders/${receipt.receipt_id}`)).json()) as Record<string, any>
    expect(order.fulfillment_status).toBe('shipped')
    expect(order.shipments.at(-1)).toMatchObject({ carrier: 'ups', tracking_number: '1Z999AA10123456784' })
  })

  it('passes a carrier name Etsy may know as free text', async () => {
    const receipt = h.sim.receipts.find((r) => r.status === 'paid' && !r.is_shipped)!
    expect((await post(receipt.receipt_id, { carrier: 'Yamato Transport', tracking_number: 'YT123' })).status).toBe(201)
    expect(receipt.shipments!.at(-1)).toMatchObject({ carrier_name: 'Yamato Transport', tracking_code: 'YT123' })
  })

  it('refuses per-line fulfillment with 400 naming body.lines (Etsy ships whole receipts)', async () => {
    const before = h.recorder.requests.length
    const problem = await expectProblem(await post(h.sim.receipts[0]!.receipt_id, { carrier: 'usps', tracking_number: '9400', lines: [{ id: '1', quantity: 1 }] }), 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('body.lines')
    expect(h.recorder.requests.length).toBe(before)
  })

  it('answers a receipt Etsy does not have with 404', async () => {
    await expectProblem(await post(3199999999, { carrier: 'usps', tracking_number: '9400' }), 404, 'not_found')
  })
})
