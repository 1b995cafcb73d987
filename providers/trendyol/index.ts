/**
 * Trendyol seller API (https://developers.trendyol.com): Basic auth with the seller's API key and secret,
 * a mandatory `User-Agent: <sellerId> - SelfIntegration`, 50 requests per 10 s per endpoint.
 */
import { z } from 'zod'
import {
  KopruError,
  basicAuthorization,
  defineProvider,
  parsePageState,
  utcToLocalEpoch,
  type ListOrdersInput,
  type OperationContext,
  type Page,
} from '../../src/core/provider-kit/index.js'
import type { Order } from '../../src/models/index.js'
import { toUnifiedOrder, trendyolStatusesFor } from './mapping.js'
import type { TrendyolCredentials, TrendyolPackage, TrendyolPage } from './types.js'

const credentialsSchema = z.object({
  seller_id: z.string().trim().regex(/^\d{1,12}$/, 'the numeric Trendyol seller id (Satıcı ID)'),
  api_key: z.string().trim().min(1).max(200),
  api_secret: z.string().trim().min(1).max(200),
  integrator_name: z.string().trim().min(1).max(60).optional(),
}) satisfies z.ZodType<TrendyolCredentials>

type Credentials = z.infer<typeof credentialsSchema>
type Ctx = OperationContext<Credentials>

/** Trendyol refuses order queries spanning more than two weeks. */
const WINDOW_MS = 14 * 24 * 3600_000 - 1
/** How far back a listing without `created_after` reaches (Trendyol keeps three months of packages here). */
const DEFAULT_LOOKBACK_MS = 90 * 24 * 3600_000
/** Upstream calls one unified list call may spend filling a page (empty windows, filtered rows). */
const MAX_CALLS_PER_PAGE = 10

interface OrdersPageState {
  /** Window end and overall lower bound, as Trendyol's local-time epoch millis. */
  e: number
  s: number
  /** Trendyol page number and page size inside the window, and the offset of the next row in that page. */
  p: number
  z: number
  o: number
}

const pageState = z
  .object({ e: z.number().int(), s: z.number().int(), p: z.number().int().min(0), z: z.number().int().min(1).max(200), o: z.number().int().min(0) })

const ordersPath = (credentials: Credentials) => `/integration/order/sellers/${credentials.seller_id}/orders`

async function fetchPackages(ctx: Ctx, query: Record<string, string | number | undefined>) {
  const response = await ctx.request<TrendyolPage<TrendyolPackage>>({
    path: ordersPath(ctx.credentials),
    query,
    quotaGroup: 'orders',
  })
  const body = response.data
  if (!body || !Array.isArray(body.content)) {
    throw new KopruError('provider_error', 'Trendyol answered the order query without a content array', {
      provider: { id: 'trendyol', status: response.status },
    })
  }
  return body
}

/**
 * Newest first, walking two-week windows backwards (Trendyol refuses wider ones) and Trendyol's pages
 * inside each. The first call pins the window end, so orders arriving meanwhile never shift the pages.
 */
async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  let state: OrdersPageState | null = parsePageState(pageState, input.page) ?? {
    e: utcToLocalEpoch(input.createdBefore ?? new Date()),
    s: utcToLocalEpoch(input.createdAfter ?? new Date(Date.now() - DEFAULT_LOOKBACK_MS)),
    p: 0,
    z: input.limit,
    o: 0,
  }
  const wanted = input.status ? trendyolStatusesFor(input.status) : undefined
  const matches = (order: Order) =>
    (!input.status || order.status === input.status) && (!input.updatedAfter || new Date(order.updated_at) >= input.updatedAfter)
  const data: Order[] = []
  for (let calls = 0; state && data.length < input.limit && calls < MAX_CALLS_PER_PAGE; calls++) {
    const windowStart: number = Math.max(state.s, state.e - WINDOW_MS)
    const body = await fetchPackages(ctx, {
      startDate: windowStart,
      endDate: state.e,
      page: state.p,
      size: state.z,
      status: wanted?.length === 1 ? wanted[0] : undefined,
    })
    let row: number = state.o
    for (; row < body.content.length && data.length < input.limit; row++) {
      const order = toUnifiedOrder(body.content[row]!, ctx.connection.id, ctx.log)
      if (matches(order)) data.push(order)
    }
    if (row < body.content.length) state = { ...state, o: row }
    else if (state.p + 1 < body.totalPages) state = { ...state, p: state.p + 1, o: 0 }
    else if (windowStart > state.s) state = { e: windowStart - 1, s: state.s, p: 0, z: input.limit, o: 0 }
    else state = null
  }
  return { data, next: state }
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Trendyol has no shipment package '${id}'`)
  const body = await fetchPackages(ctx, { shipmentPackageIds: id, page: 0, size: 1 })
  const pkg = body.content.find((candidate) => String(candidate.id) === id)
  if (!pkg) throw new KopruError('not_found', `Trendyol has no shipment package '${id}'`)
  return toUnifiedOrder(pkg, ctx.connection.id, ctx.log)
}

export const trendyol = defineProvider<Credentials>({
  id: 'trendyol',
  name: 'Trendyol',
  kind: 'marketplace',
  auth: {
    type: 'basic',
    fields: [
      { name: 'seller_id', label: 'Satıcı ID (Seller ID)', secret: false },
      { name: 'api_key', label: 'API Key', secret: true },
      { name: 'api_secret', label: 'API Secret', secret: true },
    ],
    schema: credentialsSchema,
    apply({ headers }, credentials) {
      headers.set('authorization', basicAuthorization(credentials.api_key, credentials.api_secret))
      headers.set('user-agent', `${credentials.seller_id} - ${credentials.integrator_name ?? 'SelfIntegration'}`)
    },
  },
  baseUrls: {
    production: 'https://apigw.trendyol.com',
    sandbox: 'https://stageapigw.trendyol.com',
  },
  // "Service Limitations": 50 requests per 10 seconds per endpoint, per seller.
  quotas: [
    { group: 'orders', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'getShipmentPackages', paths: /^\/integration\/order\/sellers\/[^/]+\/orders$/ },
    { group: 'default', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'any other endpoint' },
  ],
  operations: {
    'orders.list': listOrders,
    'orders.get': getOrder,
  },
  proxy: {},
  async verifyCredentials(ctx) {
    await fetchPackages(ctx, { page: 0, size: 1 })
    return { seller_id: ctx.credentials.seller_id }
  },
  parseError({ data }) {
    const body = data as { errors?: { key?: string; message?: string }[]; exception?: string; message?: string } | null
    const first = body?.errors?.[0]
    return {
      code: first?.key ?? body?.exception,
      message: first?.message ?? body?.message,
    }
  },
  simulator: async () => (await import('./simulator.js')).createTrendyolSimulator(),
})
