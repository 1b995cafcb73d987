/**
 * A faithful fake of eBay's Sell Fulfillment API and eBay's OAuth, for the demo and the tests.
 *
 * Sources:
 * - developer.ebay.com/api-docs/static/oauth-authorization-code-grant.html: consent at
 *   https://auth.ebay.com/oauth2/authorize?client_id&redirect_uri=<RuName>&response_type=code&scope&state;
 *   the redirect to the RuName's accept URL carries code, state and expires_in (299 s code lifetime).
 * - developer.ebay.com/api-docs/static/oauth-auth-code-grant-request.html: POST /identity/v1/oauth2/token,
 *   Basic base64(client_id:client_secret), grant_type=authorization_code&code&redirect_uri=<RuName> ->
 *   {access_token, expires_in: 7200, refresh_token, refresh_token_expires_in: 47304000, token_type:
 *   "User Access Token"}; refresh (oauth-refresh-token-request.html) -> access token only, no new refresh token.
 * - Sell Fulfillment getOrders: GET /sell/fulfillment/v1/order?limit (≤ 200)&offset&filter ->
 *   {href, total, limit, offset, next, orders}; getOrder; 401 errorId 1001 "Invalid access token".
 * - Commerce Identity getUser: GET https://apiz.ebay.com/commerce/identity/v1/user/ -> {userId, username}.
 * - eBay's OpenAPI 3 document of the Sell Fulfillment API v1.20.7 (kept under test/fixtures/specs/ebay/): Order
 *   has no `legacyOrderId`; PricingSummary {priceSubtotal, priceDiscount, deliveryCost, deliveryDiscount, tax,
 *   total, ...}; Buyer {username, buyerRegistrationAddress, taxAddress, taxIdentifier}; `limit`/`offset` strings.
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { seededRandom, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import type { EbayOrderWire as EbayOrder } from './wire.js'

export const ebayDemo = {
  clientId: 'KopruDem-kopru-PRD-1a2b3c4d5-6e7f8a9b',
  clientSecret: 'PRD-1a2b3c4d5e6f-7a8b-9c0d-1e2f-3a4b',
  ruName: 'Kopru_Demo-KopruDem-kopru--abcdef',
  userId: 'ebayuser01x',
  username: 'kopru_demo_seller',
}

export interface EbaySimulatorOptions {
  clock?: SimulatorClock
  /** The accept URL registered with the demo RuName (kopru's /connect/callback). */
  acceptUrl?: string
}

function seedOrders(now: number): EbayOrder[] {
  const random = seededRandom(777)
  const plan = [
    ['NOT_STARTED', 'PAID', 'NONE_REQUESTED'],
    ['IN_PROGRESS', 'PAID', 'NONE_REQUESTED'],
    ['FULFILLED', 'PAID', 'NONE_REQUESTED'],
    ['NOT_STARTED', 'PENDING', 'NONE_REQUESTED'],
    ['NOT_STARTED', 'FULLY_REFUNDED', 'CANCELED'],
  ] as const
  return plan.map(([fulfillment, payment, cancel], i) => {
    const quantity = random.int(1, 3)
    const unit = random.int(500, 9000)
    const created = new Date(now - (i + 1) * 9 * 3600_000).toISOString()
    const value = (cents: number) => ({ value: (cents / 100).toFixed(2), currency: 'USD' })
    return {
      orderId: `12-0${i}123-4567${i}`,
      salesRecordReference: String(1000 + i),
      creationDate: created,
      lastModifiedDate: created,
      orderFulfillmentStatus: fulfillment,
      orderPaymentStatus: payment,
      cancelStatus: { cancelState: cancel },
      pricingSummary: { priceSubtotal: value(unit * quantity), deliveryCost: value(799), deliveryDiscount: value(-200), priceDiscount: value(-100), tax: value(Math.round(unit * quantity * 0.07)), total: value(unit * quantity + 799 - 200 - 100 + Math.round(unit * quantity * 0.07)) },
      buyer: {
        username: `buyer_${i}`,
        taxAddress: { city: 'Austin', stateOrProvince: 'TX', postalCode: '73301', countryCode: 'US' },
        buyerRegistrationAddress: { fullName: `Alex Morgan ${i}`, email: `alex${i}@members.ebay.com`, primaryPhone: { phoneNumber: '5125550100' }, contactAddress: { addressLine1: `${200 + i} Elm Ave`, city: 'Austin', stateOrProvince: 'TX', postalCode: '73301', countryCode: 'US' } },
      },
      fulfillmentStartInstructions: [{ shippingStep: { shipTo: { fullName: `Alex Morgan ${i}`, email: `alex${i}@members.ebay.com`, primaryPhone: { phoneNumber: '5125550100' }, contactAddress: { addressLine1: `${200 + i} Elm Ave`, city: 'Austin', stateOrProvince: 'TX', postalCode: '73301', countryCode: 'US' } } } }],
      lineItems: [{ lineItemId: `1000${i}`, legacyItemId: `3945${i}00001`, sku: `VINYL-${i}`, title: 'Vintage vinyl record', quantity, lineItemCost: value(unit * quantity), total: value(unit * quantity + 799), lineItemFulfillmentStatus: fulfillment === 'FULFILLED' ? 'FULFILLED' : 'NOT_STARTED' }],
    }
  })
}

