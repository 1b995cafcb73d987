/**
 * A faithful fake of the Selling Partner API (Orders v0, Sellers v1) and Login with Amazon, for the demo
 * and the tests.
 *
 * Sources:
 * - developer-docs.amazon.com/sp-api/docs/website-authorization-workflow: consent at
 *   https://sellercentral.amazon.com/apps/authorize/consent?application_id&state[&version=beta][&redirect_uri];
 *   the redirect carries state, selling_partner_id and spapi_oauth_code (valid five minutes).
 * - .../connecting-to-the-selling-partner-api: POST https://api.amazon.com/auth/o2/token, form body
 *   grant_type=authorization_code|refresh_token, client_id, client_secret -> {access_token "Atza|…",
 *   refresh_token "Atzr|…", token_type "bearer", expires_in 3600}; the refresh token does not rotate.
 * - Orders API v0 reference: getOrders (MarketplaceIds, CreatedAfter or LastUpdatedAfter required,
 *   MaxResultsPerPage ≤ 100, NextToken; `{payload: {Orders, NextToken, CreatedBefore}}`), getOrder,
 *   getOrderItems; `x-amz-access-token`; 403 `Unauthorized` "The access token you provided has expired.";
 *   429 QuotaExceeded. Sellers API getMarketplaceParticipations.
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { seededRandom, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import type { AmazonOrder, AmazonOrderItem } from './types.js'

export const amazonDemo = {
  clientId: 'amzn1.application-oa2-client.0demo0kopru0client',
  clientSecret: 'amzn1.oa2-cs.v1.demo0secret0kopru',
  applicationId: 'amzn1.sp.solution.0demo-kopru-0000-0000-000000000000',
  sellingPartnerId: 'A2KOPRUDEMO123',
  marketplaceId: 'ATVPDKIKX0DER',
}

export interface AmazonSimulatorOptions {
  clock?: SimulatorClock
  redirectUris?: string[]
  /** Orders per getOrders page (Amazon: MaxResultsPerPage, default 100). */
  pageSize?: number
}

