/**
 * The simulator's Orders API 2026-01-01 (searchOrders, getOrder) and Orders v0 confirmShipment.
 *
 * Sources:
 * - amzn/selling-partner-api-models models/orders-api-model/orders_2026-01-01.json (test/fixtures/specs/amazon/):
 *   searchOrders parameters (exactly one of createdAfter / lastUpdatedAfter; createdBefore only with createdAfter,
 *   lastUpdatedBefore only with lastUpdatedAfter, each at least two minutes before the request;
 *   fulfillmentStatuses, fulfilledBy, marketplaceIds ≤ 50, maxResultsPerPage 1..100 default 100,
 *   paginationToken = the previous page's `pagination.nextToken`, includedData); `{orders, pagination,
 *   createdBefore | lastUpdatedBefore}`; getOrder `{order}`; items always part of an order, the other datasets
 *   (BUYER, RECIPIENT, PROCEEDS, FULFILLMENT, PACKAGES, …) only when asked for; ErrorList bodies; usage plans
 *   searchOrders 0.0056 rps burst 20, getOrder 0.5 rps burst 30.
 * - developer-docs.amazon.com/sp-api/docs/orders-api-migration-guide: pagination tokens expire after 24 hours.
 * - models/orders-api-model/ordersV0.json ConfirmShipmentRequest (204; marketplaceId and packageDetail with
 *   packageReferenceId, carrierCode, trackingNumber, shipDate, orderItems; carrierName when carrierCode is Other).
 */
import type { Context, Hono } from 'hono'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'
import { seedAmazonOrders } from './simulator-seed.js'
import { tokenBucket, usagePlan } from './simulator-usage-plans.js'
import type { AmazonOrderWire as AmazonOrder } from './wire.js'

export type SpError = (c: Context, status: 400 | 403 | 404, code: string, message: string, details?: string) => Response

const DATASETS = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS']
const FULFILLMENT_STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE']
const TOKEN_TTL_MS = 24 * 3600_000

/** A list parameter: comma-separated (the models' default collectionFormat) or repeated. */
const listParam = (c: Context, name: string): string[] => (c.req.queries(name) ?? []).flatMap((v) => v.split(',')).filter(Boolean)

/** The order as Amazon answers it for `included`: the datasets not asked for are left out, on the order and its items. */
export function orderView(order: AmazonOrder, included: Set<string>): Record<string, unknown> {
  const { buyer, recipient, proceeds, fulfillment, packages, orderItems, ...base } = order
  const items = orderItems.map(({ proceeds: itemProceeds, fulfillment: itemFulfillment, ...item }) => ({
    ...item,
    ...(included.has('PROCEEDS') && itemProceeds ? { proceeds: itemProceeds } : {}),
    ...(included.has('FULFILLMENT') && itemFulfillment ? { fulfillment: itemFulfillment } : {}),
  }))
  return {
    ...base,
    ...(included.has('BUYER') && buyer ? { buyer } : {}),
    ...(included.has('RECIPIENT') && recipient ? { recipient } : {}),
    ...(included.has('PROCEEDS') && proceeds ? { proceeds } : {}),
    ...(included.has('FULFILLMENT') ? { fulfillment } : {}),
    orderItems: items,
    ...(included.has('PACKAGES') && packages?.length ? { packages } : {}),
  }
}

/** includedData, validated against the model's enum. */
function includedOf(c: Context): Set<string> | string {
  const values = listParam(c, 'includedData')
  const bad = values.find((v) => !DATASETS.includes(v))
  return bad ? `Invalid includedData value: ${bad}.` : new Set(values)
}

interface SearchFilter {
  by: 'created' | 'updated'
  after: string
  before: string | null
  statuses: string[]
  fulfilledBy: string[]
  marketplaces: string[]
}

const instant = (value: string | undefined) => (value && !Number.isNaN(Date.parse(value)) && /T/.test(value) ? new Date(value).toISOString() : null)