export function createEbaySimulator(options: EbaySimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const orders = seedOrders(clock.now())
  const aliases: Record<string, string> = {}
  if (options.acceptUrl) aliases[ebayDemo.ruName] = options.acceptUrl
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: ebayDemo.clientId, clientSecret: ebayDemo.clientSecret, redirectUris: [ebayDemo.ruName] }],
    aliases,
    clientAuth: 'basic',
    pkce: 'ignored',
    accessTtlSeconds: 7200,
    refreshTtlSeconds: 47_304_000,
    rotation: 'none',
    tokenFormat: { access: () => `v^1.1#i^1#p^3#r^1#${crypto.randomUUID()}`, refresh: () => `v^1.1#i^1#r^1#${crypto.randomUUID()}${crypto.randomUUID()}` },
    tokenBody: (t) => ({
      access_token: t.access_token,
      expires_in: t.expires_in,
      ...(t.grant === 'authorization_code' && t.refresh_token ? { refresh_token: t.refresh_token, refresh_token_expires_in: t.refresh_expires_in } : {}),
      token_type: 'User Access Token',
    }),
    callbackParams: () => ({ expires_in: '299' }),
    account: () => ebayDemo.userId,
    appName: 'kopru',
    providerName: 'eBay',
  })

  const app = new Hono()
  oauth.mount(app, { authorize: '/oauth2/authorize', token: '/identity/v1/oauth2/token' })

  const ebayError = (c: Context, status: 400 | 401 | 404, errorId: number, message: string) =>
    c.json({ errors: [{ errorId, domain: status === 401 ? 'OAuth' : 'API_FULFILLMENT', category: 'REQUEST', message, longMessage: message }] }, status)

  for (const prefix of ['/sell/*', '/commerce/*']) {
    app.use(prefix, async (c, next) => {
      const token = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (!oauth.authenticate(token)) return ebayError(c, 401, 1001, 'Invalid access token')
      await next()
    })
  }

  app.get('/commerce/identity/v1/user/', (c) => c.json({ userId: ebayDemo.userId, username: ebayDemo.username, accountType: 'BUSINESS' }))

  app.get('/sell/fulfillment/v1/order', (c) => {
    const limit = Number(c.req.query('limit') ?? 50)
    const offset = Number(c.req.query('offset') ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !Number.isInteger(offset) || offset < 0) {
      return ebayError(c, 400, 30700, 'The specified limit or offset is invalid.')
    }
    let list = [...orders].sort((a, b) => Date.parse(b.creationDate) - Date.parse(a.creationDate))
    const created = /creationdate:\[([^.\]]*)\.\.([^\]]*)\]/.exec(c.req.query('filter') ?? '')
    if (created) {
      const [, from, to] = created
      list = list.filter((o) => (!from || o.creationDate >= from) && (!to || o.creationDate <= to))
    }
    const page = list.slice(offset, offset + limit)
    const base = new URL(c.req.url)
    const href = (o: number) => `${base.origin}${base.pathname}?limit=${limit}&offset=${o}`
    return c.json({ href: href(offset), total: list.length, limit, offset, ...(offset + limit < list.length ? { next: href(offset + limit) } : {}), orders: page })
  })
  app.get('/sell/fulfillment/v1/order/:orderId', (c) => {
    const order = orders.find((o) => o.orderId === c.req.param('orderId'))
    return order ? c.json(order) : ebayError(c, 404, 32100, 'Order not found.')
  })
  app.notFound((c) => ebayError(c, 404, 2002, `Resource not found: ${c.req.path}`))

  return {
    app,
    oauth,
    orders,
    /** Registers the accept URL of the demo RuName (kopru's /connect/callback). */
    setAcceptUrl: (url: string) => void (aliases[ebayDemo.ruName] = url),
    demo: { credentials: {} },
    demoOAuth: {
      allowRedirect: (uri: string) => void (aliases[ebayDemo.ruName] = uri),
      app: { clientId: ebayDemo.clientId, clientSecret: ebayDemo.clientSecret, settings: { ru_name: ebayDemo.ruName } },
      grant: () => {
        const minted = oauth.mint({ account: ebayDemo.userId, clientId: ebayDemo.clientId, scope: 'https://api.ebay.com/oauth/api_scope' })
        return { tokens: { ...minted, expires_at: new Date(clock.now() + minted.expires_in * 1000).toISOString() }, metadata: {} }
      },
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type EbaySimulator = ReturnType<typeof createEbaySimulator>
