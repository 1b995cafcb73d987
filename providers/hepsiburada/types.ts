/**
 * Hepsiburada's own shapes (only the fields kopru reads or the simulator writes), as the portal's OpenAPI
 * documents "siparis-olusturma-entegrasyonu v1.0" (OMS) and "listeleme v1" (listing-external) name them.
 */

/** `{amount, currency}`; amounts are JSON numbers in TL. */
export interface HbMoney {
  amount: number
  currency: string
}

export interface HbAddress {
  addressId?: string | null
  name?: string | null
  address?: string | null
  city?: string | null
  /** ilçe */
  town?: string | null
  /** mahalle / semt */
  district?: string | null
  postalCode?: string | null
  countryCode?: string | null
  phoneNumber?: string | null
  alternatePhoneNumber?: string | null
  email?: string | null
  directions?: string | null
}

/** `model.LineRepresentation`: one order line, as `/orders` lists it and the order detail nests it. */
export interface HbLine {
  id: string
  orderId?: string | null
  orderNumber: string
  /** Turkish local time without offset, e.g. `2026-11-20T21:30:00`. */
  orderDate: string
  status: string
  quantity: number
  sku?: string | null
  /** Capital "SKU" here, unlike everywhere else. */
  merchantSKU?: string | null
  name?: string | null
  merchantId?: string | null
  customerId?: string | null
  customerName?: string | null
  packageNumber?: string | null
  /** The package's delivery (carrier) number once packaged. */
  barcode?: string | null
  productBarcode?: string | null
  unitPrice: HbMoney
  totalPrice: HbMoney
  hbDiscount?: { totalPrice?: HbMoney | null; unitPrice?: HbMoney | null } | null
  merchantDiscount?: { totalPrice?: HbMoney | null; unitPrice?: HbMoney | null } | null
  commission?: HbMoney | null
  commissionRate?: number | null
  vat?: number | null
  vatRate?: number | null
  cargoCompany?: string | null
  cargoCompanyModel?: { id?: number; name?: string; shortName?: string; logoUrl?: string; trackingUrl?: string } | null
  canCreatePackage?: boolean | null
  isCancellable?: boolean | null
  dueDate?: string | null
  lastStatusUpdateDate?: string | null
  shippingAddress?: HbAddress | null
  invoice?: { address?: HbAddress | null; taxNumber?: string | null; taxOffice?: string | null; turkishIdentityNumber?: string | null } | null
  [field: string]: unknown
}

/** `model.OrderRepresentation` (GET /orders/merchantid/{id}/ordernumber/{orderNumber}). */
export interface HbOrderDetail {
  orderId: string
  orderNumber: string
  orderDate: string
  createdDate?: string | null
  paymentStatus?: string | null
  customer?: { customerId?: string | null; name?: string | null } | null
  deliveryAddress?: HbAddress | null
  invoice?: { address?: HbAddress | null; taxNumber?: string | null; taxOffice?: string | null } | null
  items: HbLine[]
  [field: string]: unknown
}

/** The paged envelope of the OMS lists. */
export interface HbPaged<T> {
  items: T[]
  limit: number
  offset: number
  pageCount: number
  totalCount: number
}

/** `model.PackageLine` (only what kopru reads from the package list). */
export interface HbPackageLine {
  lineItemId: string
  orderNumber: string
  orderDate?: string
  merchantSku?: string | null
  hbSku?: string | null
  quantity: number
  totalPrice?: HbMoney
  [field: string]: unknown
}

/** `model.ExternalRawPackageRepresentation` (GET /packages/merchantid/{id}: a bare array). */
export interface HbPackage {
  id: string
  packageNumber: string
  barcode?: string | null
  status: string
  cargoCompany?: string | null
  orderDate?: string | null
  totalPrice?: HbMoney | null
  items: HbPackageLine[]
  [field: string]: unknown
}

/** Shipped / delivered / undelivered rows: PascalCase, unlike the rest of the API. */
export interface HbPackageStatusRow {
  Id: string
  PackageNumber: string
  Barcode?: string | null
  OrderNumber: string
  OrderNumbers?: string[]
  MerchantId?: string
  ShippedDate?: string
  DeliveredDate?: string
  UndeliveredDate?: string
  UndeliveredReason?: string
  [field: string]: unknown
}

/** Cancelled rows (camelCase again). */
export interface HbCancelledLine {
  lineItemId: string
  orderNumber: string
  merchantId?: string
  merchantSku?: string | null
  sku?: string | null
  quantity: number
  cancelDate?: string | null
  cancelReasonCode?: string | null
  cancelledBy?: string | null
}

/** `Listing` of listing-external (additionalProperties: false in the portal's OpenAPI). */
export interface HbListing {
  listingId: string
  uniqueIdentifier?: string | null
  hepsiburadaSku: string
  merchantSku: string
  price: number
  availableStock: number
  dispatchTime?: number | null
  cargoCompany1?: string | null
  cargoCompany2?: string | null
  cargoCompany3?: string | null
  shippingAddressLabel?: string | null
  claimAddressLabel?: string | null
  maximumPurchasableQuantity?: number | null
  minimumPurchasableQuantity?: number | null
  pricings?: { finalPrice: number; startDate?: string | null; endDate?: string | null; debtors?: unknown[] }[] | null
  isSalable: boolean
  deactivationReasons?: string[] | null
  isSuspended?: boolean | null
  isLocked?: boolean | null
  lockReasons?: string[] | null
  isFrozen?: boolean | null
  freezeReasons?: string[] | null
  isFulfilledByHB?: boolean | null
  productId?: string | null
  hasVariant?: boolean | null
  [field: string]: unknown
}

export interface HbListingsPage {
  listings: HbListing[] | null
  totalCount: number
  limit: number
  offset: number
}

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
export interface HbUploadResult {
  id: string
  status: string
  createdAt?: string
  total?: number
  errors?: { elementNo: number; hepsiburadaSku?: string | null; merchantSku?: string | null; errors: string[] }[] | null
  priceValidations?:
    | { elementNo: number; hepsiburadaSku?: string | null; merchantSku?: string | null; type: string; minPrice?: number | null; maxPrice?: number | null; description?: string | null }[]
    | null
}

export interface HbCredentials {
  merchant_id: string
  secret_key: string
  user_agent: string
}
