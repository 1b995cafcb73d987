/**
 * Hepsiburada merchant APIs (https://developers.hepsiburada.com): orders on oms-external, listings (price/stock)
 * on listing-external, the catalog on mpop — each with a `-sit` test host. HTTP Basic with the merchant id
 * (GUID) and the 12-character service key ("Servis Anahtarı") since 2024, plus a mandatory `User-Agent` =
 * the integrator's developer username. Decisions and sources: docs/providers/hepsiburada.md.
 */
import { z } from 'zod'
import {
  KopruError,
  basicAuthorization,
  chunk,
  operationsOf,
  defineProvider,
  readWire,
  parsePageState,
  requireInventoryIdentifier,
  type InventoryProgress,
  type InventorySubmission,
  type ListInput,
  type ListOrdersInput,
  type OperationContext,
  type Page,
} from '../../src/core/provider-kit/index.js'
import type { Fulfillment, FulfillmentRequest, InventoryItem, InventoryItemReport, Order, Product } from '../../src/models/index.js'
import {
  bucketsFor,
  hepsiburadaCargoCompany,
  mergeItemResults,
  orderBuckets,
  parseUnitId,
  toHbLocalTime,
  toUnifiedOrder,
  toUnifiedProduct,
  unitId,
  uploadItemResults,
  type OrderBucket,
  type OrderUnit,
  type UploadRef,
} from './mapping.js'
import { merchantPath } from './context.js'
import { attachInvoice } from './invoices.js'
import type { HbCredentials, HbLine, HbOrderDetail, HbPaged } from './types.js'
import {
  hbCancelledPage,
  hbLinePage,
  hbListingsPage,
  hbOrderDetail,
  hbPackageCreated,
  hbPackageList,
  hbPackageStatusPage,
  hbUploadAccepted,
  hbUploadResult,
} from './wire.js'

const credentialsSchema = z.object({
  merchant_id: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'the Hepsiburada merchant id (Mağaza ID), a GUID'),
  secret_key: z.string().trim().min(1).max(200),
  user_agent: z
    .string()
    .trim()
    .min(1, "the integrator's developer username Hepsiburada gave you (e.g. mystore_dev); it is sent as User-Agent")
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'a username without spaces'),
}) satisfies z.ZodType<HbCredentials>

type Credentials = z.infer<typeof credentialsSchema>
type Ctx = OperationContext<Credentials>

/** Largest page each OMS list serves (portal changelog Mayıs 2024, Eylül 2022, Haziran 2023). */
const bucketPageLimit: Record<OrderBucket, number> = { open: 100, packaged: 10, shipped: 50, undelivered: 50, delivered: 50, cancelled: 50 }
/** /packages needs a timespan (hours back by packaging date) or a date range; 30 days covers any unshipped package. */
const PACKAGES_TIMESPAN_HOURS = 720
/** Provider list calls one unified page may spend (filtered rows, empty buckets). */
const MAX_CALLS_PER_PAGE = 10
/** Listing page size (the guide names no maximum; 100 is what every client uses). */
const LISTING_PAGE_LIMIT = 100
/** Items per price/stock upload: the portal guide allows 4000, lonca's client caps at 1000; kopru follows the lower. */
const MAX_UPLOAD_ITEMS = 1000


/** A Hepsiburada answer through its wire schema: a surprise is a 502 naming the field (wire.ts). */
const readAnswer = <T>(schema: z.ZodType<T>, response: { status: number; data: unknown }): T =>
  readWire(schema, response.data, { provider: { id: 'hepsiburada', name: 'Hepsiburada' }, what: 'response', status: response.status })

// ---------------------------------------------------------------------------------------------- orders

interface OrdersPageState {
  /** The bucket being walked and the provider offset of its next unread row. */
  b: OrderBucket
  o: number
}

const pageState = z.object({ b: z.enum(Object.keys(orderBuckets) as [OrderBucket, ...OrderBucket[]]), o: z.number().int().min(0).max(10_000_000) })

type DetailCache = Map<string, Promise<HbOrderDetail>>

function fetchDetail(ctx: Ctx, orderNumber: string, cache: DetailCache): Promise<HbOrderDetail> {
  let pending = cache.get(orderNumber)
  if (!pending) {
    pending = ctx
      .request({ host: 'oms', path: `/orders/${merchantPath(ctx)}/ordernumber/${encodeURIComponent(orderNumber)}`, quotaGroup: 'oms' })
      .then((response) => readAnswer(hbOrderDetail, response))
    cache.set(orderNumber, pending)
  }
  return pending
}

