import type { z } from 'zod'
import type { n11Address, n11Line, n11Package, n11Product, n11TaskSkuResult } from './wire.js'

/** n11's own wire shapes (developer.n11.com, 2026), only the fields kopru reads or the simulator writes. */

export interface N11Credentials {
  app_key: string
  app_secret: string
  /** `payload.integrator` of product tasks ("use the same name in every request"); defaults to "Kopru". */
  integrator?: string
}

export type N11Address = z.output<typeof n11Address>

export type N11Line = z.output<typeof n11Line>

export type N11Package = z.output<typeof n11Package>

/** The shipmentPackages envelope: `pageCount` is the number of rows in this page, not of pages. */
export interface N11PackagePage {
  content: N11Package[]
  pageCount: number
  totalPages: number
  page: number
  size: number
}

export type N11Product = z.output<typeof n11Product>

/** A Spring Data page (product query, task details). */
export interface N11SpringPage<T> {
  content: T[]
  pageable?: { pageNumber: number; pageSize: number; offset: number; paged: boolean; unpaged: boolean; sort?: unknown }
  totalElements: number
  totalPages: number
  number: number
  size: number
  numberOfElements: number
  first: boolean
  last: boolean
  empty: boolean
}

export interface N11SkuUpdate {
  stockCode: string
  quantity?: number
  listPrice?: number
  salePrice?: number
  currencyType?: 'TL' | 'USD' | 'EUR'
}

/** The synchronous answer of a product task (price-stock-update and its siblings). */
export interface N11TaskCreated {
  id: number | null
  type: string
  status: string
  reasons?: string[] | null
}

export type N11TaskSkuResult = z.output<typeof n11TaskSkuResult>

export interface N11TaskDetails {
  taskId: number
  /** `dd-MM-yyyy HH:mm:ss`, Istanbul wall-clock time. */
  createdDate: string
  modifiedDate: string
  status: string
  reasons?: string[] | null
  skus: N11SpringPage<N11TaskSkuResult>
}
