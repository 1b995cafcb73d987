/**
 * Shopify on the GraphQL Admin API (https://shopify.dev/docs/api/admin-graphql, version pinned in api.ts; the
 * REST Admin API is legacy since 2024-10-01 and closed to new public apps since 2025-04-01): per-shop host
 * `https://{shop}`, OAuth authorization code grant on the shop (`/admin/oauth/authorize`,
 * `/admin/oauth/access_token`) with an HMAC-signed callback, expiring offline tokens (1 hour, refresh token
 * rotated on every refresh), and `X-Shopify-Access-Token` on every call. Limited by calculated query cost
 * (a bucket per app and shop), which the quota engine's cost bucket follows.
 */
import { z } from 'zod'
import { defineProvider, hmacSha256Hex, oauthTokensSchema, operationsOf, timingSafeEqual } from '../../src/core/provider-kit/index.js'
import { SHOPIFY_GRAPHQL_PATH, SHOPIFY_MAX_QUERY_COST, SHOPIFY_SCOPES } from './api.js'
import { fromGid, graphql, readShopifyCost } from './graphql.js'
import { shopDataWire } from './graphql-wire.js'
import { updateInventory, inventoryJob } from './inventory.js'
import { createFulfillment, getOrder, listOrders } from './orders.js'
import { getProduct, listProducts } from './products.js'
import { SHOP_QUERY } from './queries.js'
import { shopifyWebhooks } from './webhooks.js'

export { SHOPIFY_API_VERSION } from './api.js'

const credentialsSchema = oauthTokensSchema
export type Credentials = z.infer<typeof credentialsSchema>

const shopSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
  .transform((value) => (value.includes('.') ? value : `${value}.myshopify.com`))
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'enter your store address, like your-store.myshopify.com'))

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
      defaultScopes: SHOPIFY_SCOPES,
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
  // Calculated query cost per app and shop: Standard plans restore 100 points/s (Advanced 200, Plus 1000);
  // the bucket read from `throttleStatus` replaces these figures after the first answer.
  quotas: [
    {
      group: 'graphql',
      limit: 100,
      intervalMs: 1000,
      scope: 'credential',
      description: 'cost bucket: 100 points/s restored (Standard plan), resynced from throttleStatus',
      paths: new RegExp(`^${SHOPIFY_GRAPHQL_PATH.replace(/\./g, '\\.')}$`),
      cost: { capacity: 2000, restorePerSecond: 100, defaultCost: SHOPIFY_MAX_QUERY_COST, read: readShopifyCost },
    },
    // Every other path (a `/v1/proxy` call to the legacy REST Admin API, say) is not charged GraphQL points: REST
    // has its own leaky bucket per app and shop, 40 requests leaking 2 per second on Standard plans (shopify.dev
    // "REST Admin API rate limits"). Its steady rate, so kopru never outruns the bucket however full it is.
    { group: 'default', limit: 2, intervalMs: 1000, scope: 'credential', description: 'REST Admin API: leaky bucket of 40, 2 requests/s leak (Standard plan)' },
  ],
  operations: operationsOf({ listOrders, getOrder, createFulfillment, listProducts, getProduct, updateInventory, inventoryJob }),
  proxy: {},
  webhooks: shopifyWebhooks,
  async verifyCredentials(ctx) {
    const { shop, location } = await graphql(ctx, SHOP_QUERY, {}, shopDataWire)
    return { shop_name: shop.name, currency: shop.currencyCode, ...(location ? { location_id: fromGid(location.id) } : {}) }
  },
  parseError({ data }) {
    const body = data as { errors?: unknown } | null
    const errors = body?.errors
    return { message: typeof errors === 'string' ? errors : errors ? JSON.stringify(errors) : undefined }
  },
  simulator: async () => (await import('./simulator.js')).createShopifySimulator(),
})
