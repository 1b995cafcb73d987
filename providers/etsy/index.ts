/**
 * Etsy Open API v3 (https://developers.etsy.com/documentation): OAuth 2.0 authorization code grant with
 * mandatory PKCE S256, public client (client_id = the app keystring, no secret at the token endpoint),
 * 1-hour access tokens and 90-day refresh tokens, every call with `x-api-key: <keystring>` and a Bearer token.
 */
import { z } from 'zod'
import {
  KopruError,
  bearerToken,
  operationsOf,
  defineProvider,
  oauth2Auth,
  oauthTokensSchema,
  parsePageState,
  parseWire,
  settledInventoryJob,
  type ListInput,
  type ListOrdersInput,
  type OperationContext,
  type Page,
} from '../../src/core/provider-kit/index.js'
import type { Order, Product } from '../../src/models/index.js'
import { createEtsyFulfillment } from './fulfillment.js'
import { updateEtsyInventory } from './inventory.js'
import { toUnifiedOrder, toUnifiedProduct } from './mapping.js'
import { etsyListingWire, etsyMeWire, etsyPageWire, etsyReceiptWire } from './wire.js'

const credentialsSchema = oauthTokensSchema.extend({ api_key: z.string().min(1) })
type Credentials = z.infer<typeof credentialsSchema>
type Ctx = OperationContext<Credentials>

const offsetState = z.object({ o: z.number().int().min(0) })
const ETSY = { id: 'etsy', name: 'Etsy' }

/** getShopReceipts: min_created, max_created and min_last_modified have `minimum: 946684800` (2000-01-01) in the OpenAPI document. */
export const ETSY_MIN_TIMESTAMP = 946_684_800
const etsySeconds = (date: Date | undefined) => (date ? Math.max(ETSY_MIN_TIMESTAMP, Math.floor(date.getTime() / 1000)) : undefined)
const rawResults = (data: unknown) => (data as { results: unknown[] }).results

const shopIdOf = (ctx: Ctx): string => {
  const shopId = ctx.connection.metadata.shop_id
  if (typeof shopId !== 'string' || !/^\d+$/.test(shopId)) throw new KopruError('provider_error', 'this Etsy connection has no shop')
  return shopId
}

async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const offset = parsePageState(offsetState, input.page)?.o ?? 0
  const response = await ctx.request({
    path: `/v3/application/shops/${shopIdOf(ctx)}/receipts`,
    query: {
      limit: Math.min(input.limit, 100),
      offset,
      sort_on: 'created',
      sort_order: 'desc',
      min_created: etsySeconds(input.createdAfter),
      max_created: etsySeconds(input.createdBefore),
      min_last_modified: etsySeconds(input.updatedAfter),
      was_canceled: input.status === 'cancelled' ? true : undefined,
    },
  })
  const page = parseWire(ETSY, etsyPageWire(etsyReceiptWire), response.data, 'a getShopReceipts answer')
  const results = page.results
  const data = results.map((receipt, i) => toUnifiedOrder(receipt, ctx.connection.id, ctx.log, rawResults(response.data)[i])).filter((order) => !input.status || order.status === input.status)
  const next = offset + results.length < page.count && results.length > 0 ? { o: offset + results.length } : null
  return { data, next }
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Etsy has no receipt '${id}'`)
  const response = await ctx.request({ path: `/v3/application/shops/${shopIdOf(ctx)}/receipts/${id}` })
  return toUnifiedOrder(parseWire(ETSY, etsyReceiptWire, response.data, 'a getShopReceipt answer'), ctx.connection.id, ctx.log, response.data)
}

async function listProducts(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const offset = parsePageState(offsetState, input.page)?.o ?? 0
  const response = await ctx.request({
    path: `/v3/application/shops/${shopIdOf(ctx)}/listings`,
    query: { limit: Math.min(input.limit, 100), offset, state: 'active' },
  })
  const page = parseWire(ETSY, etsyPageWire(etsyListingWire), response.data, 'a getListingsByShop answer')
  const results = page.results
  const next = offset + results.length < page.count && results.length > 0 ? { o: offset + results.length } : null
  return { data: results.map((listing, i) => toUnifiedProduct(listing, ctx.connection.id, ctx.log, rawResults(response.data)[i])), next }
}

async function getProduct(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Etsy has no listing '${id}'`)
  const response = await ctx.request({ path: `/v3/application/listings/${id}` })
  return toUnifiedProduct(parseWire(ETSY, etsyListingWire, response.data, 'a getListing answer'), ctx.connection.id, ctx.log, response.data)
}

export const etsy = defineProvider<Credentials>({
  id: 'etsy',
  name: 'Etsy',
  kind: 'marketplace',
  website: 'https://www.etsy.com',
  auth: oauth2Auth(
    {
      authorize: { host: 'www', path: '/oauth/connect' },
      token: { path: '/v3/public/oauth/token' },
      clientAuth: 'none',
      defaultScopes: ['transactions_r', 'transactions_w', 'listings_r', 'listings_w', 'shops_r'],
      // Access tokens live one hour: the kit's five-minute refresh margin.
      credentialExtras: (app) => ({ api_key: app.clientId }),
      accountKey: 'user_id',
    },
    {
      schema: credentialsSchema,
      // Every call names the app (the keystring) besides the user's token.
      apply(request, credentials) {
        request.headers.set('x-api-key', credentials.api_key)
        bearerToken(request, credentials)
      },
    },
  ),
  baseUrls: { production: 'https://api.etsy.com', sandbox: 'https://api.etsy.com' },
  hosts: { www: { production: 'https://www.etsy.com', sandbox: 'https://www.etsy.com' } },
  // "Rate limits": 10 requests per second and 10,000 per day, per app.
  quotas: [
    { group: 'default', limit: 10, intervalMs: 1000, scope: 'app' },
    { group: 'daily', limit: 10_000, intervalMs: 24 * 3600_000, scope: 'app' },
  ],
  operations: operationsOf<Credentials>({
    listOrders,
    getOrder,
    createFulfillment: (ctx, input) => createEtsyFulfillment(ctx, input, shopIdOf(ctx)),
    listProducts,
    getProduct,
    updateInventory: (ctx, input) => updateEtsyInventory(ctx, input, shopIdOf(ctx)),
    inventoryJob: settledInventoryJob,
  }),
  proxy: {},
  async verifyCredentials(ctx) {
    const response = await ctx.request({ path: '/v3/application/users/me' })
    const me = parseWire(ETSY, etsyMeWire, response.data, 'a getMe answer')
    if (!me.shop_id) throw new KopruError('invalid_request', 'this Etsy account has no shop to connect')
    return { user_id: String(me.user_id), shop_id: String(me.shop_id) }
  },
  parseError({ data }) {
    const body = data as { error?: string; error_description?: string } | null
    return { code: body?.error, message: body?.error_description ?? body?.error }
  },
  simulator: async () => (await import('./simulator.js')).createEtsySimulator(),
})
