/**
 * A faithful fake of the Shopify Admin REST API and Shopify's OAuth, for the demo and the tests.
 *
 * Sources:
 * - shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant:
 *   GET https://{shop}/admin/oauth/authorize?client_id&scope (comma-separated)&redirect_uri&state; the
 *   redirect back carries code, hmac, host, shop, state, timestamp, signed with HMAC-SHA256 (client secret)
 *   over the sorted other parameters; POST https://{shop}/admin/oauth/access_token {client_id,
 *   client_secret, code} -> {access_token, scope}.
 * - shopify.dev/changelog/offline-access-tokens-now-support-expiry-and-refresh (Dec 2025): with
 *   `expiring=1`, offline tokens expire after 3600 s and come with refresh_token / refresh_token_expires_in;
 *   grant_type=refresh_token returns a new pair ("Shopify replaces its refresh token every time").
 * - shopify.dev/changelog/more-resilient-refreshes-for-expiring-offline-access-tokens (Aug 2026): the
 *   previous refresh token keeps working until the app starts using its replacement.
 * - Admin REST reference: Order and Product resources, `X-Shopify-Access-Token`, 401
 *   `{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}`, cursor
 *   paging with `Link: <…page_info=…>; rel="next"` (filters not allowed with page_info), limit ≤ 250,
 *   429 with Retry-After when the 40-request bucket (leaking 2/s) overflows.
 * - Webhooks: the Admin REST "Webhook" resource (POST/GET webhooks.json, DELETE webhooks/{id}.json, 422
 *   `{errors: {field: [...]}}`), and "Deliver webhooks through HTTPS": `X-Shopify-Hmac-Sha256` (base64
 *   HMAC-SHA256 of the raw body with the app's client secret), `X-Shopify-Topic`, `X-Shopify-Webhook-Id`,
 *   `X-Shopify-Triggered-At`, `X-Shopify-Shop-Domain`.
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { fixedWindowQuota, seededRandom, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { bytesToBase64Url, base64UrlToBytes, hmacSha256Base64 } from '../../src/core/provider-kit/index.js'
import { shopifyCallbackSignature } from './index.js'
import { SHOPIFY_API_VERSION, SHOPIFY_GRAPHQL_PATH, SHOPIFY_SCOPES } from './api.js'
import { costBucket, executeGraphql, type GraphqlStore } from './simulator-graphql.js'
import type { ShopifyOrderWire, ShopifyProductWire as ShopifyProduct } from './wire.js'

/** The Order resource as the simulator keeps it (always with `updated_at` and `order_number`). */
type ShopifyOrder = ShopifyOrderWire & { updated_at: string; order_number: number }

export const shopifyDemo = {
  shop: 'kopru-demo.myshopify.com',
  clientId: 'shpdemo0c1i3nt1d',
  clientSecret: 'shpss_demo_client_secret_7f2a',
}

export interface ShopifySimulatorOptions {
  clock?: SimulatorClock
  redirectUris?: string[]
  shop?: string
  /** The app's cost bucket on the shop (Standard plan: 100 points/s restored). */
  bucket?: { maximumAvailable?: number; restoreRate?: number }
  /** Extra products with one variant each, SKUs `BULK-00001`…, for large stock batches. */
  bulkSkus?: number
  /** The scopes the demo grant holds (default: all kopru asks for). */
  scopes?: string[]
}

const PRIMARY_LOCATION_ID = 70_000_000_001

/** Lines the seed already shows as fulfilled count as fully fulfilled. */
const fulfilledOf = (orders: ShopifyOrder[]) => new Map(orders.flatMap((o) => o.line_items.filter((l) => l.fulfillment_status === 'fulfilled').map((l) => [l.id, l.quantity] as [number, number])))

