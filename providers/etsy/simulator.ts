/**
 * A faithful fake of Etsy's Open API v3 and its OAuth 2.0 server, for the demo and the tests.
 *
 * Sources:
 * - developers.etsy.com/documentation/essentials/authentication: authorize at
 *   https://www.etsy.com/oauth/connect (response_type, client_id, redirect_uri, scope, state, code_challenge,
 *   code_challenge_method=S256 — PKCE is mandatory); token at POST https://api.etsy.com/v3/public/oauth/token
 *   (grant_type, client_id, redirect_uri, code, code_verifier); access tokens `<user_id>.<token>` valid 3600 s,
 *   refresh tokens valid 90 days; a refresh grant returns a new refresh token.
 * - developers.etsy.com/documentation/essentials/requests: every request carries `x-api-key: <keystring>`;
 *   OAuth endpoints also need `Authorization: Bearer`; 401 `{"error": "invalid_token"}`.
 * - Open API v3 reference: getMe (GET /v3/application/users/me -> user_id, shop_id), getShopReceipts
 *   (limit ≤ 100, offset, sort_on, sort_order, min_created/max_created; `{count, results}`), getShopReceipt,
 *   getListingsByShop (state), getListing; rate limit 10 QPS per app (429 with Retry-After).
 * - Etsy's OpenAPI document (https://www.etsy.com/openapi/generated/oas/3.0.0.json, kept under
 *   test/fixtures/specs/etsy/): Money {amount, divisor, currency_code} in any currency; getShopReceipts
 *   timestamp filters `minimum: 946684800`; createReceiptShipment (POST
 *   /v3/application/shops/{shop_id}/receipts/{receipt_id}/tracking, form body tracking_code, carrier_name,
 *   send_bcc, note_to_buyer) answers the ShopReceipt with the new entry in `shipments`; getListingInventory /
 *   updateListingInventory (GET/PUT /v3/application/listings/{listing_id}/inventory: ListingInventory
 *   {products[{product_id, sku, offerings[{offering_id, price Money, quantity, is_enabled}], property_values}],
 *   price_on_property, quantity_on_property, sku_on_property}; the PUT replaces every product, takes `price` as
 *   a float and answers the new ListingInventory).
 * - developers.etsy.com/documentation/tutorials/listings (inventory): offering quantity 0..999, price
 *   0.20..50000.00, SKUs unique in a listing; a refused PUT is 400 `{"error": "..."}`.
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { fixedWindowQuota, seededRandom, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import type { EtsyListingInventoryWire as EtsyInventory, EtsyListingWire as EtsyListing, EtsyMoney, EtsyReceiptWire as EtsyReceipt } from './wire.js'

export const etsyDemo = {
  keystring: 'etsydemokeystring1a2b3c',
  sharedSecret: 'etsydemosharedsecret',
  userId: '50123456',
  shopId: 40123456,
}

export interface EtsySimulatorOptions {
  clock?: SimulatorClock
  /** Redirect URIs registered for the demo app (kopru's /connect/callback). */
  redirectUris?: string[]
  quota?: { limit: number; windowMs: number }
  /** Lifetime of access tokens (Etsy: 3600 s); tests shorten it to bring a token close to expiry on a real clock. */
  accessTtlSeconds?: number
}

const usd = (cents: number): EtsyMoney => ({ amount: cents, divisor: 100, currency_code: 'USD' })

/**
 * Receipts in other currencies, as Etsy's Money carries them: JPY with divisor 1, EUR with 100, and a
 * three-digit divisor (KWD, 1000). `[unit, shipping, tax]` in the currency's own units over the divisor.
 */
export const etsyForeignReceipts = [
  { currency: 'JPY', divisor: 1, unit: 1200, quantity: 3, shipping: 500, tax: 360 },
  { currency: 'EUR', divisor: 100, unit: 1999, quantity: 2, shipping: 450, tax: 760 },
  { currency: 'KWD', divisor: 1000, unit: 12345, quantity: 3, shipping: 1500, tax: 0 },
] as const

