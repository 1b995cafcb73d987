/**
 * Trendyol seller API (https://developers.trendyol.com): Basic auth with the seller's API key and secret,
 * a mandatory `User-Agent: <sellerId> - SelfIntegration`, 50 requests per 10 s per endpoint.
 */
import {
  defineProvider,
  listPackagesByWindow,
  operationsOf,
  utcToLocalEpoch,
  type ListOrdersInput,
  type Page,
} from '../../src/core/provider-kit/index.js'
import type { Order } from '../../src/models/index.js'
import { trendyolAuth, type Credentials, type Ctx } from './context.js'
import { createFulfillment } from './fulfillments.js'
import { attachInvoice } from './invoices.js'
import { getInventoryJob, updateInventory } from './inventory.js'
import { toUnifiedOrder, trendyolStatusesFor } from './mapping.js'
import { fetchPackage, fetchPackages } from './packages.js'
import { getProduct, listProducts } from './products.js'
import { trendyolWebhooks } from './webhooks.js'

/** Trendyol refuses order queries spanning more than two weeks. */
const WINDOW_MS = 14 * 24 * 3600_000 - 1
/** How far back a listing without `created_after` reaches (Trendyol keeps three months of packages here). */
const DEFAULT_LOOKBACK_MS = 90 * 24 * 3600_000
/** Upstream calls one unified list call may spend filling a page (empty windows, filtered rows). */
const MAX_CALLS_PER_PAGE = 10

/**
 * Newest first, walking two-week windows backwards (Trendyol refuses wider ones) and Trendyol's pages
 * inside each, in Trendyol's local-time epoch millis.
 */
async function listOrders(ctx: Ctx, input: ListOrdersInput): Promise<Page<Order>> {
  return listPackagesByWindow({
    input,
    range: {
      from: utcToLocalEpoch(input.createdAfter ?? new Date(Date.now() - DEFAULT_LOOKBACK_MS)),
      to: utcToLocalEpoch(input.createdBefore ?? new Date()),
    },
    windowMs: WINDOW_MS,
    pageSize: input.limit,
    maxCalls: MAX_CALLS_PER_PAGE,
    statuses: input.status ? trendyolStatusesFor(input.status) : undefined,
    fetch: (query) => fetchPackages(ctx, query),
    toOrder: ({ pkg, raw }) => toUnifiedOrder(pkg, ctx.connection.id, ctx.log, raw),
  })
}

async function getOrder(ctx: Ctx, { id }: { id: string }): Promise<Order> {
  const { pkg, raw } = await fetchPackage(ctx, id)
  return toUnifiedOrder(pkg, ctx.connection.id, ctx.log, raw)
}

export const trendyol = defineProvider<Credentials>({
  id: 'trendyol',
  name: 'Trendyol',
  kind: 'marketplace',
  website: 'https://www.trendyol.com',
  auth: trendyolAuth,
  baseUrls: {
    production: 'https://apigw.trendyol.com',
    sandbox: 'https://stageapigw.trendyol.com',
  },
  // "Service Limitations": 50 requests per 10 seconds per endpoint, per seller.
  quotas: [
    { group: 'orders', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'getShipmentPackages', paths: /^\/integration\/order\/sellers\/[^/]+\/orders$/ },
    { group: 'products', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'filterProducts', paths: /^\/integration\/product\/sellers\/[^/]+\/products$/ },
    { group: 'inventory', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'updatePriceAndInventory', paths: /^\/integration\/inventory\/sellers\/[^/]+\/products\/price-and-inventory$/ },
    { group: 'batch-results', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'getBatchRequestResult', paths: /^\/integration\/product\/sellers\/[^/]+\/products\/batch-requests\/[^/]+$/ },
    { group: 'shipment-packages', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'package status, cargo provider and tracking number updates', paths: /^\/integration\/order\/sellers\/[^/]+\/shipment-packages\/.+$/ },
    { group: 'default', limit: 50, intervalMs: 10_000, scope: 'credential', description: 'any other endpoint' },
  ],
  operations: operationsOf({ listOrders, getOrder, createFulfillment, listProducts, getProduct, updateInventory, inventoryJob: getInventoryJob, attachInvoice }),
  proxy: {},
  webhooks: trendyolWebhooks,
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
