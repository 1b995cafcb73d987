/**
 * n11 seller REST API (https://developer.n11.com/documentation/): two plain headers `appkey` and `appsecret`,
 * one host for products (`/ms`), orders (`/rest`) and categories (`/cdn`), no sandbox. Decisions and sources:
 * docs/providers/n11.md.
 */
import { z } from 'zod'
import {
  KopruError,
  assertInventoryItems,
  defineProvider,
  readWire,
  requireInventoryIdentifier,
  parsePageState,
  stringifyJson,
  submitInBatches,
  listPackagesByWindow,
  type InventoryProgress,
  type InventorySubmission,
  type ListInput,
  type ListOrdersInput,
  type OperationContext,
  type Page,
  type UpstreamRequest,
} from '../../src/core/provider-kit/index.js'
import type { InventoryItem, InventoryItemReport, Order, Product } from '../../src/models/index.js'
import {
  ORDER_NUMBER_ID_PREFIX,
  mapN11TaskStatus,
  n11PricePairProblem,
  n11StatusesFor,
  toN11SkuUpdate,
  toUnifiedItemResult,
  toUnifiedOrder,
  toUnifiedProduct,
  unifiedOrderId,
} from './mapping.js'
import type { N11Credentials } from './types.js'
import { n11PackagePage, n11ProductPage, n11TaskCreated, n11TaskDetails } from './wire.js'

const credentialsSchema = z.object({
  app_key: z.string().trim().min(1).max(200),
  app_secret: z.string().trim().min(1).max(200),
  integrator: z.string().trim().min(1).max(60).optional(),
}) satisfies z.ZodType<N11Credentials>

type Credentials = z.infer<typeof credentialsSchema>
type Ctx = OperationContext<Credentials>

const DAY = 24 * 3600_000
/** n11 serves at most 15 days per order query and silently clamps wider ranges. */
const WINDOW_MS = 15 * DAY - 1
/** How far back a listing without `created_after` reaches. */
const DEFAULT_LOOKBACK_MS = 90 * DAY
/** "Kasım 2024 öncesi siparişler bu servisten gelmez": nothing older is served, so never asked for. */
const FIRST_SERVED = Date.parse('2024-11-01T00:00:00+03:00')
const MAX_PACKAGE_PAGE = 100
const MAX_PRODUCT_PAGE = 250
/** "Bir istekte en fazla 1000 SKU." */
const MAX_SKUS_PER_TASK = 1000
const TASK_DETAILS_PAGE = 1000
const MAX_CALLS_PER_PAGE = 10
const DEFAULT_INTEGRATOR = 'Kopru'

/**
 * `ctx.request()` plus the one n11 quirk the generic error mapping cannot see: `/rest` answers a wrong
 * secret with HTTP 400 `SELLER_API.authenticationFailed`, which is a credentials problem, not a bad request.
 */
/** One n11 call, its answer read through `schema` (wire.ts): a surprise is a 502 naming the field. */
async function n11Request<T>(ctx: Ctx, request: UpstreamRequest, schema: z.ZodType<T>): Promise<{ status: number; data: T }> {
  try {
    const response = await ctx.request(request)
    return { status: response.status, data: readWire(schema, response.data, { provider: { id: 'n11', name: 'n11' }, what: 'response', status: response.status }) }
  } catch (error) {
    if (error instanceof KopruError && error.provider?.code === 'SELLER_API.authenticationFailed') {
      throw new KopruError('provider_error', 'n11 rejected the connection\'s credentials (SELLER_API.authenticationFailed)', {
        provider: { ...error.provider, status: 401 },
        cause: error,
      })
    }
    throw error
  }
}

async function fetchPackages(ctx: Ctx, query: Record<string, string | number | undefined>) {
  const response = await n11Request(ctx, { path: '/rest/delivery/v1/shipmentPackages', query, quotaGroup: 'orders' }, n11PackagePage)
  return response.data
}