/**
 * The unified order for an order's package, or for its lines not packaged yet (open ones first, else cancelled
 * ones). A unit holding every line of the order keeps the bare order number as its id, so an order packaged
 * whole is still found under the id it had before fulfillment.
 */
function unitFromDetail(detail: HbOrderDetail, packageNumber: string | null): OrderUnit | null {
  let lines = detail.items.filter((line) => (line.packageNumber || null) === packageNumber)
  if (!packageNumber) {
    const live = lines.filter((line) => line.status !== 'Cancelled')
    if (live.length > 0) lines = live
  }
  if (lines.length === 0) return null
  const first = lines[0]!
  const whole = lines.length === detail.items.length
  return {
    id: whole ? detail.orderNumber : unitId(detail.orderNumber, packageNumber),
    orderNumber: detail.orderNumber,
    orderDate: detail.orderDate ?? first.orderDate,
    customerName: detail.customer?.name ?? first.customerName ?? null,
    shippingAddress: detail.deliveryAddress ?? first.shippingAddress,
    billingAddress: detail.invoice?.address ?? first.invoice?.address,
    lines,
    raw: { ...detail, items: lines },
  }
}

/** A bare order number whose lines are all packaged resolves to the package of its first line. */
function unitForId(detail: HbOrderDetail, packageNumber: string | null): OrderUnit | null {
  const unit = unitFromDetail(detail, packageNumber)
  if (unit || packageNumber) return unit
  const packaged = detail.items.find((line) => line.packageNumber)?.packageNumber
  return packaged ? unitFromDetail(detail, packaged) : null
}

function unitFromOpenLines(lines: HbLine[]): OrderUnit {
  const first = lines[0]!
  return {
    id: unitId(first.orderNumber, null),
    orderNumber: first.orderNumber,
    orderDate: first.orderDate,
    customerName: first.customerName ?? null,
    shippingAddress: first.shippingAddress,
    billingAddress: first.invoice?.address,
    lines,
    raw: { orderNumber: first.orderNumber, items: lines },
  }
}

/** One read of a bucket: the rows it yielded, each with the offset just past it, and whether the bucket is done. */
interface BucketRead {
  entries: { after: number; unit: OrderUnit | null }[]
  exhausted: boolean
}

async function listPage<T>(ctx: Ctx, bucket: OrderBucket, offset: number, limit: number, pageSchema: z.ZodType<HbPaged<T>>): Promise<HbPaged<T>> {
  const path = `/${orderBuckets[bucket].path.replace(/^(\w+)/, `$1/${merchantPath(ctx)}`)}`
  const response = await ctx.request({ host: 'oms', path, query: { offset, limit }, quotaGroup: 'oms' })
  return readAnswer(pageSchema, response)
}

const isLastPage = (page: HbPaged<unknown>, offset: number, limit: number) =>
  page.items.length < limit || offset + page.items.length >= page.totalCount

