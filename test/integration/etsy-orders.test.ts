/**
 * Etsy over HTTP through the gateway against the simulator: Money exactly amount / divisor in JPY, EUR and a
 * three-digit divisor, `min_created` clamped to the documented minimum, whole addresses, surprising answers as
 * 502 naming the field, and every request valid per Etsy's Open API v3 document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEtsySimulator, type EtsySimulator } from '../../providers/etsy/simulator.js'
import { expectProblem } from '../helpers/gateway.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Etsy receipts through the gateway', () => {
  let h: ProviderHarness<EtsySimulator>
  const receiptIn = (currency: string) => h.sim.receipts.find((r) => r.grandtotal.currency_code === currency)!

  beforeAll(async () => {
    h = await providerHarness({ provider: 'etsy', simulator: createEtsySimulator({ quota: { limit: 10_000, windowMs: 1000 } }), specs: ['etsy/etsy_oas_3.0.0.json'], exclude: /^\/v3\/public\/oauth\// })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it.each([
    ['JPY', { unit: '1200', line: '3600', total: '4460', shipping: '500' }],
    ['EUR', { unit: '19.99', line: '39.98', total: '52.08', shipping: '4.50' }],
    ['KWD', { unit: '12.345', line: '37.035', total: '38.535', shipping: '1.500' }],
  ])('money in %s is amount / divisor exactly', async (currency, want) => {
    const receipt = receiptIn(currency)
    const response = await h.get(`/v1/orders/${receipt.receipt_id}`)
    expect(response.status).toBe(200)
    const order = (await response.json()) as Record<string, any>
    expect(order.currency).toBe(currency)
    expect(order.lines[0]).toMatchObject({ unit_price: { amount: want.unit, currency }, total: { amount: want.line, currency } })
    expect(order.total).toEqual({ amount: want.total, currency })
    expect(order.shipping_total).toEqual({ amount: want.shipping, currency })
  })

  it('clamps created_after before 2000 to min_created=946684800 and keeps address keys', async () => {
    const response = await h.get('/v1/orders?limit=100&created_after=1999-06-01T00:00:00Z&updated_after=1990-01-01T00:00:00Z')
    expect(response.status).toBe(200)
    const sent = new URL(h.recorder.requests.at(-1)!.url).searchParams
    expect(sent.get('min_created')).toBe('946684800')
    expect(sent.get('min_last_modified')).toBe('946684800')
    const { data } = (await response.json()) as { data: Record<string, any>[] }
    expect(data.length).toBe(h.sim.receipts.length)
    expect(data[0]!.shipping_address).toEqual({
      name: expect.any(String), company: null, phone: null, email: expect.stringContaining('@'), line1: expect.any(String), line2: null,
      district: null, city: 'Portland', state: 'OR', postal_code: '97201', country_code: 'US',
    })
  })

  it('answers a Money with a divisor that is not a power of ten with 502 naming the field', async () => {
    const receipt = receiptIn('EUR')
    const original = receipt.grandtotal
    receipt.grandtotal = { ...original, divisor: 3 }
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${receipt.receipt_id}`), 502, 'provider_error')
      expect(problem.errors).toEqual([{ path: 'grandtotal.divisor', message: 'not a power of ten' }])
    } finally {
      receipt.grandtotal = original
    }
  })
})
