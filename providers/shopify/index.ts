/**
 * Shopify Admin REST API (https://shopify.dev/docs/api/admin-rest): per-shop host `https://{shop}`,
 * OAuth authorization code grant on the shop (`/admin/oauth/authorize`, `/admin/oauth/access_token`) with an
 * HMAC-signed callback, expiring offline tokens (1 hour, refresh token rotated on every refresh), and
 * `X-Shopify-Access-Token` on every call. Cursor paging through the `Link` header (`page_info`).
 */
import { z } from 'zod'
import {
  KopruError,
  defineProvider,
  hmacSha256Hex,
  oauthTokensSchema,
  parsePageState,
  parseWire,
  timingSafeEqual,
  type ListInput,
  type ListOrdersInput,
  type OperationContext,
  type Page,
  type UpstreamResponse,
} from '../../src/core/provider-kit/index.js'
import type { Order, Product } from '../../src/models/index.js'
import { toUnifiedOrder, toUnifiedProduct } from './mapping.js'
import { shopifyOrderResponseWire, shopifyOrdersWire, shopifyProductResponseWire, shopifyProductsWire, shopifyShopWire } from './wire.js'
import { api } from './api.js'
import { shopifyWebhooks } from './webhooks.js'

export { SHOPIFY_API_VERSION } from './api.js'

const credentialsSchema = oauthTokensSchema
export type Credentials = z.infer<typeof credentialsSchema>
type Ctx = OperationContext<Credentials>

const shopSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
  .transform((value) => (value.includes('.') ? value : `${value}.myshopify.com`))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'enter your store address, like your-store.myshopify.com'))

const pageInfoState = z.object({ p: z.string().min(1).max(500) })

/** `Link: <…page_info=abc…>; rel="next"` -> `abc`. */
export function nextPageInfo(link: string | null): string | null {
  for (const part of link?.split(',') ?? []) {
    const match = /<([^>]+)>;\s*rel="next"/.exec(part)
    if (match) return new URL(match[1]!).searchParams.get('page_info')
  }
  return null
}

const shopOf = (ctx: Ctx) => String(ctx.connection.metadata.shop)
const SHOPIFY = { id: 'shopify', name: 'Shopify' }
const rawList = (data: unknown, key: string) => (data as Record<string, unknown[]>)[key]!

async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const state = parsePageState(pageInfoState, input.page)
  const limit = Math.min(input.limit, 250)
  // With page_info Shopify accepts only limit (and fields): the filters live inside the cursor.
  const query = state
    ? { limit, page_info: state.p }
    : {
        limit,
        status: input.status === 'cancelled' ? 'cancelled' : input.status === 'completed' ? 'closed' : input.status === 'open' ? 'open' : 'any',
        created_at_min: input.createdAfter?.toISOString(),
        created_at_max: input.createdBefore?.toISOString(),
        updated_at_min: input.updatedAfter?.toISOString(),
      }
  const response = await ctx.request({ path: api('/orders.json'), query })
  const { orders } = parseWire(SHOPIFY, shopifyOrdersWire, response.data, 'an orders answer')
  return pageOf(response, orders.map((order, i) => toUnifiedOrder(order, ctx.connection.id, ctx.log, rawList(response.data, 'orders')[i])))
}

