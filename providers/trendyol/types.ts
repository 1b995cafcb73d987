import type { z } from 'zod'
import type { trendyolAddress, trendyolBatchResult, trendyolLine, trendyolPackage, trendyolProduct } from './wire.js'

/** Trendyol's own shapes, as its seller API documents them (only the fields kopru reads; parsed by wire.ts). */
export type TrendyolAddress = z.output<typeof trendyolAddress>

export type TrendyolLine = z.output<typeof trendyolLine>

export type TrendyolPackage = z.output<typeof trendyolPackage>

/**
 * A package as Trendyol sends it: the fields kopru reads and the ones it does not (the wire schemas strip those;
 * the unified order's `raw` is the object as sent). The simulator and the fixtures build these.
 */
export type TrendyolSentPackage = TrendyolPackage & Record<string, unknown>

export interface TrendyolPage<T> {
  page?: number | null
  size?: number | null
  totalPages: number
  totalElements?: number | null
  content: T[]
}

export interface TrendyolCredentials {
  seller_id: string
  api_key: string
  api_secret: string
}

/** A listing as filterProducts returns it (GET /integration/product/sellers/{sellerId}/products). */
export type TrendyolProduct = z.output<typeof trendyolProduct>

/** A listing as Trendyol sends it, with the fields kopru does not read. */
export type TrendyolSentProduct = TrendyolProduct & Record<string, unknown>

/** One item of a price-and-inventory request; each of quantity, salePrice and listPrice is optional. */
export interface TrendyolInventoryItem {
  barcode: string
  quantity?: number
  salePrice?: number
  listPrice?: number
}

/** getBatchRequestResult for a ProductInventoryUpdate batch. */
export type TrendyolBatchResult = z.output<typeof trendyolBatchResult>
