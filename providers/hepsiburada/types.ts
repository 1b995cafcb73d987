import type { z } from 'zod'
import type { hbAddress, hbCancelledLine, hbLine, hbListing, hbListingsPage, hbMoney, hbOrderDetail, hbPackage, hbPackageLine, hbPackageStatusRow, hbUploadResult } from './wire.js'

/**
 * Hepsiburada's own shapes (the output of the schemas in wire.ts; only the fields kopru reads or the simulator
 * writes), as the portal's OpenAPI documents "siparis-olusturma-entegrasyonu v1.0" (OMS) and "listeleme v1" (listing-external) name them.
 */

/** `{amount, currency}`; amounts are JSON numbers in TL. */
export type HbMoney = z.output<typeof hbMoney>

export type HbAddress = z.output<typeof hbAddress>

/** `model.LineRepresentation`: one order line, as `/orders` lists it and the order detail nests it. */
export type HbLine = z.output<typeof hbLine>

/** `model.OrderRepresentation` (GET /orders/merchantid/{id}/ordernumber/{orderNumber}). */
export type HbOrderDetail = z.output<typeof hbOrderDetail>

/** The paged envelope of the OMS lists. */
export interface HbPaged<T> {
  items: T[]
  limit?: number | null
  offset?: number | null
  pageCount?: number | null
  totalCount: number
}

/** `model.PackageLine` (only what kopru reads from the package list). */
export type HbPackageLine = z.output<typeof hbPackageLine>

/** `model.ExternalRawPackageRepresentation` (GET /packages/merchantid/{id}: a bare array). */
export type HbPackage = z.output<typeof hbPackage>

/** Shipped / delivered / undelivered rows: PascalCase, unlike the rest of the API. */
export type HbPackageStatusRow = z.output<typeof hbPackageStatusRow>

/** Cancelled rows (camelCase again). */
export type HbCancelledLine = z.output<typeof hbCancelledLine>

/** `Listing` of listing-external (additionalProperties: false in the portal's OpenAPI). */
export type HbListing = z.output<typeof hbListing>

export type HbListingsPage = z.output<typeof hbListingsPage>

export interface HbPriceUploadItem {
  hepsiburadaSku?: string
  merchantSku?: string
  price: number
}

export interface HbStockUploadItem {
  hepsiburadaSku?: string
  merchantSku?: string
  availableStock: number
  maximumPurchasableQuantity?: number
}

/** Upload status (price-uploads/id/{id}, stock-uploads/id/{id}). `elementNo` is 1-based. */
export type HbUploadResult = z.output<typeof hbUploadResult>

export interface HbCredentials {
  merchant_id: string
  secret_key: string
  user_agent: string
}