function pageOf<T>(response: UpstreamResponse, data: T[]): Page<T> {
  const next = nextPageInfo(response.headers.get('link'))
  return { data, next: next ? { p: next } : null }
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Shopify has no order '${id}'`)
  const response = await ctx.request({ path: api(`/orders/${id}.json`) })
  const { order } = parseWire(SHOPIFY, shopifyOrderResponseWire, response.data, 'an order answer')
  return toUnifiedOrder(order, ctx.connection.id, ctx.log, (response.data as { order: unknown }).order)
}

const currencyOf = (ctx: Ctx) => (typeof ctx.connection.metadata.currency === 'string' ? ctx.connection.metadata.currency : 'USD')

async function listProducts(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const state = parsePageState(pageInfoState, input.page)
  const limit = Math.min(input.limit, 250)
  const response = await ctx.request({ path: api('/products.json'), query: state ? { limit, page_info: state.p } : { limit } })
  const { products } = parseWire(SHOPIFY, shopifyProductsWire, response.data, 'a products answer')
  return pageOf(response, products.map((p, i) => toUnifiedProduct(p, ctx.connection.id, shopOf(ctx), currencyOf(ctx), ctx.log, rawList(response.data, 'products')[i])))
}

async function getProduct(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Shopify has no product '${id}'`)
  const response = await ctx.request({ path: api(`/products/${id}.json`) })
  const { product } = parseWire(SHOPIFY, shopifyProductResponseWire, response.data, 'a product answer')
  return toUnifiedProduct(product, ctx.connection.id, shopOf(ctx), currencyOf(ctx), ctx.log, (response.data as { product: unknown }).product)
}

/**
 * Shopify signs the callback: HMAC-SHA256 (hex, client secret) over the other query parameters sorted by
 * name and joined as `key=value&…` ("Verify a request", shopify.dev authorization-code-grant docs).
 */
export async function shopifyCallbackSignature(params: URLSearchParams, secret: string): Promise<string> {
  const message = [...params]
    .filter(([key]) => key !== 'hmac' && key !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
  return hmacSha256Hex(secret, message)
}

export const shopify = defineProvider<Credentials>({
  id: 'shopify',
  name: 'Shopify',
  kind: 'marketplace',
  auth: {
    type: 'oauth2',
    fields: [{ name: 'shop', label: 'Store address', secret: false, description: 'your-store.myshopify.com' }],
    schema: credentialsSchema,
    apply({ headers }, credentials) {
      headers.set('x-shopify-access-token', credentials.access_token)
    },
    oauth: {
      authorize: { path: '/admin/oauth/authorize' },
      token: { path: '/admin/oauth/access_token' },
      clientAuth: 'post',
      defaultScopes: ['read_orders', 'read_products'],
      scopeSeparator: ',',
      // Expiring offline access tokens (Dec 2025): 60 minutes, refresh a few minutes early.
      refreshWindowMs: 5 * 60_000,
      tokenParams: { expiring: '1' },
      connectFields: [{ field: { name: 'shop', label: 'Store address', secret: false, description: 'your-store.myshopify.com' }, schema: shopSchema }],
      async verifyCallback({ params, app, fields }) {
        const hmac = params.get('hmac') ?? ''
        if (!timingSafeEqual(hmac, await shopifyCallbackSignature(params, app.clientSecret))) return 'The response from Shopify is not correctly signed.'
        if (params.get('shop') !== fields.shop) return `Shopify answered for ${params.get('shop') ?? 'another store'}, not ${fields.shop}.`
        return null
      },
      callbackMetadata: (params) => ({ shop: params.get('shop') ?? '' }),
      accountKey: 'shop',
    },
  },
  baseUrls: { production: 'https://{shop}', sandbox: 'https://{shop}' },
  // REST Admin API: leaky bucket of 40 requests per app and store, leaking 2 per second.
  quotas: [{ group: 'default', limit: 2, intervalMs: 1000, scope: 'credential', description: 'bucket 40, leak 2/s' }],
  operations: {
    'orders.list': listOrders,
    'orders.get': getOrder,
    'products.list': listProducts,
    'products.get': getProduct,
  },
  proxy: {},
  webhooks: shopifyWebhooks,
  async verifyCredentials(ctx) {
    const response = await ctx.request({ path: api('/shop.json') })
    const { shop } = parseWire(SHOPIFY, shopifyShopWire, response.data, 'a shop answer')
    return { shop_name: shop.name, currency: shop.currency }
  },
  parseError({ data }) {
    const body = data as { errors?: unknown } | null
    const errors = body?.errors
    return { message: typeof errors === 'string' ? errors : errors ? JSON.stringify(errors) : undefined }
  },
  simulator: async () => (await import('./simulator.js')).createShopifySimulator(),
})
