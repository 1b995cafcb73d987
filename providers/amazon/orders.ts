/**
 * Orders API 2026-01-01 (models/orders-api-model/orders_2026-01-01.json): `searchOrders`
 * (GET /orders/2026-01-01/orders) and `getOrder` (GET /orders/2026-01-01/orders/{orderId}). Both always carry
 * the order's items; `includedData` adds the datasets the unified Order needs. Amazon's migration guide
 * (developer-docs.amazon.com/sp-api/docs/orders-api-migration-guide) maps v0 getOrders → searchOrders and
 * getOrder + getOrderItems + getOrderBuyerInfo + getOrderAddress → getOrder with includedData.
 */
import { z } from 'zod'
import { KopruError, oauthTokensSchema, parsePageState, parseWire, type ListOrdersInput, type OperationContext, type Page } from '../../src/core/provider-kit/index.js'
import type { Order } from '../../src/models/index.js'
import { amazonStatusesFor, toUnifiedOrder, type AmazonOrderContext } from './mapping.js'
import { amazonGetOrderWire, amazonSearchOrdersWire, type AmazonOrder } from './wire.js'

type Ctx = OperationContext<z.infer<typeof oauthTokensSchema>>
const AMAZON = { id: 'amazon', name: 'Amazon' }
export const ORDERS_PATH = '/orders/2026-01-01/orders'
export const US_MARKETPLACE = 'ATVPDKIKX0DER'

/**
 * BUYER (name, email), RECIPIENT (delivery address), PROCEEDS (amounts of the order and its items),
 * FULFILLMENT (the status, fulfilledBy), PACKAGES (carrier, tracking number, ship time of FBM packages).
 */
export const ORDER_DATASETS = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES'] as const

/** Without a date filter, searchOrders needs createdAfter or lastUpdatedAfter: kopru looks back 90 days. */
const DEFAULT_LOOKBACK_MS = 90 * 24 * 3600_000
/** createdBefore must be at least two minutes before the request (the model's createdBefore note). */
const LATEST_BEFORE_MS = 2 * 60_000

/** The page state in kopru's cursor: Amazon's nextToken and the window the first page was asked for. */
const nextState = z.object({ n: z.string().min(1).max(4000), a: z.iso.datetime(), u: z.boolean() })

const marketplacesOf = (ctx: Ctx): string[] => {
  const ids = ctx.connection.metadata.marketplace_ids
  return Array.isArray(ids) && ids.length ? (ids as string[]).slice(0, 50) : [US_MARKETPLACE]
}

const orderContext = (ctx: Ctx, at: string): AmazonOrderContext => {
  const currencies = ctx.connection.metadata.marketplace_currencies
  return { connectionId: ctx.connection.id, log: ctx.log, at, marketplaceCurrencies: currencies && typeof currencies === 'object' ? (currencies as Record<string, string>) : {} }
}

/** searchOrders' query; a next page repeats the first page's window with the paginationToken. */
function searchQuery(ctx: Ctx, input: ListOrdersInput, state: z.infer<typeof nextState> | undefined) {
  const updated = state ? state.u : Boolean(input.updatedAfter)
  const after = state?.a ?? (input.updatedAfter ?? input.createdAfter ?? new Date(Date.now() - DEFAULT_LOOKBACK_MS)).toISOString()
  const before = input.createdBefore && !updated ? new Date(Math.min(input.createdBefore.getTime(), Date.now() - LATEST_BEFORE_MS)) : undefined
  return {
    updated,
    after,
    query: {
      marketplaceIds: marketplacesOf(ctx).join(','),
      ...(updated ? { lastUpdatedAfter: after } : { createdAfter: after, createdBefore: before && before.toISOString() > after ? before.toISOString() : undefined }),
      fulfillmentStatuses: input.status ? amazonStatusesFor(input.status).join(',') : undefined,
      maxResultsPerPage: Math.min(input.limit, 100),
      includedData: ORDER_DATASETS.join(','),
      paginationToken: state?.n,
    },
  }
}

export async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const state = parsePageState(nextState, input.page)
  const { query, after, updated } = searchQuery(ctx, input, state)
  const response = await ctx.request({ path: ORDERS_PATH, query, quotaGroup: 'orders' })
  const body = parseWire(AMAZON, amazonSearchOrdersWire, response.data, 'a searchOrders answer')
  const raws = (response.data as { orders: unknown[] }).orders
  // searchOrders takes no created window with lastUpdatedAfter: kopru applies it to the answer (a page may be short).
  const createdAfter = updated && input.createdAfter ? input.createdAfter.toISOString() : null
  const createdBefore = updated && input.createdBefore ? input.createdBefore.toISOString() : null
  const data = body.orders
    .map((order, i) => toUnifiedOrder(order, orderContext(ctx, `orders[${i}]`), raws[i]))
    .filter((o) => (!input.status || o.status === input.status) && (!createdAfter || o.created_at >= createdAfter) && (!createdBefore || o.created_at <= createdBefore))
  const token = body.pagination?.nextToken
  return { data, next: token ? { n: token, a: after, u: updated } : null }
}

/** getOrder with the datasets kopru reads; an id that cannot be an Amazon order id is not sent. */
export async function readOrder(ctx: Ctx, id: string, includedData: readonly string[] = ORDER_DATASETS): Promise<{ order: AmazonOrder; raw: unknown }> {
  if (!/^\d{3}-\d{7}-\d{7}$/.test(id)) throw new KopruError('not_found', `Amazon has no order '${id}'`)
  const response = await ctx.request({ path: `${ORDERS_PATH}/${id}`, query: { includedData: includedData.join(',') }, quotaGroup: 'order' })
  const { order } = parseWire(AMAZON, amazonGetOrderWire, response.data, 'a getOrder answer')
  return { order, raw: (response.data as { order: unknown }).order }
}

export async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  const { order, raw } = await readOrder(ctx, id)
  return toUnifiedOrder(order, orderContext(ctx, 'order'), raw)
}