function seedOrders(now: number): ShopifyOrder[] {
  const random = seededRandom(1001)
  const plan: { financial: string; fulfillment: string | null; cancelled?: boolean; closed?: boolean }[] = [
    { financial: 'paid', fulfillment: null },
    { financial: 'paid', fulfillment: 'partial' },
    { financial: 'paid', fulfillment: 'fulfilled', closed: true },
    { financial: 'pending', fulfillment: null },
    { financial: 'refunded', fulfillment: null, cancelled: true },
    { financial: 'partially_refunded', fulfillment: 'fulfilled' },
    { financial: 'authorized', fulfillment: null },
  ]
  return plan.map((p, i) => {
    const quantity = random.int(1, 3)
    const price = `${random.int(10, 90)}.${random.int(10, 99)}`
    const cents = Math.round(Number(price) * 100) * quantity
    const tax = Math.round(cents * 0.08)
    const at = new Date(now - (i + 1) * 5 * 3600_000).toISOString().replace('Z', '+00:00')
    return {
      id: 5_600_000_000 + i,
      name: `#${1001 + i}`,
      order_number: 1001 + i,
      created_at: at,
      updated_at: at,
      cancelled_at: p.cancelled ? at : null,
      closed_at: p.closed ? at : null,
      financial_status: p.financial,
      fulfillment_status: p.fulfillment,
      currency: 'USD',
      subtotal_price: (cents / 100).toFixed(2),
      total_price: ((cents + tax + 500) / 100).toFixed(2),
      total_tax: (tax / 100).toFixed(2),
      total_discounts: '0.00',
      total_shipping_price_set: { shop_money: { amount: '5.00', currency_code: 'USD' } },
      email: `customer${i}@example.com`,
      phone: null,
      customer: { first_name: 'Sam', last_name: `Rivera ${i}`, email: `customer${i}@example.com`, phone: null },
      shipping_address: { first_name: 'Sam', last_name: `Rivera ${i}`, name: `Sam Rivera ${i}`, address1: `${10 + i} Queen St`, address2: null, city: 'Ottawa', province: 'Ontario', zip: 'K1P 1J9', country_code: 'CA', phone: null, company: null },
      billing_address: null,
      line_items: [{ id: 13_000_000_000 + i, sku: `TEE-${i}`, title: 'Organic cotton tee', quantity, price, product_id: 7_000_000_000 + (i % 2), fulfillment_status: p.fulfillment === 'fulfilled' ? 'fulfilled' : null, tax_lines: [{ rate: 0.08, price: (tax / 100).toFixed(2) }] }],
      fulfillments: p.fulfillment ? [{ tracking_company: 'Canada Post', tracking_number: `7023${i}1234567`, tracking_url: 'https://www.canadapost-postescanada.ca/track-reperage/en', created_at: at }] : [],
    }
  })
}

const seedProducts = (now: number): ShopifyProduct[] =>
  [0, 1].map((i) => ({
    id: 7_000_000_000 + i,
    title: ['Organic cotton tee', 'Canvas tote'][i]!,
    vendor: 'Kopru Demo',
    product_type: ['Shirts', 'Bags'][i]!,
    status: 'active',
    handle: ['organic-cotton-tee', 'canvas-tote'][i]!,
    updated_at: new Date(now - 86400_000).toISOString(),
    variants: [{ id: 40_000_000_000 + i, sku: `TEE-${i}`, barcode: null, price: ['24.00', '18.50'][i]!, compare_at_price: i === 0 ? '29.00' : null, inventory_quantity: 12 + i }],
    images: [{ src: `https://cdn.shopify.com/s/files/demo/${i}.jpg` }],
  }))

const bulkProducts = (count: number, now: number): ShopifyProduct[] =>
  Array.from({ length: count }, (_, i) => ({
    id: 7_100_000_000 + i,
    title: `Bulk item ${i + 1}`,
    vendor: 'Kopru Demo',
    product_type: 'Bulk',
    status: 'active',
    handle: `bulk-item-${i + 1}`,
    updated_at: new Date(now - 86400_000).toISOString(),
    variants: [{ id: 41_000_000_000 + i, sku: `BULK-${String(i + 1).padStart(5, '0')}`, barcode: null, price: '10.00', compare_at_price: null, inventory_quantity: 0 }],
    images: [],
  }))

