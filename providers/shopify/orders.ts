/** Orders and fulfillments over the GraphQL Admin API (queries.ts), read through graphql-wire.ts. */
import { z } from 'zod'
import { KopruError, parsePageState, type ListOrdersInput, type Page } from '../../src/core/provider-kit/index.js'
import type { Fulfillment, FulfillmentRequest, Order } from '../../src/models/index.js'
import { SHOPIFY_MAX_QUERY_COST } from './api.js'
import { fromGid, graphql, payloadOf, type ShopifyCtx as Ctx, refuseOnUserErrors, toGid } from './graphql.js'
import { fulfillmentCreateWire, fulfillmentOrdersWire, orderDataWire, ordersDataWire } from './graphql-wire.js'
import { gqlToUnifiedOrder } from './graphql-mapping.js'
import { FULFILLMENT_CREATE_MUTATION, FULFILLMENT_ORDERS_QUERY, ORDER_QUERY, ORDERS_QUERY } from './queries.js'
import { requestedQueryCost } from './query-cost.js'


/** Shopify's `after` cursor only holds for the same search, so the search rides along in kopru's cursor. */
const cursorState = z.object({ a: z.string().min(1).max(1000), q: z.string().max(1000).nullable() })

/** The largest page whose requested cost stays within Shopify's single-query maximum. */
export function pageSizeWithinCost(query: string, limit: number): number {
  const perNode = requestedQueryCost(query, { first: 1 }) - requestedQueryCost(query, { first: 0 })
  const fixed = requestedQueryCost(query, { first: 0 })
  return Math.max(1, Math.min(limit, 250, Math.floor((SHOPIFY_MAX_QUERY_COST - fixed) / perNode)))
}

/** Shopify's order search syntax (shopify.dev "Shopify API search syntax"; the orders query's filters). */
export function orderSearch(input: ListOrdersInput): string | null {
  const terms: string[] = []
  if (input.status === 'open') terms.push('status:open')
  if (input.status === 'completed') terms.push('status:closed')
  if (input.status === 'cancelled') terms.push('status:cancelled')
  if (input.createdAfter) terms.push(`created_at:>='${input.createdAfter.toISOString()}'`)
  if (input.createdBefore) terms.push(`created_at:<='${input.createdBefore.toISOString()}'`)
  if (input.updatedAfter) terms.push(`updated_at:>='${input.updatedAfter.toISOString()}'`)
  return terms.length ? terms.join(' AND ') : null
}

export async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const state = parsePageState(cursorState, input.page)
  const query = state ? state.q : orderSearch(input)
  const first = pageSizeWithinCost(ORDERS_QUERY, input.limit)
  const { orders } = await graphql(ctx, ORDERS_QUERY, { first, after: state?.a ?? null, query }, ordersDataWire)
  return {
    data: orders.nodes.map((order) => gqlToUnifiedOrder(order, ctx.connection.id, ctx.log)),
    next: orders.pageInfo.hasNextPage && orders.pageInfo.endCursor ? { a: orders.pageInfo.endCursor, q: query } : null,
  }
}

const numericId = (what: string, id: string) => {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Shopify has no ${what} '${id}'`)
  return id
}

export async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  const { order } = await graphql(ctx, ORDER_QUERY, { id: toGid('Order', numericId('order', id)) }, orderDataWire)
  if (!order) throw new KopruError('not_found', `Shopify has no order '${id}'`)
  return gqlToUnifiedOrder(order, ctx.connection.id, ctx.log)
}

type FulfillmentOrders = NonNullable<z.output<typeof fulfillmentOrdersWire>['order']>['fulfillmentOrders']['nodes']

/**
 * Shopify fulfils fulfillment orders, not orders ("Build fulfillment solutions"): the requested lines (by
 * order line item id) are matched to the open fulfillment orders' line items; no lines means everything open.
 */
export function fulfillmentLines(orders: FulfillmentOrders, lines: FulfillmentRequest['lines']) {
  const open = orders.filter((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS')
  const wanted = lines ? new Map(lines.map((line) => [line.id, line.quantity])) : null
  const matched = new Set<string>()
  const groups = open
    .map((fo) => ({
      fulfillmentOrderId: fo.id,
      fulfillmentOrderLineItems: fo.lineItems.nodes.flatMap((item) => {
        const lineId = fromGid(item.lineItem.id)
        if (item.remainingQuantity === 0 || (wanted && !wanted.has(lineId))) return []
        matched.add(lineId)
        return [{ id: item.id, quantity: Math.min(item.remainingQuantity, wanted?.get(lineId) ?? item.remainingQuantity) }]
      }),
    }))
    .filter((group) => group.fulfillmentOrderLineItems.length > 0)
  const missing = (lines ?? []).flatMap((line, index) => (matched.has(line.id) ? [] : [{ path: `lines[${index}].id`, message: `no open fulfillment order line for line item '${line.id}'` }]))
  if (missing.length > 0) throw new KopruError('conflict', 'Shopify has nothing left to fulfil for some of these lines', { errors: missing })
  if (groups.length === 0) throw new KopruError('conflict', 'Shopify has nothing left to fulfil on this order')
  return groups
}

export async function createFulfillment(ctx: Ctx, { orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentRequest }): Promise<Fulfillment> {
  const { order } = await graphql(ctx, FULFILLMENT_ORDERS_QUERY, { id: toGid('Order', numericId('order', orderId)) }, fulfillmentOrdersWire)
  if (!order) throw new KopruError('not_found', `Shopify has no order '${orderId}'`)
  const input = {
    lineItemsByFulfillmentOrder: fulfillmentLines(order.fulfillmentOrders.nodes, fulfillment.lines),
    trackingInfo: { company: fulfillment.carrier, number: fulfillment.tracking_number, ...(fulfillment.tracking_url ? { url: fulfillment.tracking_url } : {}) },
    notifyCustomer: true,
  }
  const fulfillmentCreate = payloadOf('fulfillmentCreate', (await graphql(ctx, FULFILLMENT_CREATE_MUTATION, { fulfillment: input }, fulfillmentCreateWire)).fulfillmentCreate)
  refuseOnUserErrors('the fulfillment', fulfillmentCreate.userErrors)
  const tracking = fulfillmentCreate.fulfillment?.trackingInfo[0]
  return {
    order_id: orderId,
    provider: 'shopify',
    connection_id: ctx.connection.id,
    carrier: tracking?.company ?? fulfillment.carrier,
    tracking_number: tracking?.number ?? fulfillment.tracking_number,
    tracking_url: tracking?.url ?? fulfillment.tracking_url ?? null,
    status: 'accepted',
  }
}
