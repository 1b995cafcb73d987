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
 *   timestamp filters `minimum: 946684800`.
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { fixedWindowQuota, seededRandom, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import type { EtsyListingWire as EtsyListing, EtsyMoney, EtsyReceiptWire as EtsyReceipt } from './wire.js'

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
    skus: [`SKU-${i + 1}`],
    taxonomy_id: 1000 + i,
    updated_timestamp: Math.floor(now / 1000) - 3600,
    last_modified_timestamp: Math.floor(now / 1000) - 3600,
  }))
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
  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 10, windowMs: 1000 }), clock })
  const redirectUris = options.redirectUris ?? []
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: etsyDemo.keystring, clientSecret: etsyDemo.sharedSecret, redirectUris }],
    clientAuth: 'none',
    pkce: 'required',
    accessTtlSeconds: 3600,
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
  app.get('/v3/application/shops/:shopId/listings', (c) => {
    const state = c.req.query('state') ?? 'active'
    return page(c, listings.filter((l) => l.state === state))
  })
  app.get('/v3/application/listings/:listingId', (c) => {
    const listing = listings.find((l) => String(l.listing_id) === c.req.param('listingId'))
    return listing ? c.json(listing) : etsyError(c, 404, 'Listing not found')
  })
  app.notFound((c) => etsyError(c, 404, `No route ${c.req.method} ${c.req.path}`))

  return {
    app,
    oauth,
    receipts,
    listings,
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
