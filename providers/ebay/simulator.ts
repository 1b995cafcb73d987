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
 * - Same document, createShippingFulfillment: POST /order/{orderId}/shipping_fulfillment with
 *   ShippingFulfillmentDetails {lineItems[{lineItemId, quantity}], shippedDate, shippingCarrierCode,
 *   trackingNumber} -> 201 with `Location: .../shipping_fulfillment/{fulfillmentId}`; 400 errorIds 32100
 *   (invalid order id), 32200 (invalid line item id), 32210 (duplicate line item), 32300 (invalid tracking
 *   number or carrier), 32500 (invalid shipped date).
 * - eBay's OpenAPI 3 document of the Sell Inventory API v1.18.4 (kept under test/fixtures/specs/ebay/):
 *   getInventoryItems GET /inventory_item?limit (1..200)&offset -> InventoryItems {href, total, size, limit, next,
 *   inventoryItems[{sku, locale, condition, product{title, brand, ean, imageUrls}, availability}]}; getInventoryItem;
 *   getOffers GET /offer?sku -> Offers {offers[{offerId, sku, pricingSummary.price}]}, 404 errorId 25713 for a
 *   SKU without offers; bulkUpdatePriceQuantity POST /bulk_update_price_quantity {requests[≤ 25]{sku,
 *   shipToLocationAvailability.quantity, offers[{offerId, price}]}} -> 200, or 207 Multi-Status when some fail,
 *   with responses[{sku, offerId, statusCode, errors}]; errorId 25702 for an unknown SKU (Inventory API error
 *   codes, developer.ebay.com/api-docs/sell/inventory/static/error-codes.html).
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

export interface ShippingFulfillment {
  lineItems: { lineItemId: string; quantity?: number }[]
  shippedDate?: string
  shippingCarrierCode?: string
  trackingNumber?: string
}

/** eBay's ShippingCarrier values the fake accepts (GeteBayDetails ShippingCarrierDetails, abridged). */
const knownCarriers = new Set(['USPS', 'UPS', 'FedEx', 'DHL', 'RoyalMail', 'CanadaPost', 'AustraliaPost', 'DeutschePost', 'Hermes', 'DPD', 'GLS', 'TNT', 'Other'])

function refusedFulfillment(order: EbayOrder, body: unknown): { errorId: number; message: string } | null {
  const details = body as Partial<ShippingFulfillment> | null
  if (!details || !Array.isArray(details.lineItems) || details.lineItems.length === 0) return { errorId: 32600, message: 'Invalid input data' }
  const ids = details.lineItems.map((l) => l?.lineItemId)
  const unknown = ids.find((id) => !(order.lineItems ?? []).some((line) => line.lineItemId === id))
  if (unknown !== undefined) return { errorId: 32200, message: `Invalid line item id: ${String(unknown)}` }
  if (new Set(ids).size !== ids.length) return { errorId: 32210, message: 'Duplicate line item in the request' }
  if (!details.trackingNumber || !/^[0-9A-Za-z]{1,40}$/.test(details.trackingNumber) || !knownCarriers.has(details.shippingCarrierCode ?? '')) {
    return { errorId: 32300, message: 'Invalid shipment tracking number or carrier' }
  }
  if (details.shippedDate !== undefined && Number.isNaN(Date.parse(details.shippedDate))) return { errorId: 32500, message: 'Invalid shipped date' }
  return null
}

export interface EbayInventoryItem {
  quantity: number
  offers: { offerId: string; price: { value: string; currency: string } }[]
}

/** 1200 seller SKUs `EB-0000`..`EB-1199`, each with one offer on EBAY_US. */
function seedInventory(): Map<string, EbayInventoryItem> {
  return new Map(Array.from({ length: 1200 }, (_, i) => [`EB-${String(i).padStart(4, '0')}`, { quantity: 5, offers: [{ offerId: String(900000 + i), price: { value: '19.99', currency: 'USD' } }] }]))
}

interface PriceQuantityRequest {
  sku?: string
  shipToLocationAvailability?: { quantity?: number }
  offers?: { offerId?: string; price?: { value?: string; currency?: string } }[]
}

function applyPriceQuantity(inventory: Map<string, EbayInventoryItem>, request: PriceQuantityRequest) {
  const item = request.sku ? inventory.get(request.sku) : undefined
  const refuse = (errorId: number, message: string) => ({ sku: request.sku ?? '', statusCode: 400, errors: [{ errorId, domain: 'API_INVENTORY', category: 'REQUEST', message, longMessage: message }] })
  if (!item) return [{ ...refuse(25702, `SKU ${request.sku ?? ''} is not available in the system`), statusCode: 404 }]
  const quantity = request.shipToLocationAvailability?.quantity
  if (quantity !== undefined && (!Number.isInteger(quantity) || quantity < 0)) return [refuse(25709, 'Invalid value for quantity.')]
  const offers = request.offers ?? []
  if (offers.some((o) => !item.offers.some((own) => own.offerId === o.offerId) || !/^\d+(\.\d{1,2})?$/.test(o.price?.value ?? ''))) return [refuse(25709, 'Invalid value for offerId or price.')]
  if (quantity !== undefined) item.quantity = quantity
  for (const o of offers) item.offers.find((own) => own.offerId === o.offerId)!.price = { value: o.price!.value!, currency: o.price!.currency ?? 'USD' }
  return offers.length ? offers.map((o) => ({ sku: request.sku!, offerId: o.offerId, statusCode: 200 })) : [{ sku: request.sku!, statusCode: 200 }]
}

