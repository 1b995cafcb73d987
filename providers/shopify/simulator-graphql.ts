/**
 * The simulator's GraphQL Admin API: a small hand-written resolver for the operations kopru sends, over the
 * simulator's store (kept in the REST resource shape that webhooks deliver). Sources:
 * - shopify.dev/docs/api/admin-graphql (2025-10): `orders`/`order`, `products`/`product`, `productVariants`
 *   (search `sku:`), `shop`, `location` (no id: the primary location), `inventorySetQuantities`,
 *   `productVariantsBulkUpdate`, `fulfillmentCreate` on fulfillment orders, `webhookSubscriptionCreate` /
 *   `webhookSubscriptionDelete`; mutation payloads carry `userErrors {field, message, code}`.
 * - shopify.dev "GraphQL Admin API rate limits": a bucket per app and shop (`maximumAvailable`, `restoreRate`
 *   points/s); a query runs only if the bucket holds its requested cost, otherwise HTTP 200 with
 *   `errors[{message: "Throttled", extensions: {code: "THROTTLED"}}]` and `actualQueryCost: null`; every
 *   answer reports `extensions.cost {requestedQueryCost, actualQueryCost, throttleStatus}`; a single query
 *   above 1000 points is refused (MAX_COST_EXCEEDED).
 * - shopify.dev "Shopify API search syntax": `field:value`, `field:>=value`, terms joined with AND / OR.
 * - Access scopes per field (simulator-access.ts): a field the token's scopes do not cover is ACCESS_DENIED.
 */
import { bytesToBase64Url, base64UrlToBytes } from '../../src/core/provider-kit/index.js'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'
import { SHOPIFY_MAX_QUERY_COST } from './api.js'
import { actualQueryCost, parseOperation, requestedQueryCost, type Selection } from './query-cost.js'
import { accessDenied } from './simulator-access.js'
import type { ShopifyOrderWire, ShopifyProductWire } from './wire.js'

type Json = Record<string, unknown>
type Order = ShopifyOrderWire & { updated_at: string }
type Product = ShopifyProductWire

export interface GraphqlStore {
  shop: string
  locationId: number
  orders: Order[]
  products: Product[]
  webhooks: { id: number; topic: string; address: string; format: string; created_at: string }[]
  /** What kopru posted to fulfillmentCreate, as received. */
  fulfillments: Json[]
  /** Units fulfilled per order line item id. */
  fulfilled: Map<number, number>
  nextId: () => number
  now: () => number
}