/** Newest windows first, 15 days each (n11 silently clamps wider ones), n11's pages inside each window. */
async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  const now = Date.now()
  return listPackagesByWindow({
    input,
    range: {
      from: Math.max(FIRST_SERVED, (input.createdAfter ?? new Date(now - DEFAULT_LOOKBACK_MS)).getTime()),
      to: (input.createdBefore ?? new Date(now)).getTime(),
    },
    windowMs: WINDOW_MS,
    pageSize: Math.min(input.limit, MAX_PACKAGE_PAGE),
    maxCalls: MAX_CALLS_PER_PAGE,
    statuses: input.status ? n11StatusesFor(input.status) : undefined,
    fetch: (query) => fetchPackages(ctx, query),
    toOrder: (pkg) => toUnifiedOrder(pkg, ctx.connection.id, ctx.log),
  })
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  const missing = () => new KopruError('not_found', `n11 has no shipment package '${id}'`)
  if (id.startsWith(ORDER_NUMBER_ID_PREFIX)) {
    const orderNumber = id.slice(ORDER_NUMBER_ID_PREFIX.length)
    if (!/^\d{1,20}$/.test(orderNumber)) throw missing()
    const body = await fetchPackages(ctx, { orderNumber, page: 0, size: MAX_PACKAGE_PAGE })
    const pkg = body.content.find((candidate) => unifiedOrderId(candidate) === id)
    if (!pkg) throw missing()
    return toUnifiedOrder(pkg, ctx.connection.id, ctx.log)
  }
  if (!/^\d{1,20}$/.test(id)) throw missing()
  const body = await fetchPackages(ctx, { packageIds: id, page: 0, size: 1 })
  const pkg = body.content.find((candidate) => String(candidate.id) === id)
  if (!pkg) throw missing()
  return toUnifiedOrder(pkg, ctx.connection.id, ctx.log)
}

const productPageState = z.object({ p: z.number().int().min(0), z: z.number().int().min(1).max(MAX_PRODUCT_PAGE) })

async function queryProducts(ctx: Ctx, query: Record<string, string | number>) {
  const body = (await n11Request(ctx, { path: '/ms/product-query', query, quotaGroup: 'default' }, n11ProductPage)).data
  return body
}

async function listProducts(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const state = parsePageState(productPageState, input.page) ?? { p: 0, z: Math.min(input.limit, MAX_PRODUCT_PAGE) }
  const body = await queryProducts(ctx, { page: state.p, size: state.z })
  // The docs' stop rule: follow totalPages, and an empty page is the last one.
  const more = body.content.length > 0 && !body.last && state.p + 1 < body.totalPages
  return {
    data: body.content.map((row) => toUnifiedProduct(row, ctx.connection.id, ctx.log)),
    next: more ? { p: state.p + 1, z: state.z } : null,
  }
}

async function getProduct(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `n11 has no product '${id}'`)
  const body = await queryProducts(ctx, { id, page: 0, size: 1 })
  const row = body.content.find((candidate) => String(candidate.n11ProductId) === id)
  if (!row) throw new KopruError('not_found', `n11 has no product '${id}'`)
  return toUnifiedProduct(row, ctx.connection.id, ctx.log)
}

/** What a job keeps per n11 task: the task id and the SKUs sent in it, so none can go unaccounted. */
const taskRef = z.object({ taskId: z.number().int(), skus: z.array(z.string()) })
type TaskRef = z.infer<typeof taskRef>

/**
 * Price/stock tasks of at most 1000 SKUs. A body n11 refuses as a whole (`REJECT`) is an error for that batch:
 * thrown when nothing was accepted yet, otherwise its SKUs settle as failed (provider-kit submitInBatches).
 */
async function updateInventory(ctx: Ctx, input: { items: InventoryItem[] }): Promise<InventorySubmission> {
  // price-stock-update rows are keyed by stockCode, the seller's own code: the unified `sku`.
  const items = requireInventoryIdentifier(input.items, 'sku', 'n11')
  assertInventoryItems(items, n11PricePairProblem, 'n11 updates a price only as the pair of list price and sale price')
  return submitInBatches(items, MAX_SKUS_PER_TASK, async (batch): Promise<TaskRef> => {
    const payload = { payload: { integrator: ctx.credentials.integrator ?? DEFAULT_INTEGRATOR, skus: batch.map(toN11SkuUpdate) } }
    const response = await n11Request(
      ctx,
      { method: 'POST', path: '/ms/product/tasks/price-stock-update', body: stringifyJson(payload), contentType: 'application/json', quotaGroup: 'default', idempotent: false },
      n11TaskCreated,
    )
    const task = response.data
    if (task?.status === 'IN_QUEUE' && typeof task.id === 'number') return { taskId: task.id, skus: batch.map((item) => item.sku) }
    const message = (task?.reasons ?? []).join('; ') || `n11 answered the task with status ${task?.status ?? 'none'}`
    throw new KopruError('provider_error', `n11 refused the price/stock task: ${message}`, {
      provider: { id: 'n11', status: response.status, code: task?.status ?? undefined, message },
    })
  })
}

async function taskDetails(ctx: Ctx, taskId: number, page: number) {
  const request = { method: 'POST', path: '/ms/product/task-details/page-query', json: { taskId, pageable: { page, size: TASK_DETAILS_PAGE } }, quotaGroup: 'default', idempotent: true }
  return (await n11Request(ctx, request, n11TaskDetails)).data
}