async function readBucket(ctx: Ctx, bucket: OrderBucket, offset: number, wanted: number, details: DetailCache): Promise<BucketRead> {
  const max = bucketPageLimit[bucket]
  if (bucket === 'open') {
    // Paid lines, one row per line: group consecutive lines of an order. A group touching the end of a full
    // page may continue on the next one, so it is left for the next read unless it is all the page holds.
    const page = await listPage(ctx, bucket, offset, max, hbLinePage)
    const last = isLastPage(page, offset, max)
    const groups: { start: number; end: number }[] = []
    page.items.forEach((line, index) => {
      const group = groups.at(-1)
      if (group && page.items[group.start]!.orderNumber === line.orderNumber) group.end = index + 1
      else groups.push({ start: index, end: index + 1 })
    })
    if (!last && groups.length > 1 && groups.at(-1)!.end === page.items.length) groups.pop()
    return {
      entries: groups.map((group) => ({ after: offset + group.end, unit: unitFromOpenLines(page.items.slice(group.start, group.end)) })),
      // On the last page no group was held back, so everything read is consumed.
      exhausted: last,
    }
  }
  if (bucket === 'packaged') {
    const limit = Math.min(max, wanted)
    const response = await ctx.request({
      host: 'oms',
      path: `/packages/${merchantPath(ctx)}`,
      query: { offset, limit, timespan: PACKAGES_TIMESPAN_HOURS },
      quotaGroup: 'oms',
    })
    // The package list is a bare array (its page count only in a header): a short page is the last one.
    const rows = readAnswer(hbPackageList, response)
    const entries = await Promise.all(
      rows.map(async (pkg, index) => {
        const orderNumber = pkg.items?.[0]?.orderNumber
        const unit = orderNumber ? unitFromDetail(await fetchDetail(ctx, orderNumber, details), pkg.packageNumber) : null
        return { after: offset + index + 1, unit }
      }),
    )
    return { entries, exhausted: rows.length < limit }
  }
  if (bucket === 'cancelled') {
    const limit = Math.min(max, Math.max(wanted * 3, 10))
    const page = await listPage(ctx, bucket, offset, limit, hbCancelledPage)
    const entries = await Promise.all(
      page.items.map(async (row, index) => {
        const detail = await fetchDetail(ctx, row.orderNumber, details)
        const line = detail.items.find((candidate) => candidate.id === row.lineItemId)
        const unit = line ? unitFromDetail(detail, line.packageNumber || null) : null
        // Emitted once: at the unit's highest cancelled line id, and only when nothing in it is still live
        // (an order with open lines left is listed from the open bucket).
        const cancelledIds = unit?.lines.filter((candidate) => candidate.status === 'Cancelled').map((candidate) => candidate.id).sort()
        const emit = unit && cancelledIds?.length === unit.lines.length && cancelledIds.at(-1) === row.lineItemId
        return { after: offset + index + 1, unit: emit ? unit : null }
      }),
    )
    return { entries, exhausted: isLastPage(page, offset, limit) }
  }
  const limit = Math.min(max, wanted)
  const page = await listPage(ctx, bucket, offset, limit, hbPackageStatusPage)
  const entries = await Promise.all(
    page.items.map(async (row, index) => ({
      after: offset + index + 1,
      unit: unitFromDetail(await fetchDetail(ctx, row.OrderNumber, details), row.PackageNumber),
    })),
  )
  return { entries, exhausted: isLastPage(page, offset, limit) }
}

/**
 * Walks the OMS lists one after the other (paid lines, packages, shipped, undelivered, delivered, cancelled;
 * a status filter visits only the lists that can hold it), with the provider offset in the cursor. Lists
 * without order data (shipped, delivered, …) are completed from the order detail, one call per order number.
 */
async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const buckets = bucketsFor(input.status)
  let state: OrdersPageState | null = parsePageState(pageState, input.page) ?? { b: buckets[0]!, o: 0 }
  if (!buckets.includes(state.b)) {
    throw new KopruError('invalid_request', 'cursor is not valid for this status filter', {
      errors: [{ path: 'query.cursor', message: 'pass next_cursor back with the same filters' }],
    })
  }
  const matches = (order: Order) =>
    (!input.status || order.status === input.status) &&
    (!input.createdAfter || new Date(order.created_at) >= input.createdAfter) &&
    (!input.createdBefore || new Date(order.created_at) <= input.createdBefore) &&
    (!input.updatedAfter || new Date(order.updated_at) >= input.updatedAfter)
  const details: DetailCache = new Map()
  const data: Order[] = []
  for (let calls = 0; state && data.length < input.limit && calls < MAX_CALLS_PER_PAGE; calls++) {
    const read: BucketRead = await readBucket(ctx, state.b, state.o, input.limit - data.length, details)
    let consumed = 0
    for (const entry of read.entries) {
      if (data.length >= input.limit) break
      if (entry.unit) {
        const order = toUnifiedOrder(entry.unit, ctx.connection.id, ctx.log)
        if (matches(order)) data.push(order)
      }
      state = { b: state.b, o: entry.after }
      consumed++
    }
    if (consumed === read.entries.length && read.exhausted) {
      const next: OrderBucket | undefined = buckets[buckets.indexOf(state.b) + 1]
      state = next ? { b: next, o: 0 } : null
    }
  }
  return { data, next: state }
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  const parsed = parseUnitId(id)
  if (!parsed) throw new KopruError('not_found', `Hepsiburada has no order or package '${id}'`)
  const detail = await fetchDetail(ctx, parsed.orderNumber, new Map())
  const unit = unitForId(detail, parsed.packageNumber)
  if (!unit) throw new KopruError('not_found', `Hepsiburada order ${parsed.orderNumber} has no package '${parsed.packageNumber ?? '(unpackaged)'}'`)
  return toUnifiedOrder(unit, ctx.connection.id, ctx.log)
}

