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