/** Reads every page of each task's details; SKUs of unfinished tasks stay pending, none go missing. */
async function inventoryJob(ctx: Ctx, { refs }: { refs: unknown[] }): Promise<InventoryProgress> {
  const parsed = z.array(taskRef).safeParse(refs)
  if (!parsed.success) throw new KopruError('internal', 'stored n11 task references are malformed')
  const items: InventoryItemReport[] = []
  let processing = false
  for (const ref of parsed.data) {
    const first = await taskDetails(ctx, ref.taskId, 0)
    if (mapN11TaskStatus(first.status, ctx.log) === 'processing') {
      processing = true
      items.push(...ref.skus.map((sku) => ({ sku, status: 'pending' as const })))
      continue
    }
    const rows = [...(first.skus?.content ?? [])]
    for (let page = 1; page < (first.skus?.totalPages ?? 0); page++) rows.push(...((await taskDetails(ctx, ref.taskId, page)).skus?.content ?? []))
    // The gateway sends each SKU once per job, so the first row per SKU is its answer.
    const bySku = new Map<string, InventoryItemReport>()
    for (const row of rows) if (!bySku.has(row.itemCode)) bySku.set(row.itemCode, toUnifiedItemResult(row, ctx.log))
    const taskReasons = (first.reasons ?? []).join('; ')
    for (const sku of ref.skus) {
      const result = bySku.get(sku)
      items.push(
        result ?? {
          sku,
          status: 'failed',
          error: { code: first.status, message: taskReasons || `n11 finished task ${ref.taskId} (${first.status}) without a result for this SKU` },
        },
      )
    }
  }
  return { status: processing ? 'processing' : 'completed', items }
}

export const n11 = defineProvider<Credentials>({
  id: 'n11',
  name: 'n11',
  kind: 'marketplace',
  auth: {
    type: 'api_key',
    fields: [
      { name: 'app_key', label: 'API Anahtarı (appKey)', secret: true },
      { name: 'app_secret', label: 'API Şifresi (appSecret)', secret: true },
    ],
    schema: credentialsSchema,
    apply({ headers }, credentials) {
      headers.set('appkey', credentials.app_key)
      headers.set('appsecret', credentials.app_secret)
    },
  },
  baseUrls: {
    production: 'https://api.n11.com',
    // n11 runs no sandbox. A sandbox connection reaches only an operator-set base URL or the demo's simulator,
    // never production; this reserved name (RFC 6761) cannot resolve.
    sandbox: 'https://sandbox.n11.invalid',
  },
  quotas: [
    { group: 'orders', limit: 1000, intervalMs: 60_000, scope: 'credential', description: 'shipmentPackages: 1000 requests per minute (documented)' },
    { group: 'default', limit: 1000, intervalMs: 60_000, scope: 'credential', description: 'other endpoints: undocumented, assumed like orders' },
  ],
  operations: {
    'orders.list': listOrders,
    'orders.get': getOrder,
    'products.list': listProducts,
    'products.get': getProduct,
    'inventory.update': updateInventory,
    'inventory.job': inventoryJob,
    // No 'fulfillments.create': n11 has no call that accepts a tracking number (see docs/providers/n11.md).
  },
  proxy: {},
  async verifyCredentials(ctx) {
    try {
      // The product query checks key and secret together; the package query checks order access.
      const products = await queryProducts(ctx, { page: 0, size: 1 })
      await fetchPackages(ctx, { page: 0, size: 1 })
      const seller = products.content[0]?.sellerNickname
      return seller ? { seller_nickname: seller } : {}
    } catch (error) {
      if (error instanceof KopruError && error.code === 'provider_unavailable' && ctx.connection.environment === 'sandbox') {
        throw new KopruError('invalid_request', 'n11 has no sandbox; a sandbox connection needs KOPRU_PROVIDER_N11_BASE_URL (e.g. a simulator)', {
          errors: [{ path: 'environment', message: 'n11 offers production only' }],
          cause: error,
        })
      }
      throw error
    }
  },
  parseError({ data }) {
    if (typeof data === 'string') {
      // `/rest` and `/cdn` answer some failures in plain text ("Authentication failed"), unknown paths in HTML.
      return data.trimStart().startsWith('<') ? {} : { message: data.trim() }
    }
    const body = data as { '@type'?: string; message?: string; errors?: { reason?: string }[]; errorCode?: string; errorMessage?: string } | null
    return {
      code: body?.errorCode ?? body?.['@type'],
      message: body?.errorMessage ?? body?.message ?? body?.errors?.[0]?.reason,
    }
  },
  simulator: async () => (await import('./simulator.js')).createN11Simulator(),
})