// ---------------------------------------------------------------------------------------------- fulfillments

/**
 * Packages the open lines of an order (all, or the requested ones). An order with nothing left to package is
 * fulfilled through the package its lines are in, so the id it had keeps working. `whole`: the package holds
 * every line of the order, which then keeps its bare order number as id.
 */
async function packageOrder(ctx: Ctx, orderNumber: string, fulfillment: FulfillmentRequest, cargoCompany: string) {
  const detail = await fetchDetail(ctx, orderNumber, new Map())
  const open = detail.items.filter((line) => !line.packageNumber && line.status === 'Open')
  const packaged = detail.items.find((line) => line.packageNumber)?.packageNumber
  if (open.length === 0 && !fulfillment.lines && packaged) {
    return { packageNumber: String(packaged), whole: detail.items.every((line) => line.packageNumber === packaged) }
  }
  const requested = fulfillment.lines ?? open.map((line) => ({ id: line.id, quantity: line.quantity }))
  const unknown = requested.filter((line) => !open.some((candidate) => candidate.id === line.id))
  if (unknown.length > 0) {
    throw new KopruError('invalid_request', `order ${orderNumber} has no open line ${unknown.map((line) => line.id).join(', ')}`, {
      errors: unknown.map((line) => ({ path: 'body.lines', message: `no open line '${line.id}'` })),
    })
  }
  if (requested.length === 0) throw new KopruError('conflict', `order ${orderNumber} has no lines waiting to be packaged`)
  const created = await ctx.request<unknown>({
    host: 'oms',
    method: 'POST',
    path: `/packages/${merchantPath(ctx)}`,
    json: { lineItemRequests: requested.map((line) => ({ id: line.id, quantity: line.quantity })), cargoCompany, parcelQuantity: 1 },
    quotaGroup: 'oms',
    idempotent: false,
  })
  const body = readAnswer(hbPackageCreated, created)
  const whole = requested.length === detail.items.length && requested.every((line) => open.find((candidate) => candidate.id === line.id)?.quantity === line.quantity)
  return { packageNumber: String(body.packageNumber), whole }
}

/**
 * Lines not packaged yet are packaged first (POST /packages with the carrier's short name), then the package is
 * reported in transit with the tracking number (POST …/intransit, the merchant-carrier flow). The result's
 * `order_id` is where the order lives from now on: the bare order number when the package holds the whole order.
 */
async function createFulfillment(ctx: Ctx, { orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentRequest }): Promise<Fulfillment> {
  const parsed = parseUnitId(orderId)
  if (!parsed) throw new KopruError('not_found', `Hepsiburada has no order or package '${orderId}'`)
  const cargoCompany = hepsiburadaCargoCompany(fulfillment.carrier)
  const { packageNumber, whole } = parsed.packageNumber
    ? { packageNumber: parsed.packageNumber, whole: false }
    : await packageOrder(ctx, parsed.orderNumber, fulfillment, cargoCompany)
  const packageId = whole ? parsed.orderNumber : unitId(parsed.orderNumber, packageNumber)
  try {
    await ctx.request({
      host: 'oms',
      method: 'POST',
      path: `/packages/${merchantPath(ctx)}/packagenumber/${encodeURIComponent(packageNumber)}/intransit`,
      json: {
        trackingNumber: fulfillment.tracking_number,
        ...(fulfillment.tracking_url ? { trackingUrl: fulfillment.tracking_url } : {}),
        shippedDate: toHbLocalTime(new Date()),
      },
      quotaGroup: 'oms',
      idempotent: false,
    })
  } catch (error) {
    if (error instanceof KopruError && packageId !== orderId) {
      throw new KopruError(error.code, `${error.message}; the lines were packaged as '${packageId}': retry the fulfillment on that id`, {
        provider: error.provider,
        retryable: error.retryable,
        headers: error.headers,
      })
    }
    throw error
  }
  return {
    order_id: packageId,
    provider: 'hepsiburada',
    connection_id: ctx.connection.id,
    carrier: fulfillment.carrier,
    tracking_number: fulfillment.tracking_number,
    tracking_url: fulfillment.tracking_url ?? null,
    status: 'accepted',
  }
}

