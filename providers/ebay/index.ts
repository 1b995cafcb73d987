/**
 * eBay Sell APIs (https://developer.ebay.com/api-docs/sell/fulfillment): OAuth authorization code grant
 * where `redirect_uri` is the app's RuName (eBay maps it to the accept URL registered with it), client
 * authentication with HTTP Basic, 2-hour user access tokens and 18-month refresh tokens that are not
 * rotated (a refresh response has no refresh_token). Orders through getOrders (limit/offset paging);
 * fulfillments through createShippingFulfillment.
 */
import { z } from 'zod'
import {
  KopruError,
  operationsOf,
  defineProvider,
  oauth2Auth,
  parsePageState,
  parseWire,
  settledInventoryJob,
  type ListOrdersInput,
  type OAuthContext as Ctx,
  type OAuthCredentials,
  type Page,
} from '../../src/core/provider-kit/index.js'
import type { Order } from '../../src/models/index.js'
import { createEbayFulfillment } from './fulfillment.js'
import { updateEbayInventory } from './inventory.js'
import { getEbayProduct, listEbayProducts } from './products.js'
import { toUnifiedOrder } from './mapping.js'
import { ebayOrderPageWire, ebayOrderWire, ebayUserWire } from './wire.js'

const offsetState = z.object({ o: z.number().int().min(0) })
const EBAY = { id: 'ebay', name: 'eBay' }

/** getOrders `filter`: creationdate:[from..to] and lastmodifieddate:[from..] (ISO 8601 UTC). */
function ordersFilter(input: ListOrdersInput): string | undefined {
  const parts: string[] = []
  if (input.createdAfter || input.createdBefore) {
    parts.push(`creationdate:[${input.createdAfter?.toISOString() ?? ''}..${input.createdBefore?.toISOString() ?? ''}]`)
  }
  if (input.updatedAfter) parts.push(`lastmodifieddate:[${input.updatedAfter.toISOString()}..]`)
  return parts.length ? parts.join(',') : undefined
}

async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const offset = parsePageState(offsetState, input.page)?.o ?? 0
  const response = await ctx.request({
    path: '/sell/fulfillment/v1/order',
    query: { limit: Math.min(input.limit, 200), offset, filter: ordersFilter(input) },
  })
  const page = parseWire(EBAY, ebayOrderPageWire, response.data, 'a getOrders answer')
  const orders = page.orders ?? []
  const raws = (response.data as { orders?: unknown[] }).orders ?? []
  const data = orders.map((order, i) => toUnifiedOrder(order, ctx.connection.id, ctx.log, raws[i])).filter((o) => !input.status || o.status === input.status)
  return { data, next: page.next && orders.length > 0 ? { o: offset + orders.length } : null }
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  if (!/^[0-9A-Za-z-]{1,40}$/.test(id)) throw new KopruError('not_found', `eBay has no order '${id}'`)
  const response = await ctx.request({ path: `/sell/fulfillment/v1/order/${id}` })
  return toUnifiedOrder(parseWire(EBAY, ebayOrderWire, response.data, 'a getOrder answer'), ctx.connection.id, ctx.log, response.data)
}

export const ebay = defineProvider<OAuthCredentials>({
  id: 'ebay',
  name: 'eBay',
  kind: 'marketplace',
  auth: oauth2Auth({
    authorize: { host: 'auth', path: '/oauth2/authorize' },
    token: { path: '/identity/v1/oauth2/token' },
    clientAuth: 'basic',
    defaultScopes: ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/sell.fulfillment', 'https://api.ebay.com/oauth/api_scope/sell.inventory'],
    // User access tokens live 7200 s.
    refreshWindowMs: 10 * 60_000,
    // eBay's redirect_uri is the RuName of the app, in both the consent URL and the code exchange.
    redirectUri: ({ app, callbackUrl }) => app.settings.ru_name ?? callbackUrl,
    accountKey: 'user_id',
  }),
  baseUrls: { production: 'https://api.ebay.com', sandbox: 'https://api.sandbox.ebay.com' },
  hosts: {
    auth: { production: 'https://auth.ebay.com', sandbox: 'https://auth.sandbox.ebay.com' },
    identity: { production: 'https://apiz.ebay.com', sandbox: 'https://apiz.sandbox.ebay.com' },
  },
  // Sell Fulfillment API: 100,000 calls per day per application.
  quotas: [{ group: 'default', limit: 100_000, intervalMs: 24 * 3600_000, scope: 'app' }],
  operations: operationsOf({ listOrders, getOrder, createFulfillment: createEbayFulfillment, inventoryJob: settledInventoryJob,
    listProducts: listEbayProducts, getProduct: getEbayProduct, updateInventory: updateEbayInventory }),
  proxy: {},
  async verifyCredentials(ctx) {
    const response = await ctx.request({ host: 'identity', path: '/commerce/identity/v1/user/' })
    const user = parseWire(EBAY, ebayUserWire, response.data, 'a getUser answer')
    return { user_id: user.userId, username: user.username ?? null }
  },
  parseError({ data }) {
    const first = (data as { errors?: { errorId?: number; message?: string; longMessage?: string }[] } | null)?.errors?.[0]
    return { code: first?.errorId === undefined ? undefined : String(first.errorId), message: first?.longMessage ?? first?.message }
  },
  simulator: async () => (await import('./simulator.js')).createEbaySimulator(),
})