export function createShopifySimulator(options: ShopifySimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const shop = options.shop ?? shopifyDemo.shop
  const orders = seedOrders(clock.now())
  const products = [...seedProducts(clock.now()), ...bulkProducts(options.bulkSkus ?? 0, clock.now())]
  const redirectUris = options.redirectUris ?? []
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: shopifyDemo.clientId, clientSecret: shopifyDemo.clientSecret, redirectUris }],
    clientAuth: 'post',
    pkce: 'ignored',
    accessTtlSeconds: 3600,
    refreshTtlSeconds: 90 * 24 * 3600,
    rotation: 'grace',
    tokenFormat: { access: () => `shpat_${crypto.randomUUID().replace(/-/g, '')}`, refresh: () => `shprt_${crypto.randomUUID().replace(/-/g, '')}` },
    tokenBody: (t) => ({
      access_token: t.access_token,
      scope: t.scope || SHOPIFY_SCOPES.join(','),
      expires_in: t.expires_in,
      ...(t.refresh_token ? { refresh_token: t.refresh_token, refresh_token_expires_in: t.refresh_expires_in } : {}),
    }),
    async callbackParams({ client, params }) {
      const extra: Record<string, string> = {
        host: bytesToBase64Url(new TextEncoder().encode(`admin.shopify.com/store/${shop.split('.')[0]}`)),
        shop,
        timestamp: String(Math.floor(clock.now() / 1000)),
      }
      const signed = new URLSearchParams(params)
      for (const [key, value] of Object.entries(extra)) signed.set(key, value)
      return { ...extra, hmac: await shopifyCallbackSignature(signed, client.clientSecret) }
    },
    account: () => shop,
    appName: 'kopru',
    providerName: 'Shopify',
    errorBody: (error, description) => ({ error, error_description: description }),
  })

  const app = new Hono()
  oauth.mount(app, { authorize: '/admin/oauth/authorize', token: '/admin/oauth/access_token' })

  const webhooks: GraphqlStore['webhooks'] = []
  let nextId = 1_100_000_000
  const store: GraphqlStore = { shop, locationId: PRIMARY_LOCATION_ID, orders, products, webhooks, fulfillments: [], fulfilled: fulfilledOf(orders), nextId: () => nextId++, now: () => clock.now() }
  const bucket = costBucket({ ...options.bucket, clock })

  app.post(SHOPIFY_GRAPHQL_PATH, async (c) => {
    const token = oauth.authenticate(c.req.header('x-shopify-access-token'))
    if (!token) {
      return c.json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401)
    }
    const body = await c.req.json().catch(() => null)
    return c.json(executeGraphql(store, bucket, body, token.scope.split(/[\s,]+/).filter(Boolean)))
  })

  /**
   * Sends an order's current state to every subscription of `topic`, as Shopify does: raw JSON body, base64
   * HMAC-SHA256 of it under the app's client secret, a webhook id that stays the same on retries.
   */
  async function deliverWebhook(
    orderId: number,
    topic = 'orders/updated',
    send: (url: string, init: RequestInit) => Promise<Response> = fetch,
  ): Promise<{ url: string; init: RequestInit & { headers: Record<string, string>; body: string }; response: Response }[]> {
    const order = orders.find((candidate) => candidate.id === orderId)
    if (!order) throw new Error(`no order ${orderId}`)
    const body = JSON.stringify(order)
    const results = []
    for (const hook of webhooks.filter((candidate) => candidate.topic === topic)) {
      const init = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': topic,
          'x-shopify-hmac-sha256': await hmacSha256Base64(shopifyDemo.clientSecret, body),
          'x-shopify-shop-domain': shop,
          'x-shopify-api-version': SHOPIFY_API_VERSION,
          'x-shopify-webhook-id': crypto.randomUUID(),
          'x-shopify-triggered-at': new Date(clock.now()).toISOString(),
        },
        body,
      }
      results.push({ url: hook.address, init, response: await send(hook.address, init) })
    }
    return results
  }

  app.notFound((c) => c.json({ errors: 'Not Found' }, 404))

  return {
    webhooks,
    store,
    bucket,
    deliverWebhook,
    app,
    oauth,
    orders,
    products,
    shop,
    allowRedirect: (uri: string) => void redirectUris.push(uri),
    demo: { credentials: {} },
    demoOAuth: {
      allowRedirect: (uri: string) => void redirectUris.push(uri),
      app: { clientId: shopifyDemo.clientId, clientSecret: shopifyDemo.clientSecret },
      grant: () => {
        const minted = oauth.mint({ account: shop, clientId: shopifyDemo.clientId, scope: (options.scopes ?? SHOPIFY_SCOPES).join(',') })
        return { tokens: { ...minted, expires_at: new Date(clock.now() + minted.expires_in * 1000).toISOString() }, metadata: { shop } }
      },
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type ShopifySimulator = ReturnType<typeof createShopifySimulator>