// ---------------------------------------------------------------------------------------------- products

const listingPageState = z.object({ o: z.number().int().min(0).max(10_000_000) })

async function fetchListings(ctx: Ctx, query: Record<string, string | number>) {
  const response = await ctx.request({ host: 'listing', path: `/listings/${merchantPath(ctx)}`, query, quotaGroup: 'listing' })
  const page = readAnswer(hbListingsPage, response)
  return { listings: page.listings ?? [], totalCount: page.totalCount }
}

async function listProducts(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const offset = parsePageState(listingPageState, input.page)?.o ?? 0
  const limit = Math.min(input.limit, LISTING_PAGE_LIMIT)
  const page = await fetchListings(ctx, { offset, limit })
  const next = offset + page.listings.length
  return {
    data: page.listings.map((listing) => toUnifiedProduct(listing, ctx.connection.id, ctx.log)),
    next: page.listings.length > 0 && next < page.totalCount ? { o: next } : null,
  }
}

/** By Hepsiburada SKU (the unified id), falling back to the merchant's own SKU. */
async function getProduct(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  if (id.includes(',')) throw new KopruError('not_found', `Hepsiburada has no listing '${id}'`)
  const byHbSku = await fetchListings(ctx, { offset: 0, limit: 1, hbSkuList: id })
  const listing = byHbSku.listings[0] ?? (await fetchListings(ctx, { offset: 0, limit: 1, merchantSkuList: id })).listings[0]
  if (!listing) throw new KopruError('not_found', `Hepsiburada has no listing '${id}'`)
  return toUnifiedProduct(listing, ctx.connection.id, ctx.log)
}

// ---------------------------------------------------------------------------------------------- inventory

const uploadRef = z.object({ kind: z.enum(['price', 'stock']), id: z.string().min(1).max(100), skus: z.array(z.string()) })

/**
 * Prices go to price-uploads and stock to stock-uploads (bare arrays keyed by merchantSku), each split to
 * Hepsiburada's per-request limit. Hepsiburada keeps a single sale price: a list price is refused unless equal.
 */
async function updateInventory(ctx: Ctx, input: { items: InventoryItem[] }): Promise<InventorySubmission> {
  // Price and stock uploads are keyed by merchantSku (listing guide), so the unified `sku` is required.
  const items = requireInventoryIdentifier(input.items, 'sku', 'Hepsiburada')
  const settled: InventoryItemReport[] = []
  const prices: { sku: string; price: number }[] = []
  const stocks: { sku: string; availableStock: number }[] = []
  for (const item of items) {
    if (item.list_price !== undefined && item.list_price !== item.price) {
      settled.push({
        sku: item.sku,
        status: 'failed',
        error: { code: 'list_price_unsupported', message: 'Hepsiburada listings have one sale price; send price only (campaign prices are set in the merchant panel)' },
      })
      continue
    }
    if (item.price !== undefined) prices.push({ sku: item.sku, price: Number(item.price) })
    if (item.quantity !== undefined) stocks.push({ sku: item.sku, availableStock: item.quantity })
  }
  const refs: UploadRef[] = []
  const submit = async (kind: UploadRef['kind'], body: Record<string, unknown>[], skus: string[]) => {
    const response = await ctx.request({
      host: 'listing',
      method: 'POST',
      path: `/listings/${merchantPath(ctx)}/${kind}-uploads`,
      json: body,
      quotaGroup: 'listing',
      idempotent: false,
    })
    refs.push({ kind, id: readAnswer(hbUploadAccepted, response).id, skus })
  }
  const uploads = [
    ...chunk(prices, MAX_UPLOAD_ITEMS).map((part) => ({ kind: 'price' as const, part, body: part.map((item) => ({ merchantSku: item.sku, price: item.price })) })),
    ...chunk(stocks, MAX_UPLOAD_ITEMS).map((part) => ({ kind: 'stock' as const, part, body: part.map((item) => ({ merchantSku: item.sku, availableStock: item.availableStock })) })),
  ]
  for (const upload of uploads) {
    try {
      await submit(upload.kind, upload.body, upload.part.map((item) => item.sku))
    } catch (error) {
      // Nothing reached Hepsiburada yet: the whole request fails. Otherwise the accepted uploads stay tracked
      // and this one's items fail with the reason (e.g. the 5-uploads-in-progress limit).
      if (refs.length === 0) throw error
      const code = error instanceof KopruError ? (error.provider?.code ?? error.code) : 'internal'
      const message = error instanceof Error ? error.message : String(error)
      for (const item of upload.part) settled.push({ sku: item.sku, status: 'failed', error: { code, message: `${upload.kind}: ${message}` } })
    }
  }
  return { refs, settled }
}

