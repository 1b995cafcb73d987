/** Trendyol's own shapes, as its seller API documents them (only the fields kopru reads). */
export interface TrendyolAddress {
  id?: number
  firstName?: string | null
  lastName?: string | null
  fullName?: string | null
  company?: string | null
  address1?: string | null
  address2?: string | null
  fullAddress?: string | null
  city?: string | null
  cityCode?: number | null
  district?: string | null
  districtId?: number | null
  neighborhood?: string | null
  postalCode?: string | null
  countryCode?: string | null
  phone?: string | null
}

export interface TrendyolLine {
  id: number
  quantity: number
  productName: string
  productCode?: number | string | null
  merchantSku?: string | null
  sku?: string | null
  stockCode?: string | null
  barcode?: string | null
  amount: number
  price: number
  discount?: number | null
  tyDiscount?: number | null
  vatBaseAmount?: number | null
  vatRate?: number | null
  currencyCode?: string | null
  productSize?: string | null
  productColor?: string | null
  orderLineItemStatusName?: string | null
}

export interface TrendyolPackage {
  id: number | string
  shipmentPackageId?: number | string
  orderNumber: string
  orderDate: number
  lastModifiedDate?: number | null
  status?: string | null
  shipmentPackageStatus?: string | null
  grossAmount: number
  totalDiscount?: number | null
  totalTyDiscount?: number | null
  totalPrice: number
  currencyCode?: string | null
  customerFirstName?: string | null
  customerLastName?: string | null
  customerEmail?: string | null
  customerId?: number | null
  shipmentAddress?: TrendyolAddress | null
  invoiceAddress?: TrendyolAddress | null
  cargoTrackingNumber?: number | string | null
  cargoTrackingLink?: string | null
  cargoProviderName?: string | null
  cargoSenderNumber?: string | null
  packageHistories?: { createdDate: number; status: string }[] | null
  lines: TrendyolLine[]
  [field: string]: unknown
}

export interface TrendyolPage<T> {
  page: number
  size: number
  totalPages: number
  totalElements: number
  content: T[]
}

export interface TrendyolCredentials {
  seller_id: string
  api_key: string
  api_secret: string
}

/** A listing as filterProducts returns it (GET /integration/product/sellers/{sellerId}/products). */
export interface TrendyolProduct {
  /** Trendyol's own 32-hex id; not queryable, so kopru keys listings by barcode. */
  id?: string | null
  approved?: boolean | null
  archived?: boolean | null
  onSale?: boolean | null
  rejected?: boolean | null
  blacklisted?: boolean | null
  locked?: boolean | null
  productCode?: number | null
  productContentId?: number | null
  batchRequestId?: string | null
  supplierId?: number | null
  createDateTime?: number | null
  lastUpdateDate?: number | null
  brand?: string | null
  brandId?: number | null
  barcode: string
  title?: string | null
  categoryName?: string | null
  pimCategoryId?: number | null
  productMainId?: string | null
  description?: string | null
  stockUnitType?: string | null
  quantity?: number | null
  listPrice?: number | null
  salePrice?: number | null
  vatRate?: number | null
  dimensionalWeight?: number | null
  stockCode?: string | null
  images?: { url?: string | null }[] | null
  attributes?: { attributeId?: number; attributeName?: string | null; attributeValue?: string | null; attributeValueId?: number | null }[] | null
  variantAttributes?: { attributeName?: string | null; attributeValue?: string | null }[] | null
  rejectReasonDetails?: unknown[] | null
  productUrl?: string | null
  color?: string | null
  [field: string]: unknown
}

/** One item of a price-and-inventory request; each of quantity, salePrice and listPrice is optional. */
export interface TrendyolInventoryItem {
  barcode: string
  quantity?: number
  salePrice?: number
  listPrice?: number
}

/** getBatchRequestResult for a ProductInventoryUpdate batch. */
export interface TrendyolBatchResult {
  batchRequestId: string
  items?: {
    requestItem?: (Partial<TrendyolInventoryItem> & { updateRequestDate?: string }) | null
    status?: string | null
    failureReasons?: unknown[] | null
  }[] | null
  /** Absent on stock-and-price batches per the docs ("Batch status field will not return to you"). */
  status?: string | null
  creationDate?: number
  lastModification?: number
  sourceType?: string
  itemCount?: number
  failedItemCount?: number
  batchRequestType?: string
}
