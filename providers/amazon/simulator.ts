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
 * - amzn/selling-partner-api-models models/orders-api-model/ordersV0.json (kept as test data under
 *   test/fixtures/specs/amazon/): `OrderTotal` optional (absent on Pending orders), getOrderItems pages with
 *   `NextToken` in `payload`; models/sellers-api-model/sellers.json: Marketplace.defaultCurrencyCode, storeName.
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { seededRandom, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import type { AmazonOrderItemWire as AmazonOrderItem, AmazonOrderWire as AmazonOrder } from './wire.js'

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
  /** Items per getOrderItems page before Amazon answers with a NextToken (default 100). */
  itemPageSize?: number
}

/** Amazon.co.jp: the seeded Pending order there has no OrderTotal yet (the models' own Pending example). */
export const AMAZON_JP_MARKETPLACE = 'A1VC38T7YXB528'

/** A Pending order on Amazon.co.jp without OrderTotal, with three JPY items (unit prices 1200, 800, 450). */
function seedPendingJapanOrder(now: number) {
  const id = '503-0000001-0000001'
  const at = new Date(now - 100 * 3600_000).toISOString()
  const jpy = (amount: number) => ({ CurrencyCode: 'JPY', Amount: String(amount) })
  const order: AmazonOrder = { AmazonOrderId: id, PurchaseDate: at, LastUpdateDate: at, OrderStatus: 'Pending', FulfillmentChannel: 'MFN', MarketplaceId: AMAZON_JP_MARKETPLACE }
  const items: AmazonOrderItem[] = [
    { OrderItemId: '70000000000001', ASIN: 'B0KOPRUJP1', SellerSKU: 'CHA-1', Title: 'Matcha bowl', QuantityOrdered: 3, ItemPrice: jpy(3600), ItemTax: jpy(327), ShippingPrice: jpy(500), PromotionDiscount: jpy(0) },
    { OrderItemId: '70000000000002', ASIN: 'B0KOPRUJP2', SellerSKU: 'CHA-2', Title: 'Whisk', QuantityOrdered: 1, ItemPrice: jpy(800), ItemTax: jpy(72) },
    { OrderItemId: '70000000000003', ASIN: 'B0KOPRUJP3', SellerSKU: 'CHA-3', Title: 'Scoop', QuantityOrdered: 2, ItemPrice: jpy(900), ItemTax: jpy(81) },
  ]
  return { order, items }
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
  const japan = seedPendingJapanOrder(now)
  orders.push(japan.order)
  items.set(japan.order.AmazonOrderId, japan.items)
  return { orders, items }
}

type SpError = (c: Context, status: 400 | 403 | 404, code: string, message: string, details?: string) => Response

/** getOrderItems: `itemPageSize` items per page, then `payload.NextToken` (the models' OrderItemsList). */
function orderItemsPage(items: Map<string, AmazonOrderItem[]>, itemPageSize: number, spError: SpError) {
  return (c: Context) => {
    const id = c.req.param('id')!
    const list = items.get(id)
    if (!list) return spError(c, 404, 'NotFound', 'Order not found.')
    const token = c.req.query('NextToken')
    const offset = token ? Number(/^it-(\d+)$/.exec(token)?.[1] ?? NaN) : 0
    if (!Number.isInteger(offset)) return spError(c, 400, 'InvalidInput', 'Invalid NextToken.')
    const more = offset + itemPageSize < list.length
    return c.json({ payload: { AmazonOrderId: id, OrderItems: list.slice(offset, offset + itemPageSize), ...(more ? { NextToken: `it-${offset + itemPageSize}` } : {}) } })
  }
}

/** getMarketplaceParticipations of the demo seller (Sellers API v1: every Marketplace member is required). */
const participations = [
  { marketplace: { id: amazonDemo.marketplaceId, countryCode: 'US', name: 'Amazon.com', defaultCurrencyCode: 'USD', defaultLanguageCode: 'en_US', domainName: 'www.amazon.com' }, participation: { isParticipating: true, hasSuspendedListings: false }, storeName: 'Kopru Demo' },
  { marketplace: { id: AMAZON_JP_MARKETPLACE, countryCode: 'JP', name: 'Amazon.co.jp', defaultCurrencyCode: 'JPY', defaultLanguageCode: 'ja_JP', domainName: 'www.amazon.co.jp' }, participation: { isParticipating: true, hasSuspendedListings: false }, storeName: 'Kopru Demo' },
]

export function createAmazonSimulator(options: AmazonSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const { orders, items } = seedOrders(clock.now())
  const redirectUris = options.redirectUris ?? []
  const pageSize = options.pageSize ?? 100
  const itemPageSize = options.itemPageSize ?? 100
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

  app.get('/sellers/v1/marketplaceParticipations', (c) => c.json({ payload: participations }))

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
  app.get('/orders/v0/orders/:id/orderItems', orderItemsPage(items, itemPageSize, spError))
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
