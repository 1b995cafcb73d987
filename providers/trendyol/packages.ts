import { KopruError } from '../../src/core/provider-kit/index.js'
import { readAnswer, type Credentials, type Ctx } from './context.js'
import type { TrendyolPackage } from './types.js'
import { trendyolPackagePage } from './wire.js'

const ordersPath = (credentials: Credentials) => `/integration/order/sellers/${credentials.seller_id}/orders`

/** getShipmentPackages with the given query; the page envelope checked. */
export async function fetchPackages(ctx: Ctx, query: Record<string, string | number | undefined>) {
  const response = await ctx.request({ path: ordersPath(ctx.credentials), query, quotaGroup: 'orders' })
  return readAnswer(trendyolPackagePage, response)
}

/** One package by id, or a 404 the way the unified API words it. */
export async function fetchPackage(ctx: Ctx, id: string): Promise<TrendyolPackage> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Trendyol has no shipment package '${id}'`)
  const body = await fetchPackages(ctx, { shipmentPackageIds: id, page: 0, size: 1 })
  const pkg = body.content.find((candidate) => String(candidate.id) === id)
  if (!pkg) throw new KopruError('not_found', `Trendyol has no shipment package '${id}'`)
  return pkg
}
