/**
 * Amazon over HTTP through the gateway against the simulator, on the Orders API 2026-01-01: searchOrders and
 * getOrder with includedData, paging through paginationToken, the status filter pushed down as
 * fulfillmentStatuses, a Pending JPY order without grandTotal, surprising answers as 502 naming the field,
 * Amazon's 429, and every request valid per Amazon's own models (orders_2026-01-01.json, sellers.json; no
 * deprecated v0 operation).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ORDER_DATASETS } from '../../providers/amazon/orders.js'
import { createAmazonSimulator, type AmazonSimulator } from '../../providers/amazon/simulator.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'
import { backgroundScope } from '../../src/core/request-scope.js'

const JAPAN_ORDER = '503-0000001-0000001'
const SPECS = ['amazon/orders_2026-01-01.json', 'amazon/ordersV0.json', 'amazon/sellers.json']

describe('Amazon orders through the gateway (Orders API 2026-01-01)', () => {
  let h: ProviderHarness<AmazonSimulator>
  const searches = () => h.recorder.requests.filter((r) => new URL(r.url).pathname === '/orders/2026-01-01/orders').map((r) => new URL(r.url).searchParams)

  beforeAll(async () => {
    // The simulator's clock stands still: its usage-plan buckets refill only when a test says so.
    const now = Date.now()
    h = await providerHarness({ provider: 'amazon', simulator: createAmazonSimulator({ pageSize: 3, clock: { now: () => now } }), specs: SPECS, exclude: /^\/(auth|apps)\// })
  })
  afterAll(() => h.close())
  afterEach(() => {
    h.expectRequestsValid()
    expect(h.recorder.requests.filter((r) => new URL(r.url).pathname.startsWith('/orders/v0/'))).toEqual([])
  })

  it('reads a Pending JPY order without grandTotal in one getOrder: totals from its items, total null', async () => {
    const before = h.recorder.requests.length
    const response = await h.get(`/v1/orders/${JAPAN_ORDER}`)
    expect(response.status).toBe(200)
    const order = (await response.json()) as Record<string, any>
    expect(order).toMatchObject({
      id: JAPAN_ORDER,
      status: 'open',
      fulfillment_status: 'unfulfilled',
      payment_status: 'pending',
      provider_status: 'PENDING',
      currency: 'JPY',
      total: null,
      subtotal: { amount: '5300', currency: 'JPY' },
      shipping_total: { amount: '500', currency: 'JPY' },
      tax_total: { amount: '480', currency: 'JPY' },
      discount_total: { amount: '0', currency: 'JPY' },
    })
    expect(order.lines.map((l: { id: string }) => l.id)).toEqual(['70000000000001', '70000000000002', '70000000000003'])
    expect(order.lines[0]).toMatchObject({ sku: 'CHA-1', product_id: 'B0KOPRUJP1', quantity: 3, unit_price: { amount: '1200', currency: 'JPY' }, total: { amount: '3600', currency: 'JPY' } })
    const calls = h.recorder.requests.slice(before)
    expect(calls.map((r) => new URL(r.url).pathname)).toEqual([`/orders/2026-01-01/orders/${JAPAN_ORDER}`])
    expect(new URL(calls[0]!.url).searchParams.get('includedData')!.split(',')).toEqual([...ORDER_DATASETS])
  })

  it('reads a shipped order with buyer, address, totals, lines and its package', async () => {
    const shipped = h.sim.orders.find((o) => o.fulfillment.fulfillmentStatus === 'SHIPPED')!
    const order = (await (await h.get(`/v1/orders/${shipped.orderId}`)).json()) as Record<string, any>
    const item = shipped.orderItems[0]!
    const row = (type: string) => item.proceeds!.breakdowns!.find((b) => b.type === type)!.subtotal.amount
    expect(order).toMatchObject({
      status: 'completed',
      fulfillment_status: 'shipped',
      payment_status: 'paid',
      currency: 'USD',
      total: { amount: shipped.proceeds!.grandTotal!.amount, currency: 'USD' },
      subtotal: { amount: row('ITEM') },
      shipping_total: { amount: '4.99' },
      tax_total: { amount: row('TAX') },
      customer: { name: shipped.buyer!.buyerName, email: shipped.buyer!.buyerEmail, phone: null },
      shipping_address: { name: shipped.buyer!.buyerName, line1: shipped.recipient!.deliveryAddress!.addressLine1, line2: null, city: 'Seattle', state: 'WA', postal_code: '98101', country_code: 'US' },
      lines: [{ id: item.orderItemId, sku: item.product.sellerSku, quantity: item.quantityOrdered, unit_price: { amount: item.product.price!.unitPrice!.amount } }],
      shipments: [{ carrier: 'UPS', tracking_number: shipped.packages![0]!.trackingNumber, tracking_url: null, shipped_at: new Date(shipped.packages![0]!.shipTime!).toISOString() }],
    })
  })

  it('lists every order with lines and totals, following paginationToken with the same window', async () => {
    const seen: Record<string, any>[] = []
    const before = searches().length
    let cursor: string | null = ''
    while (cursor !== null) {
      const response = await h.get(`/v1/orders?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
      expect(response.status).toBe(200)
      const page = (await response.json()) as { data: Record<string, any>[]; next_cursor: string | null }
      seen.push(...page.data)
      cursor = page.next_cursor
    }
    expect(seen.map((o) => o.id)).toEqual([...h.sim.orders].sort((a, b) => b.createdTime.localeCompare(a.createdTime)).map((o) => o.orderId))
    for (const order of seen) expect(order.lines.length).toBeGreaterThan(0)
    expect(seen.find((o) => o.id === JAPAN_ORDER)).toMatchObject({ currency: 'JPY', total: null, subtotal: { amount: '5300' } })
    // Three orders a page (the simulator's pageSize): three searchOrders calls, pages 2 and 3 with the token and page 1's createdAfter.
    const calls = searches().slice(before)
    expect(calls).toHaveLength(3)
    expect(calls.map((q) => q.has('paginationToken'))).toEqual([false, true, true])
    expect(new Set(calls.map((q) => q.get('createdAfter'))).size).toBe(1)
    expect(calls[0]!.get('maxResultsPerPage')).toBe('50')
    expect(calls[0]!.get('marketplaceIds')).toBe('ATVPDKIKX0DER,A1VC38T7YXB528')
  })

  it('asks Amazon only for the fulfillment statuses of the unified status filter', async () => {
    const response = await h.get('/v1/orders?status=completed&limit=50')
    const { data } = (await response.json()) as { data: Record<string, any>[] }
    expect(data.map((o) => o.id).sort()).toEqual(h.sim.orders.filter((o) => o.fulfillment.fulfillmentStatus === 'SHIPPED').map((o) => o.orderId).sort())
    expect(searches().at(-1)!.get('fulfillmentStatuses')).toBe('SHIPPED')
  })

  it('lists by update time with lastUpdatedAfter only (the model forbids mixing the windows), the created window applied by kopru', async () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString()
    const since = hoursAgo(30)
    // Updated in the window: order 0 (created 11 h ago, after the created window), 1 (22 h: inside it), and 4 (55 h: before it).
    const old = h.sim.orders[4]!
    const original = old.lastUpdatedTime
    old.lastUpdatedTime = hoursAgo(1)
    try {
      const { data } = (await (await h.get(`/v1/orders?updated_after=${since}&created_after=${hoursAgo(50)}&created_before=${hoursAgo(15)}`)).json()) as { data: { id: string }[] }
      expect(data.map((o) => o.id)).toEqual([h.sim.orders[1]!.orderId])
    } finally {
      old.lastUpdatedTime = original
    }
    const query = searches().at(-1)!
    expect(query.get('lastUpdatedAfter')).toBe(since)
    expect(query.has('createdAfter') || query.has('createdBefore')).toBe(false)
  })

  it('answers an unreadable createdTime with 502 provider_error naming the field', async () => {
    const order = h.sim.orders[0]!
    const original = order.createdTime
    order.createdTime = '2026-13-45T99:00:00Z'
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${order.orderId}`), 502, 'provider_error')
      expect(problem.retryable).toBe(false)
      expect(problem.errors).toEqual([{ path: 'order.createdTime', message: expect.stringContaining('ISO 8601') }])
      const listed = await expectProblem(await h.get('/v1/orders?limit=50'), 502, 'provider_error')
      expect(listed.errors[0].path).toMatch(/^orders\[\d+\]\.createdTime$/)
    } finally {
      order.createdTime = original
    }
  })

  it('answers item amounts in another currency than the order with 502 naming the item field', async () => {
    const item = h.sim.orders.find((o) => o.orderId === JAPAN_ORDER)!.orderItems[1]!
    const original = item.proceeds!.breakdowns![0]!.subtotal
    item.proceeds!.breakdowns![0]!.subtotal = { amount: '8.00', currencyCode: 'USD' }
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${JAPAN_ORDER}`), 502, 'provider_error')
      expect(problem.errors).toEqual([{ path: 'order.orderItems[1].proceeds.breakdowns[0].subtotal.currencyCode', message: expect.any(String) }])
    } finally {
      item.proceeds!.breakdowns![0]!.subtotal = original
    }
  })

  it("passes Amazon's 429 QuotaExceeded (x-amzn-RateLimit-Limit) on as rate_limited, never a 500", async () => {
    h.sim.quotas.getOrder.drain()
    const throttled = h.sim.quotas.getOrder.stats.throttled
    const problem = await expectProblem(await h.get(`/v1/orders/${JAPAN_ORDER}`), 429, 'rate_limited')
    expect(problem.retryable).toBe(true)
    expect(h.sim.quotas.getOrder.stats.throttled).toBeGreaterThan(throttled)
    const direct = await h.sim.app.request(`/orders/2026-01-01/orders/${JAPAN_ORDER}`, { headers: { 'x-amz-access-token': h.sim.demoOAuth.grant().tokens.access_token } })
    expect(direct.status).toBe(429)
    expect(direct.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5')
    expect(await direct.json()).toEqual({ errors: [{ code: 'QuotaExceeded', message: expect.any(String), details: '' }] })
    h.sim.throttling.throttle = false
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