async function inventoryJob(ctx: Ctx, { refs }: { refs: unknown[] }): Promise<InventoryProgress> {
  const parsed = z.array(uploadRef).safeParse(refs)
  if (!parsed.success) throw new KopruError('internal', 'stored Hepsiburada upload references are malformed')
  const results = await Promise.all(
    parsed.data.map(async (ref) => {
      const response = await ctx.request({
        host: 'listing',
        path: `/listings/${merchantPath(ctx)}/${ref.kind}-uploads/id/${encodeURIComponent(ref.id)}`,
        quotaGroup: 'listing',
      })
      return uploadItemResults(ref, readAnswer(hbUploadResult, response), ctx.log)
    }),
  )
  const items = mergeItemResults(results.flat())
  return { status: items.some((item) => item.status === 'pending') ? 'processing' : 'completed', items }
}

// ---------------------------------------------------------------------------------------------- definition

const host = (name: string) => ({ production: `https://${name}.hepsiburada.com`, sandbox: `https://${name}-sit.hepsiburada.com` })

export const hepsiburada = defineProvider<Credentials>({
  id: 'hepsiburada',
  name: 'Hepsiburada',
  kind: 'marketplace',
  website: 'https://www.hepsiburada.com',
  auth: {
    type: 'basic',
    fields: [
      { name: 'merchant_id', label: 'Mağaza ID (Merchant ID)', secret: false, description: 'The GUID shown in the merchant panel; the Basic-auth username' },
      {
        name: 'secret_key',
        label: 'Servis Anahtarı (Secret Key)',
        secret: true,
        description: 'Hesabım → Bilgilerim → Entegrasyon → Entegratör bilgileri; the Basic-auth password',
      },
      {
        name: 'user_agent',
        label: 'Entegratör kullanıcı adı (User-Agent)',
        secret: false,
        description: "The integrator's developer username Hepsiburada issued (e.g. mystore_dev); sent as User-Agent on every call",
      },
    ],
    schema: credentialsSchema,
    apply({ headers }, credentials) {
      headers.set('authorization', basicAuthorization(credentials.merchant_id, credentials.secret_key))
      headers.set('user-agent', credentials.user_agent)
    },
  },
  baseUrls: host('oms-external'),
  hosts: {
    oms: host('oms-external'),
    listing: host('listing-external'),
    mpop: { production: 'https://mpop.hepsiburada.com', sandbox: 'https://mpop-sit.hepsiburada.com' },
  },
  quotas: [
    { group: 'oms', limit: 1000, intervalMs: 1000, scope: 'credential', description: 'oms-external: 1000 requests per second (SIT and prod)' },
    { group: 'listing', limit: 240, intervalMs: 60_000, scope: 'credential', description: 'listing-external: not published; 240 per minute as for its commission lookups' },
    { group: 'default', limit: 180, intervalMs: 60_000, scope: 'credential', description: 'mpop catalog: 180 requests per minute per IP' },
  ],
  operations: operationsOf({ listOrders, getOrder, createFulfillment, listProducts, getProduct, updateInventory, inventoryJob, attachInvoice }),
  proxy: { host: 'oms' },
  async verifyCredentials(ctx) {
    // A one-row read of the paid-orders list checks key, merchant id and User-Agent together.
    await ctx.request({ host: 'oms', path: `/orders/${merchantPath(ctx)}`, query: { offset: 0, limit: 1 }, quotaGroup: 'oms' })
    return { merchant_id: ctx.credentials.merchant_id, user_agent: ctx.credentials.user_agent }
  },
  parseError({ data, text }) {
    if (typeof data === 'string') return { message: data }
    const body = data as { message?: string; title?: string; errors?: ({ message?: string; code?: string } | string)[] } | null
    const first = body?.errors?.[0]
    if (typeof first === 'string') return { message: first }
    return { code: first?.code, message: first?.message ?? body?.message ?? body?.title ?? (text || undefined) }
  },
  simulator: async () => (await import('./simulator.js')).createHepsiburadaSimulator(),
})