/** The model's rules for searchOrders' window and lists; a broken rule is the message of a 400 InvalidInput. */
function searchFilter(c: Context, now: number): SearchFilter | string {
  const q = c.req.query()
  const created = q.createdAfter !== undefined
  if (created === (q.lastUpdatedAfter !== undefined)) return 'Exactly one of createdAfter and lastUpdatedAfter must be provided.'
  if (created && q.lastUpdatedBefore !== undefined) return 'lastUpdatedBefore cannot be provided with createdAfter.'
  if (!created && q.createdBefore !== undefined) return 'createdBefore cannot be provided with lastUpdatedAfter.'
  const after = instant(created ? q.createdAfter : q.lastUpdatedAfter)
  const rawBefore = created ? q.createdBefore : q.lastUpdatedBefore
  const before = rawBefore === undefined ? null : instant(rawBefore)
  if (!after || (rawBefore !== undefined && !before)) return 'Dates must be in ISO 8601 format.'
  if (before && (before < after || Date.parse(before) > now - 120_000)) return `${created ? 'createdBefore' : 'lastUpdatedBefore'} must be after ${created ? 'createdAfter' : 'lastUpdatedAfter'} and at least two minutes before the time of the request.`
  const statuses = listParam(c, 'fulfillmentStatuses')
  if (statuses.some((s) => !FULFILLMENT_STATUSES.includes(s))) return 'Invalid fulfillmentStatuses value.'
  const fulfilledBy = listParam(c, 'fulfilledBy')
  if (fulfilledBy.some((f) => f !== 'MERCHANT' && f !== 'AMAZON')) return 'Invalid fulfilledBy value.'
  const marketplaces = listParam(c, 'marketplaceIds')
  if (marketplaces.length > 50) return 'marketplaceIds takes at most 50 values.'
  return { by: created ? 'created' : 'updated', after, before, statuses, fulfilledBy, marketplaces }
}

function matches(order: AmazonOrder, f: SearchFilter): boolean {
  const at = f.by === 'created' ? order.createdTime : order.lastUpdatedTime
  return (
    at >= f.after &&
    (!f.before || at <= f.before) &&
    (!f.statuses.length || f.statuses.includes(order.fulfillment.fulfillmentStatus)) &&
    (!f.fulfilledBy.length || f.fulfilledBy.includes(order.fulfillment.fulfilledBy ?? '')) &&
    (!f.marketplaces.length || f.marketplaces.includes(order.salesChannel.marketplaceId ?? ''))
  )
}

/** nextToken: opaque to the caller; carries the offset, the filter it belongs to and its expiry. */
const encodeToken = (offset: number, filter: SearchFilter, expires: number) => btoa(JSON.stringify({ o: offset, f: filter, e: expires })).replace(/=+$/, '')

function decodeToken(token: string, filter: SearchFilter, now: number): number | string {
  let state: { o?: unknown; f?: unknown; e?: unknown }
  try {
    state = JSON.parse(atob(token))
  } catch {
    return 'Invalid paginationToken.'
  }
  if (typeof state.o !== 'number' || typeof state.e !== 'number') return 'Invalid paginationToken.'
  if (state.e < now) return 'The paginationToken has expired.'
  if (JSON.stringify(state.f) !== JSON.stringify(filter)) return 'The paginationToken does not belong to this search.'
  return state.o
}

function searchOrders(orders: AmazonOrder[], clock: SimulatorClock, pageSize: number, spError: SpError) {
  return (c: Context) => {
    const now = clock.now()
    const filter = searchFilter(c, now)
    const included = includedOf(c)
    if (typeof filter === 'string') return spError(c, 400, 'InvalidInput', filter)
    if (typeof included === 'string') return spError(c, 400, 'InvalidInput', included)
    const max = c.req.query('maxResultsPerPage')
    const size = max === undefined ? pageSize : Number(max)
    if (!Number.isInteger(size) || size < 1 || size > 100) return spError(c, 400, 'InvalidInput', 'maxResultsPerPage must be between 1 and 100.')
    const token = c.req.query('paginationToken')
    const offset = token === undefined ? 0 : decodeToken(token, filter, now)
    if (typeof offset === 'string') return spError(c, 400, 'InvalidInput', offset)
    const sorted = orders.filter((o) => matches(o, filter)).sort((a, b) => b.createdTime.localeCompare(a.createdTime))
    const page = sorted.slice(offset, offset + Math.min(size, pageSize))
    const next = offset + page.length < sorted.length ? encodeToken(offset + page.length, filter, now + TOKEN_TTL_MS) : undefined
    const bound = filter.before ?? new Date(now - 120_000).toISOString()
    return c.json({
      orders: page.map((o) => orderView(o, included)),
      ...(next ? { pagination: { nextToken: next } } : {}),
      ...(filter.by === 'created' ? { createdBefore: bound } : { lastUpdatedBefore: bound }),
    })
  }
}

function getOrder(orders: AmazonOrder[], spError: SpError) {
  return (c: Context) => {
    const included = includedOf(c)
    if (typeof included === 'string') return spError(c, 400, 'InvalidInput', included)
    const order = orders.find((o) => o.orderId === c.req.param('id'))
    return order ? c.json({ order: orderView(order, included) }) : spError(c, 404, 'NotFound', 'Order not found.')
  }
}

