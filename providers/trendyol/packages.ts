import { KopruError } from '../../src/core/provider-kit/index.js'
import { readAnswer, type Credentials, type Ctx } from './context.js'
import type { TrendyolPackage } from './types.js'
import { trendyolPackagePage } from './wire.js'

const ordersPath = (credentials: Credentials) => `/integration/order/sellers/${credentials.seller_id}/orders`

/** A package read through its wire schema, beside the object Trendyol sent (the unified order's `raw`). */
export interface PackageRow {
  pkg: TrendyolPackage
  raw: unknown
}

interface PackageRows {
  totalPages: number
  content: PackageRow[]
}

/** getShipmentPackages with the given query; the page envelope checked. Not async: no frame of its own held over the call. */
export function fetchPackages(ctx: Ctx, query: Record<string, string | number | undefined>): Promise<PackageRows> {
  return ctx.request({ path: ordersPath(ctx.credentials), query, quotaGroup: 'orders' }).then(packageRows)
}

function packageRows(response: { status: number; data: unknown }): PackageRows {
  const body = readAnswer(trendyolPackagePage, response)
  // The schema read it, so `content` is an array of the same length.
  const sent = (response.data as { content: unknown[] }).content
  return { totalPages: body.totalPages, content: body.content.map((pkg, i) => ({ pkg, raw: sent[i] })) }
}

/** One package by id, or a 404 the way the unified API words it. */
export async function fetchPackage(ctx: Ctx, id: string): Promise<PackageRow> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Trendyol has no shipment package '${id}'`)
  const body = await fetchPackages(ctx, { shipmentPackageIds: id, page: 0, size: 1 })
  const row = body.content.find((candidate) => String(candidate.pkg.id) === id)
  if (!row) throw new KopruError('not_found', `Trendyol has no shipment package '${id}'`)
  return row
}