function seedReceipts(now: number): EtsyReceipt[] {
  const random = seededRandom(4242)
  const statuses = ['paid', 'paid', 'completed', 'open', 'canceled', 'partially refunded', 'paid', 'completed']
  const plan = [
    ...statuses.map((status) => {
      const quantity = random.int(1, 3)
      const unit = random.int(900, 8900)
      return { status, quantity, unit, shipping: 599, tax: Math.round(unit * quantity * 0.08), money: usd }
    }),
    ...etsyForeignReceipts.map((f) => ({ status: 'paid', quantity: f.quantity, unit: f.unit, shipping: f.shipping, tax: f.tax, money: (amount: number): EtsyMoney => ({ amount, divisor: f.divisor, currency_code: f.currency }) })),
  ]
  return plan.map(({ status, quantity, unit, shipping, tax, money }, i) => {
    const created = Math.floor((now - (i + 1) * 7 * 3600_000) / 1000)
    return {
      receipt_id: 3100000000 + i,
      status,
      is_shipped: status === 'completed',
      is_paid: status !== 'open',
      create_timestamp: created,
      update_timestamp: created + 600,
      name: ['Jane Doe', 'Ali Vural', 'Marta Silva', 'Ken Ito'][i % 4]!,
      first_line: `${100 + i} Market St`,
      second_line: null,
      city: 'Portland',
      state: 'OR',
      zip: '97201',
      country_iso: 'US',
      buyer_email: `buyer${i}@example.com`,
      subtotal: money(unit * quantity),
      total_shipping_cost: money(shipping),
      discount_amt: money(0),
      total_tax_cost: money(tax),
      grandtotal: money(unit * quantity + shipping + tax),
      transactions: [{ transaction_id: 4100000000 + i, title: `Handmade ceramic mug #${i + 1}`, quantity, price: money(unit), sku: `MUG-${i + 1}`, listing_id: 1500000000 + (i % 3) }],
      shipments: status === 'completed' ? [{ carrier_name: 'usps', tracking_code: `9400111899223${i}00000`, shipment_notification_timestamp: created + 86400 }] : [],
    }
  })
}

function seedListings(now: number): EtsyListing[] {
  return [0, 1, 2].map((i) => ({
    listing_id: 1500000000 + i,
    title: ['Handmade ceramic mug', 'Linen table runner', 'Olive wood spoon'][i]!,
    state: 'active',
    quantity: 10 + i,
    price: usd(2400 + i * 500),
    url: `https://www.etsy.com/listing/${1500000000 + i}`,
    skus: i === 0 ? [`SKU-1-S`, `SKU-1-M`] : [`SKU-${i + 1}`],
    taxonomy_id: 1000 + i,
    updated_timestamp: Math.floor(now / 1000) - 3600,
    last_modified_timestamp: Math.floor(now / 1000) - 3600,
  }))
}

/** Listing 0 has two sizes (one product each, with property values); the others one product. */
function seedInventories(listings: EtsyListing[]): Map<number, EtsyInventory> {
  let next = 7_000_000_000
  return new Map(
    listings.map((listing, i) => {
      const sizes = i === 0 ? ['S', 'M'] : [null]
      const products = sizes.map((size, k) => ({
        product_id: next++,
        sku: listing.skus![k]!,
        is_deleted: false,
        offerings: [{ offering_id: next++, quantity: listing.quantity!, is_enabled: true, is_deleted: false, price: listing.price! }],
        property_values: size ? [{ property_id: 100, property_name: 'Size', scale_id: null, value_ids: [size === 'S' ? 1001 : 1002], values: [size] }] : [],
      }))
      return [listing.listing_id, { products, price_on_property: [], quantity_on_property: [], sku_on_property: i === 0 ? [100] : [] }]
    }),
  )
}

interface InventoryPut {
  products?: { sku?: string; property_values?: EtsyInventory['products'][number]['property_values']; offerings?: { price?: unknown; quantity?: unknown; is_enabled?: unknown }[] }[]
  price_on_property?: number[]
  quantity_on_property?: number[]
  sku_on_property?: number[]
}

/** What Etsy refuses in an updateListingInventory body, or null. */
function refusedInventory(body: InventoryPut | null): string | null {
  if (!body || !Array.isArray(body.products) || body.products.length === 0) return 'products is required'
  const skus = body.products.map((p) => p.sku ?? '')
  if (new Set(skus.filter(Boolean)).size !== skus.filter(Boolean).length) return 'SKUs must be unique within a listing'
  for (const [i, product] of body.products.entries()) {
    if (!Array.isArray(product.offerings) || product.offerings.length !== 1) return `products[${i}].offerings must hold exactly one offering`
    const { price, quantity, is_enabled } = product.offerings[0]!
    if (typeof price !== 'number' || price < 0.2 || price > 50000) return `products[${i}]: Price must be between 0.20 and 50000.00`
    if (!Number.isInteger(quantity) || (quantity as number) < 0 || (quantity as number) > 999) return `products[${i}]: Quantity must be between 0 and 999`
    if (typeof is_enabled !== 'boolean') return `products[${i}].offerings[0].is_enabled is required`
  }
  return null
}