export function createEbaySimulator(options: EbaySimulatorOptions = {}) {
  const inventory = seedInventory()
  const clock = options.clock ?? systemClock
  const orders = seedOrders(clock.now())
  const fulfillments: (ShippingFulfillment & { orderId: string; fulfillmentId: string })[] = []
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
  app.post('/sell/fulfillment/v1/order/:orderId/shipping_fulfillment', async (c) => {
    const order = orders.find((o) => o.orderId === c.req.param('orderId'))
    if (!order) return ebayError(c, 404, 32100, `Invalid Order Id: ${c.req.param('orderId')}`)
    const body: unknown = await c.req.json().catch(() => null)
    const refused = refusedFulfillment(order, body)
    if (refused) return ebayError(c, 400, refused.errorId, refused.message)
    const details = body as ShippingFulfillment
    const fulfillmentId = details.trackingNumber!
    fulfillments.push({ orderId: order.orderId, fulfillmentId, ...details })
    for (const line of order.lineItems ?? []) if (details.lineItems.some((l) => l.lineItemId === line.lineItemId)) line.lineItemFulfillmentStatus = 'FULFILLED'
    order.orderFulfillmentStatus = (order.lineItems ?? []).every((l) => l.lineItemFulfillmentStatus === 'FULFILLED') ? 'FULFILLED' : 'IN_PROGRESS'
    c.header('Location', `${new URL(c.req.url).origin}/sell/fulfillment/v1/order/${order.orderId}/shipping_fulfillment/${fulfillmentId}`)
    return c.body(null, 201)
  })
  const inventoryItem = (sku: string, item: EbayInventoryItem) => ({
    sku,
    locale: 'en_US',
    condition: 'NEW',
    product: { title: `Vintage vinyl record ${sku}`, brand: 'Kopru Records', ean: [`4006381${sku.slice(-4).padStart(6, '0')}`], imageUrls: [`https://i.ebayimg.com/images/${sku}.jpg`] },
    availability: { shipToLocationAvailability: { quantity: item.quantity } },
  })
  app.get('/sell/inventory/v1/inventory_item', (c) => {
    const limit = Number(c.req.query('limit') ?? 25)
    const offset = Number(c.req.query('offset') ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !Number.isInteger(offset) || offset < 0) return ebayError(c, 400, 25709, 'Invalid value for limit or offset.')
    const all = [...inventory.entries()]
    const href = (o: number) => `${new URL(c.req.url).origin}/sell/inventory/v1/inventory_item?limit=${limit}&offset=${o}`
    const page = all.slice(offset, offset + limit).map(([sku, item]) => inventoryItem(sku, item))
    return c.json({ href: href(offset), total: all.length, size: page.length, limit, ...(offset + limit < all.length ? { next: href(offset + limit) } : {}), inventoryItems: page })
  })
  app.get('/sell/inventory/v1/inventory_item/:sku', (c) => {
    const item = inventory.get(c.req.param('sku'))
    return item ? c.json(inventoryItem(c.req.param('sku'), item)) : ebayError(c, 404, 25702, `SKU ${c.req.param('sku')} is not available in the system`)
  })
  app.get('/sell/inventory/v1/offer', (c) => {
    const sku = c.req.query('sku') ?? ''
    const item = inventory.get(sku)
    if (!item) return c.json({ errors: [{ errorId: 25713, domain: 'API_INVENTORY', category: 'REQUEST', message: 'This Offer is not available.', longMessage: 'This Offer is not available.' }] }, 404)
    return c.json({ total: item.offers.length, size: item.offers.length, limit: 100, offers: item.offers.map((o) => ({ offerId: o.offerId, sku, marketplaceId: 'EBAY_US', format: 'FIXED_PRICE', availableQuantity: item.quantity, pricingSummary: { price: o.price } })) })
  })
  app.post('/sell/inventory/v1/bulk_update_price_quantity', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { requests?: PriceQuantityRequest[] } | null
    const requests = body?.requests
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > 25) return ebayError(c, 400, 25709, 'Invalid value for requests. Give 1 to 25 requests.')
    const responses = requests.flatMap((request) => applyPriceQuantity(inventory, request))
    return c.json({ responses }, responses.every((r) => r.statusCode === 200) ? 200 : 207)
  })
  app.notFound((c) => ebayError(c, 404, 2002, `Resource not found: ${c.req.path}`))

  return {
    app,
    oauth,
    orders,
    fulfillments,
    inventory,
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