const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`
const inventoryItemOf = (variantId: number) => variantId + 10_000_000_000
const fulfillmentOrderOf = (orderId: number) => orderId + 20_000_000_000
const foLineOf = (lineId: number) => lineId + 30_000_000_000

/** Keeps only the selected fields, honouring `first` on lists and connections (as the real API does). */
function project(value: unknown, selections: Selection[], variables: Json): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, selections, variables))
  if (value === null || typeof value !== 'object') return value
  const out: Json = {}
  for (const field of selections) {
    let child = (value as Json)[field.name]
    const first = field.args.first === undefined ? undefined : Number(field.args.first.startsWith('$') ? variables[field.args.first.slice(1)] : field.args.first)
    if (first !== undefined && Array.isArray(child)) child = child.slice(0, first)
    if (first !== undefined && child && typeof child === 'object' && Array.isArray((child as Json).nodes)) child = { ...(child as Json), nodes: ((child as Json).nodes as unknown[]).slice(0, first) }
    out[field.name] = field.children.length && child != null ? project(child, field.children, variables) : (child ?? null)
  }
  return out
}

const displayFulfillment: Record<string, string> = { partial: 'PARTIALLY_FULFILLED', fulfilled: 'FULFILLED', restocked: 'RESTOCKED' }

function address(a: Order['shipping_address']) {
  if (!a) return null
  return { name: a.name, firstName: a.first_name, lastName: a.last_name, company: a.company, address1: a.address1, address2: a.address2, city: a.city, province: a.province, zip: a.zip, countryCodeV2: a.country_code, phone: a.phone }
}

function orderNode(store: GraphqlStore, o: Order) {
  const bag = (amount: string | null | undefined) => (amount == null ? null : { shopMoney: { amount, currencyCode: o.currency } })
  return {
    id: gid('Order', o.id), name: o.name, createdAt: o.created_at, updatedAt: o.updated_at, cancelledAt: o.cancelled_at, closedAt: o.closed_at,
    displayFinancialStatus: o.financial_status?.toUpperCase() ?? null, displayFulfillmentStatus: displayFulfillment[o.fulfillment_status ?? ''] ?? 'UNFULFILLED',
    currencyCode: o.currency, email: o.email, phone: o.phone,
    subtotalPriceSet: bag(o.subtotal_price), totalPriceSet: bag(o.total_price), totalTaxSet: bag(o.total_tax), totalDiscountsSet: bag(o.total_discounts),
    totalShippingPriceSet: o.total_shipping_price_set ? { shopMoney: { amount: o.total_shipping_price_set.shop_money.amount, currencyCode: o.total_shipping_price_set.shop_money.currency_code } } : null,
    customer: o.customer ? { firstName: o.customer.first_name, lastName: o.customer.last_name, defaultPhoneNumber: o.customer.phone ? { phoneNumber: o.customer.phone } : null, defaultEmailAddress: o.customer.email ? { emailAddress: o.customer.email } : null } : null,
    shippingAddress: address(o.shipping_address), billingAddress: address(o.billing_address),
    lineItems: {
      nodes: o.line_items.map((l) => ({
        id: gid('LineItem', l.id), sku: l.sku, title: l.title, quantity: l.quantity, unfulfilledQuantity: l.quantity - (store.fulfilled.get(l.id) ?? 0),
        originalUnitPriceSet: bag(l.price), product: l.product_id ? { id: gid('Product', l.product_id) } : null, taxLines: (l.tax_lines ?? []).map((t) => ({ rate: t.rate })),
      })),
    },
    fulfillments: (o.fulfillments ?? []).map((f) => ({ createdAt: f.created_at, trackingInfo: [{ company: f.tracking_company, number: f.tracking_number, url: f.tracking_url }] })),
    fulfillmentOrders: {
      nodes: [{
        id: gid('FulfillmentOrder', fulfillmentOrderOf(o.id)),
        status: o.cancelled_at ? 'CANCELLED' : o.line_items.every((l) => (store.fulfilled.get(l.id) ?? 0) >= l.quantity) ? 'CLOSED' : 'OPEN',
        lineItems: { nodes: o.line_items.map((l) => ({ id: gid('FulfillmentOrderLineItem', foLineOf(l.id)), remainingQuantity: l.quantity - (store.fulfilled.get(l.id) ?? 0), lineItem: { id: gid('LineItem', l.id) } })) },
      }],
    },
  }
}

function productNode(p: Product) {
  return {
    id: gid('Product', p.id), title: p.title, vendor: p.vendor, productType: p.product_type, status: p.status.toUpperCase(), handle: p.handle, updatedAt: p.updated_at, onlineStoreUrl: null,
    variants: { nodes: (p.variants ?? []).map((v) => ({ id: gid('ProductVariant', v.id), sku: v.sku, barcode: v.barcode, price: v.price, compareAtPrice: v.compare_at_price, inventoryQuantity: v.inventory_quantity, product: { id: gid('Product', p.id) }, inventoryItem: { id: gid('InventoryItem', inventoryItemOf(v.id)) } })) },
    media: { nodes: (p.images ?? []).map((image) => ({ preview: { image: { url: image.src } } })) },
  }
}

/** `status:open AND created_at:>='2026-01-01T00:00:00Z'` as predicates on the REST-shaped order. */
function orderFilter(search: unknown): (o: Order) => boolean {
  const terms = typeof search === 'string' && search ? search.split(/\s+AND\s+/) : []
  return (o) =>
    terms.every((term) => {
      const match = /^(\w+):(>=|<=)?'?([^']*)'?$/.exec(term.trim())
      if (!match) return true
      const [, field, op, value] = match
      if (field === 'status') return value === 'open' ? !o.closed_at && !o.cancelled_at : value === 'closed' ? !!o.closed_at : value === 'cancelled' ? !!o.cancelled_at : true
      const at = Date.parse(field === 'updated_at' ? o.updated_at : o.created_at)
      return op === '>=' ? at >= Date.parse(value!) : op === '<=' ? at <= Date.parse(value!) : true
    })
}

function page<T>(items: T[], first: unknown, after: unknown) {
  const offset = typeof after === 'string' ? Number(new TextDecoder().decode(base64UrlToBytes(after))) || 0 : 0
  const size = Math.max(0, Math.min(250, Number(first) || 0))
  const nodes = items.slice(offset, offset + size)
  const more = offset + size < items.length
  return { nodes, pageInfo: { hasNextPage: more, endCursor: nodes.length ? bytesToBase64Url(new TextEncoder().encode(String(offset + nodes.length))) : null } }
}

type Resolver = (store: GraphqlStore, args: Json) => unknown

const queries: Record<string, Resolver> = {
  shop: (s) => ({ name: 'Kopru Demo Store', currencyCode: 'USD', myshopifyDomain: s.shop }),
  location: (s) => ({ id: gid('Location', s.locationId) }),
  orders: (s, a) => {
    const all = s.orders.filter(orderFilter(a.query)).sort((x, y) => Date.parse(y.created_at) - Date.parse(x.created_at))
    const p = page(all, a.first, a.after)
    return { ...p, nodes: p.nodes.map((o) => orderNode(s, o)) }
  },
  order: (s, a) => {
    const o = s.orders.find((x) => gid('Order', x.id) === a.id)
    return o ? orderNode(s, o) : null
  },
  products: (s, a) => {
    const p = page(s.products, a.first, a.after)
    return { ...p, nodes: p.nodes.map(productNode) }
  },
  product: (s, a) => {
    const p = s.products.find((x) => gid('Product', x.id) === a.id)
    return p ? productNode(p) : null
  },
  productVariants: (s, a) => {
    const skus = new Set([...String(a.query ?? '').matchAll(/sku:"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')))
    const nodes = s.products.flatMap((p) => productNode(p).variants.nodes).filter((v) => v.sku && skus.has(v.sku))
    return { nodes: nodes.slice(0, Number(a.first) || 0) }
  },
}

const userError = (field: (string | number)[], message: string, code = 'INVALID') => ({ field: field.map(String), message, code })

const mutations: Record<string, Resolver> = {
  inventorySetQuantities: (s, a) => {
    const input = (a.input ?? {}) as { name?: string; quantities?: { inventoryItemId?: string; locationId?: string; quantity?: number }[] }
    const variants = new Map(s.products.flatMap((p) => p.variants ?? []).map((v) => [gid('InventoryItem', inventoryItemOf(v.id)), v]))
    const errors = (input.quantities ?? []).flatMap((q, i) => [
      ...(variants.has(q.inventoryItemId ?? '') ? [] : [userError(['input', 'quantities', i, 'inventoryItemId'], 'The specified inventory item could not be found.', 'ITEM_NOT_FOUND')]),
      ...(q.locationId === gid('Location', s.locationId) ? [] : [userError(['input', 'quantities', i, 'locationId'], 'The specified location could not be found.', 'INVALID_LOCATION')]),
      ...(Number.isInteger(q.quantity) && q.quantity! >= 0 ? [] : [userError(['input', 'quantities', i, 'quantity'], 'The quantity must be a non-negative integer.', 'INVALID_QUANTITY')]),
    ])
    if (input.name !== 'available') errors.push(userError(['input', 'name'], 'The quantity name must be available or on_hand.', 'INVALID_NAME'))
    if (errors.length) return { inventoryAdjustmentGroup: null, userErrors: errors }
    for (const q of input.quantities ?? []) variants.get(q.inventoryItemId!)!.inventory_quantity = q.quantity!
    return { inventoryAdjustmentGroup: { id: gid('InventoryAdjustmentGroup', s.nextId()) }, userErrors: [] }
  },
  productVariantsBulkUpdate: (s, a) => {
    const product = s.products.find((p) => gid('Product', p.id) === a.productId)
    if (!product) return { userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] }
    const rows = (a.variants ?? []) as { id?: string; price?: string; compareAtPrice?: string }[]
    const errors = rows.flatMap((row, i) => ((product.variants ?? []).some((v) => gid('ProductVariant', v.id) === row.id) ? [] : [userError(['variants', i, 'id'], 'Product variant does not exist', 'PRODUCT_VARIANT_DOES_NOT_EXIST')]))
    if (errors.length) return { userErrors: errors }
    for (const row of rows) {
      const variant = (product.variants ?? []).find((v) => gid('ProductVariant', v.id) === row.id)!
      if (row.price) variant.price = row.price
      if (row.compareAtPrice) variant.compare_at_price = row.compareAtPrice
    }
    return { userErrors: [] }
  },
  fulfillmentCreate: (s, a) => {
    const input = (a.fulfillment ?? {}) as { lineItemsByFulfillmentOrder?: { fulfillmentOrderId?: string; fulfillmentOrderLineItems?: { id?: string; quantity?: number }[] }[]; trackingInfo?: { company?: string; number?: string; url?: string } }
    s.fulfillments.push(input as Json)
    const groups = input.lineItemsByFulfillmentOrder ?? []
    if (!groups.length) return { fulfillment: null, userErrors: [userError(['fulfillment', 'lineItemsByFulfillmentOrder'], 'Line items by fulfillment order is required')] }
    const order = s.orders.find((o) => groups.every((g) => g.fulfillmentOrderId === gid('FulfillmentOrder', fulfillmentOrderOf(o.id))))
    if (!order) return { fulfillment: null, userErrors: [userError(['fulfillment', 'lineItemsByFulfillmentOrder', 0, 'fulfillmentOrderId'], 'Fulfillment order does not exist.')] }
    for (const item of groups.flatMap((g) => g.fulfillmentOrderLineItems ?? [])) {
      const line = order.line_items.find((l) => gid('FulfillmentOrderLineItem', foLineOf(l.id)) === item.id)
      if (!line || (item.quantity ?? 0) > line.quantity - (s.fulfilled.get(line.id) ?? 0)) return { fulfillment: null, userErrors: [userError(['fulfillment'], 'Invalid fulfillment order line item quantity requested.')] }
    }
    for (const item of groups.flatMap((g) => g.fulfillmentOrderLineItems ?? [])) {
      const line = order.line_items.find((l) => gid('FulfillmentOrderLineItem', foLineOf(l.id)) === item.id)!
      s.fulfilled.set(line.id, (s.fulfilled.get(line.id) ?? 0) + item.quantity!)
    }
    const t = input.trackingInfo ?? {}
    const at = new Date(s.now()).toISOString()
    order.fulfillments = [...(order.fulfillments ?? []), { tracking_company: t.company ?? null, tracking_number: t.number ?? null, tracking_url: t.url ?? null, created_at: at }]
    order.fulfillment_status = order.line_items.every((l) => (s.fulfilled.get(l.id) ?? 0) >= l.quantity) ? 'fulfilled' : 'partial'
    order.updated_at = at
    return { fulfillment: { id: gid('Fulfillment', s.nextId()), status: 'SUCCESS', trackingInfo: [{ company: t.company ?? null, number: t.number ?? null, url: t.url ?? null }] }, userErrors: [] }
  },
  webhookSubscriptionCreate: (s, a) => {
    const topic = String(a.topic ?? '')
    const uri = String((a.webhookSubscription as Json | undefined)?.uri ?? '')
    if (!/^[A-Z]+_[A-Z_]+$/.test(topic)) return { webhookSubscription: null, userErrors: [userError(['topic'], 'Invalid topic specified.')] }
    if (!/^https?:\/\/\S+$/.test(uri)) return { webhookSubscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], 'Address is invalid')] }
    const restTopic = topic.toLowerCase().replace('_', '/')
    if (s.webhooks.some((h) => h.topic === restTopic && h.address === uri)) return { webhookSubscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], 'Address for this topic has already been taken')] }
    const hook = { id: s.nextId(), topic: restTopic, address: uri, format: 'json', created_at: new Date(s.now()).toISOString() }
    s.webhooks.push(hook)
    return { webhookSubscription: { id: gid('WebhookSubscription', hook.id) }, userErrors: [] }
  },
  webhookSubscriptionDelete: (s, a) => {
    const index = s.webhooks.findIndex((h) => gid('WebhookSubscription', h.id) === a.id)
    if (index < 0) return { deletedWebhookSubscriptionId: null, userErrors: [userError(['id'], 'Webhook subscription does not exist')] }
    s.webhooks.splice(index, 1)
    return { deletedWebhookSubscriptionId: a.id, userErrors: [] }
  },
}

function argsOf(field: Selection, variables: Json): Json {
  return Object.fromEntries(Object.entries(field.args).map(([k, v]) => [k, v.startsWith('$') ? variables[v.slice(1)] : v.startsWith('"') ? JSON.parse(v) : Number.isNaN(Number(v)) ? v : Number(v)]))
}

/** The cost bucket of one app on one shop. */
export function costBucket({ maximumAvailable = 2000, restoreRate = 100, clock }: { maximumAvailable?: number; restoreRate?: number; clock: SimulatorClock }) {
  let available = maximumAvailable
  let at = clock.now()
  const stats = { queries: 0, throttled: 0, requested: 0, actual: 0 }
  const refill = () => {
    const now = clock.now()
    available = Math.min(maximumAvailable, available + ((now - at) / 1000) * restoreRate)
    at = now
  }
  const status = () => ({ maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate })
  return {
    stats,
    maximumAvailable,
    restoreRate,
    /** Takes the requested cost if the bucket holds it. */
    admit(requested: number): boolean {
      refill()
      if (available < requested) return false
      available -= requested
      return true
    },
    settle(requested: number, actual: number) {
      available = Math.min(maximumAvailable, available + requested - actual)
    },
    status,
  }
}

export type CostBucket = ReturnType<typeof costBucket>

/** Runs one GraphQL request body; always HTTP 200, as Shopify answers GraphQL (errors in the body). */
export function executeGraphql(store: GraphqlStore, bucket: CostBucket, body: unknown, scopes: string[]): Json {
  const { query, variables = {} } = (body ?? {}) as { query?: unknown; variables?: Json }
  let operation: ReturnType<typeof parseOperation>
  try {
    if (typeof query !== 'string') throw new SyntaxError('missing query')
    operation = parseOperation(query)
  } catch (error) {
    return { errors: [{ message: `syntax error, ${(error as Error).message}`, extensions: { code: 'BAD_REQUEST' } }] }
  }
  const requested = requestedQueryCost(query as string, variables)
  if (requested > SHOPIFY_MAX_QUERY_COST) {
    return { errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SHOPIFY_MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: SHOPIFY_MAX_QUERY_COST } }] }
  }
  bucket.stats.queries++
  if (!bucket.admit(requested)) {
    bucket.stats.throttled++
    return {
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    }
  }
  const resolvers = operation.kind === 'mutation' ? mutations : queries
  const data: Json = {}
  const errors: Json[] = accessDenied(operation.selections, scopes)
  for (const field of errors.length ? [] : operation.selections) {
    const resolve = resolvers[field.name]
    if (!resolve) {
      errors.push({ message: `Field '${field.name}' doesn't exist on type '${operation.kind === 'mutation' ? 'Mutation' : 'QueryRoot'}'`, path: [field.name], extensions: { code: 'undefinedField' } })
      continue
    }
    data[field.name] = project(resolve(store, argsOf(field, variables)), field.children, variables)
  }
  const actual = actualQueryCost(query as string, data)
  bucket.settle(requested, actual)
  bucket.stats.requested += requested
  bucket.stats.actual += actual
  const cost = { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() }
  return errors.length ? { errors, extensions: { cost } } : { data, extensions: { cost } }
}