/** The OpenAPI document gives every getShopReceipts timestamp filter `minimum: 946684800`; Etsy refuses anything earlier. */
function refusedTimestampFilter(c: Context): string | null {
  for (const name of ['min_created', 'max_created', 'min_last_modified', 'max_last_modified']) {
    const value = c.req.query(name)
    if (value !== undefined && !(Number.isInteger(Number(value)) && Number(value) >= 946684800)) return `Expected int >= 946684800 for ${name}, but found ${value}`
  }
  return null
}

export function createEtsySimulator(options: EtsySimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const receipts = seedReceipts(clock.now())
  const listings = seedListings(clock.now())
  const inventories = seedInventories(listings)
  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 10, windowMs: 1000 }), clock })
  const redirectUris = options.redirectUris ?? []
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: etsyDemo.keystring, clientSecret: etsyDemo.sharedSecret, redirectUris }],
    clientAuth: 'none',
    pkce: 'required',
    accessTtlSeconds: options.accessTtlSeconds ?? 3600,
    refreshTtlSeconds: 90 * 24 * 3600,
    rotation: 'strict',
    tokenFormat: {
      access: (account) => `${account}.${crypto.randomUUID().replace(/-/g, '')}`,
      refresh: (account) => `${account}.${crypto.randomUUID().replace(/-/g, '')}${crypto.randomUUID().replace(/-/g, '')}`,
    },
    tokenBody: (t) => ({ access_token: t.access_token, token_type: 'Bearer', expires_in: t.expires_in, ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}) }),
    account: () => etsyDemo.userId,
    appName: 'kopru',
    providerName: 'Etsy',
  })

  const app = new Hono()
  oauth.mount(app, { authorize: '/oauth/connect', token: '/v3/public/oauth/token', revoke: '/v3/public/oauth/revoke' })

  const etsyError = (c: Context, status: 400 | 401 | 403 | 404 | 429, error: string, description?: string) =>
    c.json({ error, ...(description ? { error_description: description } : {}) }, status)

  app.use('/v3/application/*', async (c, next) => {
    if (c.req.header('x-api-key') !== etsyDemo.keystring) return etsyError(c, 403, 'Invalid API key')
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    const grant = oauth.authenticate(token)
    if (!grant) return etsyError(c, 401, 'invalid_token', 'access token is invalid or expired')
    const slot = quota.take(etsyDemo.keystring)
    if (!slot.ok) {
      c.header('Retry-After', String(slot.retryAfterSeconds))
      return etsyError(c, 429, 'Too many requests')
    }
    await next()
  })

  app.get('/v3/application/users/me', (c) => c.json({ user_id: Number(etsyDemo.userId), shop_id: etsyDemo.shopId }))

  const page = <T>(c: Context, items: T[]) => {
    const limit = Number(c.req.query('limit') ?? 25)
    const offset = Number(c.req.query('offset') ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
      return etsyError(c, 400, 'limit must be between 1 and 100 and offset >= 0')
    }
    return c.json({ count: items.length, results: items.slice(offset, offset + limit) })
  }

  app.get('/v3/application/shops/:shopId/receipts', (c) => {
    if (c.req.param('shopId') !== String(etsyDemo.shopId)) return etsyError(c, 403, 'shop does not belong to this user')
    const refused = refusedTimestampFilter(c)
    if (refused) return etsyError(c, 400, refused)
    const minCreated = Number(c.req.query('min_created') ?? 0)
    const maxCreated = Number(c.req.query('max_created') ?? Number.MAX_SAFE_INTEGER)
    const ascending = c.req.query('sort_order') === 'asc'
    const matching = receipts
      .filter((r) => r.create_timestamp >= minCreated && r.create_timestamp <= maxCreated)
      .sort((a, b) => (ascending ? 1 : -1) * (a.create_timestamp - b.create_timestamp))
    return page(c, matching)
  })
  app.get('/v3/application/shops/:shopId/receipts/:receiptId', (c) => {
    const receipt = receipts.find((r) => String(r.receipt_id) === c.req.param('receiptId'))
    return receipt && c.req.param('shopId') === String(etsyDemo.shopId) ? c.json(receipt) : etsyError(c, 404, 'Receipt not found')
  })
  app.post('/v3/application/shops/:shopId/receipts/:receiptId/tracking', async (c) => {
    const receipt = receipts.find((r) => String(r.receipt_id) === c.req.param('receiptId'))
    if (!receipt || c.req.param('shopId') !== String(etsyDemo.shopId)) return etsyError(c, 404, 'Receipt not found')
    if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return etsyError(c, 400, 'Expected an application/x-www-form-urlencoded body')
    const form = new URLSearchParams(await c.req.text())
    const trackingCode = form.get('tracking_code')
    const carrierName = form.get('carrier_name')
    if (!trackingCode || !carrierName) return etsyError(c, 400, 'tracking_code and carrier_name are required')
    receipt.shipments = [...(receipt.shipments ?? []), { carrier_name: carrierName, tracking_code: trackingCode, shipment_notification_timestamp: Math.floor(clock.now() / 1000) }]
    receipt.is_shipped = true
    return c.json(receipt)
  })
  app.get('/v3/application/shops/:shopId/listings', (c) => {
    const state = c.req.query('state') ?? 'active'
    return page(c, listings.filter((l) => l.state === state))
  })
  app.get('/v3/application/listings/:listingId', (c) => {
    const listing = listings.find((l) => String(l.listing_id) === c.req.param('listingId'))
    return listing ? c.json(listing) : etsyError(c, 404, 'Listing not found')
  })
  app.get('/v3/application/listings/:listingId/inventory', (c) => {
    const inventory = inventories.get(Number(c.req.param('listingId')))
    return inventory ? c.json(inventory) : etsyError(c, 404, 'Listing not found')
  })
  app.put('/v3/application/listings/:listingId/inventory', async (c) => {
    const listing = listings.find((l) => String(l.listing_id) === c.req.param('listingId'))
    const current = listing && inventories.get(listing.listing_id)
    if (!listing || !current) return etsyError(c, 404, 'Listing not found')
    const body = (await c.req.json().catch(() => null)) as InventoryPut | null
    const refused = refusedInventory(body)
    if (refused) return etsyError(c, 400, refused)
    const currency = current.products[0]?.offerings[0]?.price.currency_code ?? 'USD'
    const updated: EtsyInventory = {
      products: body!.products!.map((product) => {
        const kept = current.products.find((p) => p.sku === product.sku)
        const offer = product.offerings![0]!
        return {
          product_id: kept?.product_id ?? listing.listing_id * 10 + 1,
          sku: product.sku ?? '',
          is_deleted: false,
          offerings: [{ offering_id: kept?.offerings[0]?.offering_id ?? listing.listing_id * 10 + 2, quantity: offer.quantity as number, is_enabled: offer.is_enabled as boolean, is_deleted: false, price: { amount: Math.round((offer.price as number) * 100), divisor: 100, currency_code: currency } }],
          property_values: product.property_values ?? [],
        }
      }),
      price_on_property: body!.price_on_property ?? [],
      quantity_on_property: body!.quantity_on_property ?? [],
      sku_on_property: body!.sku_on_property ?? [],
    }
    inventories.set(listing.listing_id, updated)
    listing.skus = updated.products.map((p) => p.sku!).filter(Boolean)
    listing.quantity = updated.products.reduce((sum, p) => sum + p.offerings[0]!.quantity, 0)
    listing.price = updated.products[0]!.offerings[0]!.price
    return c.json(updated)
  })
  app.notFound((c) => etsyError(c, 404, `No route ${c.req.method} ${c.req.path}`))

  return {
    app,
    oauth,
    receipts,
    listings,
    inventories,
    quota,
    /** Registers kopru's callback URL for the demo app (Etsy: exact redirect URIs per app). */
    allowRedirect: (uri: string) => void redirectUris.push(uri),
    demo: { credentials: {} },
    demoOAuth: {
      allowRedirect: (uri: string) => void redirectUris.push(uri),
      app: { clientId: etsyDemo.keystring, clientSecret: etsyDemo.sharedSecret },
      grant: () => {
        const minted = oauth.mint({ account: etsyDemo.userId, clientId: etsyDemo.keystring, scope: 'transactions_r listings_r shops_r' })
        return {
          tokens: { ...minted, expires_at: new Date(clock.now() + minted.expires_in * 1000).toISOString(), api_key: etsyDemo.keystring },
          metadata: {},
        }
      },
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type EtsySimulator = ReturnType<typeof createEtsySimulator>
