/**
 * Amazon over HTTP through the gateway against the simulator: Pending orders without OrderTotal in a non-USD
 * marketplace, getOrderItems paging, surprising answers as 502 naming the field, and every request valid per
 * Amazon's own models (ordersV0.json, sellers.json).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAmazonSimulator, type AmazonSimulator } from '../../providers/amazon/simulator.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'
import { backgroundScope } from '../../src/core/request-scope.js'

const JAPAN_ORDER = '503-0000001-0000001'

describe('Amazon orders through the gateway', () => {
  let h: ProviderHarness<AmazonSimulator>

  beforeAll(async () => {
    h = await providerHarness({ provider: 'amazon', simulator: createAmazonSimulator({ itemPageSize: 2 }), specs: ['amazon/ordersV0.json', 'amazon/sellers.json'], exclude: /^\/(auth|apps)\// })
  })
  afterAll(() => h.close())
  afterEach(() => h.expectRequestsValid())

  it('reads a Pending JPY order without OrderTotal: 200, totals from its items, total null, all item pages', async () => {
    const response = await h.get(`/v1/orders/${JAPAN_ORDER}`)
    expect(response.status).toBe(200)
    const order = (await response.json()) as Record<string, any>
    expect(order).toMatchObject({
      id: JAPAN_ORDER,
      status: 'open',
      payment_status: 'pending',
      currency: 'JPY',
      total: null,
      subtotal: { amount: '5300', currency: 'JPY' },
      shipping_total: { amount: '500', currency: 'JPY' },
      tax_total: { amount: '480', currency: 'JPY' },
      discount_total: { amount: '0', currency: 'JPY' },
    })
    // Three items on two getOrderItems pages (the simulator pages by two).
    expect(order.lines.map((l: { id: string }) => l.id)).toEqual(['70000000000001', '70000000000002', '70000000000003'])
    expect(order.lines[0]).toMatchObject({ quantity: 3, unit_price: { amount: '1200', currency: 'JPY' }, total: { amount: '3600', currency: 'JPY' } })
    const itemCalls = h.recorder.requests.filter((r) => r.url.includes(`/orders/${JAPAN_ORDER}/orderItems`))
    expect(itemCalls.map((r) => new URL(r.url).searchParams.get('NextToken'))).toEqual([null, 'it-2'])
  })

  it('lists orders without invented totals or claimed lines', async () => {
    const response = await h.get('/v1/orders?limit=50')
    expect(response.status).toBe(200)
    const { data } = (await response.json()) as { data: Record<string, any>[] }
    const japan = data.find((o) => o.id === JAPAN_ORDER)!
    // The marketplace's currency comes from getMarketplaceParticipations at connection time.
    expect(japan).toMatchObject({ currency: 'JPY', total: null, subtotal: null, shipping_total: null, lines: null })
    const usd = data.find((o) => o.id !== JAPAN_ORDER)!
    expect(usd.total).toMatchObject({ currency: 'USD' })
    expect(usd.lines).toBeNull()
    expect(usd.shipping_address).toEqual({
      name: expect.any(String), company: null, phone: null, email: null, line1: expect.any(String), line2: null,
      district: null, city: 'Seattle', state: 'WA', postal_code: '98101', country_code: 'US',
    })
  })

  it('answers an unreadable PurchaseDate with 502 provider_error naming the field', async () => {
    const order = h.sim.orders[0]!
    const original = order.PurchaseDate
    order.PurchaseDate = '2026-13-45T99:00:00Z'
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${order.AmazonOrderId}`), 502, 'provider_error')
      expect(problem.retryable).toBe(false)
      expect(problem.errors).toEqual([{ path: 'payload.PurchaseDate', message: expect.stringContaining('ISO 8601') }])
      await expectProblem(await h.get('/v1/orders?limit=50'), 502, 'provider_error')
    } finally {
      order.PurchaseDate = original
    }
  })

  it('answers items in another currency than the order with 502 naming the item field', async () => {
    h.recorder.answer((request) =>
      new URL(request.url).pathname.endsWith(`/${JAPAN_ORDER}/orderItems`)
        ? Response.json({ payload: { AmazonOrderId: JAPAN_ORDER, OrderItems: [{ OrderItemId: '1', ASIN: 'B0', QuantityOrdered: 1, ItemPrice: { CurrencyCode: 'JPY', Amount: '100' } }, { OrderItemId: '2', ASIN: 'B1', QuantityOrdered: 1, ItemPrice: { CurrencyCode: 'USD', Amount: '1.00' } }] } })
        : undefined,
    )
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${JAPAN_ORDER}`), 502, 'provider_error')
      expect(problem.errors).toEqual([{ path: 'payload.OrderItems[1].ItemPrice.CurrencyCode', message: expect.any(String) }])
    } finally {
      h.recorder.answer(undefined)
    }
  })

  it('refuses to connect on an unexpected getMarketplaceParticipations body with provider_error naming the field', async () => {
    h.recorder.answer((request) => (new URL(request.url).pathname === '/sellers/v1/marketplaceParticipations' ? Response.json({ payload: { marketplaces: [] } }) : undefined))
    try {
      const tenant = await h.gw.tenant()
      const grant = h.sim.demoOAuth.grant()
      const attempt = h.gw.app.services.connections.authorize({ tenantId: tenant.id, provider: 'amazon', environment: 'sandbox', credentials: grant.tokens, metadata: grant.metadata }, backgroundScope('req_test'))
      await expect(attempt).rejects.toMatchObject({ code: 'provider_error', errors: [{ path: 'payload', message: expect.any(String) }] })
      // The same through the hosted connect flow over HTTP: the app is sent back with the provider error, never a 500.
      h.sim.allowRedirect(`${PUBLIC_URL}/connect/callback`)
      const gw = await testGateway({ publicUrl: PUBLIC_URL, env: oauthCases.find((c) => c.id === 'amazon')!.env(h.url) })
      const flow = await connectThroughFlow(gw, (await gw.tenant()).apiKey, { provider: 'amazon' })
      expect(flow.done.status).toBe(303)
      const back = new URL(flow.location!)
      expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'provider_error' })
      expect(flow.connectionId).toBeNull()
    } finally {
      h.recorder.answer(undefined)
    }
  })
})