function seedOrders(now: number) {
  const random = seededRandom(9090)
  const statuses = ['Unshipped', 'Shipped', 'Pending', 'PartiallyShipped', 'Canceled', 'Shipped', 'Unshipped']
  const orders: AmazonOrder[] = []
  const items = new Map<string, AmazonOrderItem[]>()
  statuses.forEach((status, i) => {
    const id = `11${i}-${String(1234567 + i).padStart(7, '0')}-${String(7654321 - i).padStart(7, '0')}`
    const quantity = random.int(1, 2)
    const unit = random.int(999, 4999)
    const at = new Date(now - (i + 1) * 11 * 3600_000).toISOString()
    const usd = (cents: number) => ({ CurrencyCode: 'USD', Amount: (cents / 100).toFixed(2) })
    const tax = Math.round(unit * quantity * 0.0825)
    orders.push({
      AmazonOrderId: id,
      PurchaseDate: at,
      LastUpdateDate: at,
      OrderStatus: status,
      FulfillmentChannel: 'MFN',
      OrderTotal: usd(unit * quantity + tax + 499),
      MarketplaceId: amazonDemo.marketplaceId,
      BuyerInfo: { BuyerEmail: `buyer${i}@marketplace.amazon.com` },
      ShippingAddress: { Name: `Chris Lee ${i}`, AddressLine1: `${300 + i} Pine St`, City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98101', CountryCode: 'US' },
    })
    items.set(id, [{ OrderItemId: `6851${i}00000000`, ASIN: `B0KOPRU${i}0X`, SellerSKU: `MUG-${i}`, Title: 'Stoneware coffee mug', QuantityOrdered: quantity, ItemPrice: usd(unit * quantity), ItemTax: usd(tax), ShippingPrice: usd(499), PromotionDiscount: usd(0) }])
  })
  return { orders, items }
}

export function createAmazonSimulator(options: AmazonSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const { orders, items } = seedOrders(clock.now())
  const redirectUris = options.redirectUris ?? []
  const pageSize = options.pageSize ?? 100
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: amazonDemo.clientId, clientSecret: amazonDemo.clientSecret, redirectUris }],
    applicationIds: { [amazonDemo.applicationId]: amazonDemo.clientId },
    clientIdParam: 'application_id',
    clientAuth: 'post',
    pkce: 'ignored',
    codeParam: 'spapi_oauth_code',
    accessTtlSeconds: 3600,
    refreshTtlSeconds: 10 * 365 * 24 * 3600,
    rotation: 'none',
    echoRefreshToken: true,
    tokenFormat: { access: () => `Atza|${crypto.randomUUID()}`, refresh: () => `Atzr|${crypto.randomUUID()}${crypto.randomUUID()}` },
    tokenBody: (t) => ({ access_token: t.access_token, ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}), token_type: 'bearer', expires_in: t.expires_in }),
    callbackParams: () => ({ selling_partner_id: amazonDemo.sellingPartnerId }),
    account: () => amazonDemo.sellingPartnerId,
    appName: 'kopru',
    providerName: 'Amazon Seller Central',
  })

  const app = new Hono()
  oauth.mount(app, { authorize: '/apps/authorize/consent', token: '/auth/o2/token' })

  const spError = (c: Context, status: 400 | 403 | 404, code: string, message: string, details = '') => c.json({ errors: [{ code, message, details }] }, status)

  for (const prefix of ['/orders/*', '/sellers/*']) {
    app.use(prefix, async (c, next) => {
      const token = c.req.header('x-amz-access-token')
      if (!token) return spError(c, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The request has no access token.')
      if (!oauth.authenticate(token)) return spError(c, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.')
      await next()
    })
  }

  app.get('/sellers/v1/marketplaceParticipations', (c) =>
    c.json({ payload: [{ marketplace: { id: amazonDemo.marketplaceId, countryCode: 'US', name: 'Amazon.com', defaultCurrencyCode: 'USD' }, participation: { isParticipating: true, hasSuspendedListings: false } }] }),
  )

  app.get('/orders/v0/orders', (c) => {
    const q = c.req.query()
    if (!q.MarketplaceIds) return spError(c, 400, 'InvalidInput', 'Missing required MarketplaceIds.')
    let offset = 0
    let list = orders
    if (q.NextToken) {
      const match = /^nt-(\d+)-(.*)$/.exec(q.NextToken)
      if (!match) return spError(c, 400, 'InvalidInput', 'Invalid NextToken.')
      offset = Number(match[1])
      const after = decodeURIComponent(match[2]!)
      list = orders.filter((o) => o.PurchaseDate >= after)
    } else {
      if (!q.CreatedAfter && !q.LastUpdatedAfter) return spError(c, 400, 'InvalidInput', 'Either CreatedAfter or LastUpdatedAfter must be specified.')
      list = orders.filter((o) => (!q.CreatedAfter || o.PurchaseDate >= q.CreatedAfter) && (!q.CreatedBefore || o.PurchaseDate <= q.CreatedBefore) && (!q.LastUpdatedAfter || o.LastUpdateDate >= q.LastUpdatedAfter))
    }
    const size = Math.min(Number(q.MaxResultsPerPage ?? pageSize), pageSize)
    const sorted = [...list].sort((a, b) => b.PurchaseDate.localeCompare(a.PurchaseDate))
    const page = sorted.slice(offset, offset + size)
    const after = q.NextToken ? decodeURIComponent(/^nt-\d+-(.*)$/.exec(q.NextToken)![1]!) : (q.CreatedAfter ?? q.LastUpdatedAfter ?? '')
    return c.json({
      payload: {
        Orders: page,
        ...(offset + size < sorted.length ? { NextToken: `nt-${offset + size}-${encodeURIComponent(after)}` } : {}),
        CreatedBefore: new Date(clock.now() - 120_000).toISOString(),
      },
    })
  })
  app.get('/orders/v0/orders/:id', (c) => {
    const order = orders.find((o) => o.AmazonOrderId === c.req.param('id'))
    return order ? c.json({ payload: order }) : spError(c, 404, 'NotFound', 'Order not found.')
  })
  app.get('/orders/v0/orders/:id/orderItems', (c) => {
    const list = items.get(c.req.param('id'))
    return list ? c.json({ payload: { AmazonOrderId: c.req.param('id'), OrderItems: list } }) : spError(c, 404, 'NotFound', 'Order not found.')
  })
  app.notFound((c) => spError(c, 404, 'NotFound', `Resource ${c.req.path} not found.`))

  return {
    app,
    oauth,
    orders,
    allowRedirect: (uri: string) => void redirectUris.push(uri),
    demo: { credentials: {} },
    demoOAuth: {
      allowRedirect: (uri: string) => void redirectUris.push(uri),
      app: { clientId: amazonDemo.clientId, clientSecret: amazonDemo.clientSecret, settings: { application_id: amazonDemo.applicationId } },
      grant: () => {
        const minted = oauth.mint({ account: amazonDemo.sellingPartnerId, clientId: amazonDemo.clientId, scope: '' })
        return { tokens: { ...minted, expires_at: new Date(clock.now() + minted.expires_in * 1000).toISOString() }, metadata: { selling_partner_id: amazonDemo.sellingPartnerId } }
      },
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type AmazonSimulator = ReturnType<typeof createAmazonSimulator>