/** One confirmShipment the simulator accepted: the order and the request's packageDetail. */
export interface SimulatedShipment { orderId: string; marketplaceId: string; packageDetail: Record<string, any> }

type ShipmentBody = { marketplaceId?: string; packageDetail?: Record<string, any> } | null

/** What is wrong with a ConfirmShipmentRequest for `order`, or null. */
function shipmentProblem(order: AmazonOrder, body: ShipmentBody): string | null {
  const pkg = body?.packageDetail
  const missing = ['packageReferenceId', 'carrierCode', 'trackingNumber', 'shipDate', 'orderItems'].filter((k) => pkg?.[k] === undefined)
  if (!body?.marketplaceId || !pkg || missing.length) return `Missing required ${body?.marketplaceId ? missing.join(', ') : 'marketplaceId'}.`
  if (pkg.carrierCode === 'Other' && !pkg.carrierName) return 'carrierName is required when carrierCode is Other.'
  const known = new Set(order.orderItems.map((i) => i.orderItemId))
  const unknown = (pkg.orderItems as { orderItemId: string }[]).find((i) => !known.has(i.orderItemId))
  return unknown ? `Order item ${unknown.orderItemId} is not part of order ${order.orderId}.` : null
}

/** The order after a confirmed package: its items' shipped quantities, the package, SHIPPED or PARTIALLY_SHIPPED. */
function recordPackage(order: AmazonOrder, pkg: Record<string, any>, now: number) {
  const shipped = pkg.orderItems as { orderItemId: string; quantity: number }[]
  for (const item of order.orderItems) {
    const quantity = shipped.find((s) => s.orderItemId === item.orderItemId)?.quantity ?? 0
    const done = Math.min(item.quantityOrdered, (item.fulfillment?.quantityFulfilled ?? 0) + quantity)
    item.fulfillment = { ...item.fulfillment, quantityFulfilled: done, quantityUnfulfilled: item.quantityOrdered - done }
  }
  order.packages = [
    ...(order.packages ?? []),
    { packageReferenceId: String(pkg.packageReferenceId), carrier: pkg.carrierName ?? pkg.carrierCode, trackingNumber: pkg.trackingNumber, shipTime: pkg.shipDate, packageStatus: { status: 'SHIPPED' }, packageItems: shipped },
  ]
  const complete = order.orderItems.every((item) => item.fulfillment?.quantityUnfulfilled === 0)
  order.fulfillment = { ...order.fulfillment, fulfillmentStatus: complete ? 'SHIPPED' : 'PARTIALLY_SHIPPED' }
  order.lastUpdatedTime = new Date(now).toISOString()
}

function confirmShipment(orders: AmazonOrder[], shipments: SimulatedShipment[], clock: SimulatorClock, spError: SpError) {
  return async (c: Context) => {
    const order = orders.find((o) => o.orderId === c.req.param('id'))
    if (!order) return spError(c, 404, 'NotFound', 'Order not found.')
    const body = (await c.req.json().catch(() => null)) as ShipmentBody
    const problem = shipmentProblem(order, body)
    if (problem) return spError(c, 400, 'InvalidInput', problem)
    shipments.push({ orderId: order.orderId, marketplaceId: body!.marketplaceId!, packageDetail: body!.packageDetail! })
    recordPackage(order, body!.packageDetail!, clock.now())
    return c.body(null, 204)
  }
}

export interface AmazonOrdersOptions {
  clock: SimulatorClock
  /** Orders per searchOrders page at most (Amazon: maxResultsPerPage, default 100). */
  pageSize: number
  /** Enforce the usage plans (429 QuotaExceeded past the burst); default on. */
  throttle: boolean
}

export function mountOrders(app: Hono, spError: SpError, options: AmazonOrdersOptions) {
  const { clock } = options
  const orders = seedAmazonOrders(clock.now())
  const shipments: SimulatedShipment[] = []
  const quotas = { searchOrders: tokenBucket({ rate: 0.0056, burst: 20 }, clock), getOrder: tokenBucket({ rate: 0.5, burst: 30 }, clock), confirmShipment: tokenBucket({ rate: 2, burst: 10 }, clock) }
  const state = { throttle: options.throttle }
  const enabled = () => state.throttle
  app.get('/orders/2026-01-01/orders', usagePlan(quotas.searchOrders, enabled), searchOrders(orders, clock, options.pageSize, spError))
  app.get('/orders/2026-01-01/orders/:id', usagePlan(quotas.getOrder, enabled), getOrder(orders, spError))
  app.post('/orders/v0/orders/:id/shipmentConfirmation', usagePlan(quotas.confirmShipment, enabled), confirmShipment(orders, shipments, clock, spError))
  return { orders, shipments, quotas, state }
}
