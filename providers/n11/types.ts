/** n11's own wire shapes (developer.n11.com, 2026), only the fields kopru reads or the simulator writes. */

export interface N11Credentials {
  app_key: string
  app_secret: string
  /** `payload.integrator` of product tasks ("use the same name in every request"); defaults to "Kopru". */
  integrator?: string
}

export interface N11Address {
  fullName?: string | null
  address?: string | null
  city?: string | null
  district?: string | null
  neighborhood?: string | null
  postalCode?: string | null
  gsm?: string | null
  tcId?: string | null
  taxId?: string | null
  taxHouse?: string | null
  invoiceType?: number | null
  countryCode?: string | null
}

export interface N11Line {
  orderLineId: number
  productId?: number | null
  productName: string
  stockCode?: string | null
  barcode?: string | null
  quantity: number
  /** Unit price before discounts. */
  price: number
  dueAmount?: number | null
  sellerDiscount?: number | null
  sellerCouponDiscount?: number | null
  totalSellerDiscountPrice?: number | null
  mallDiscount?: number | null
  totalMallDiscountPrice?: number | null
  sellerInvoiceAmount?: number | null
  vatRate?: number | null
  commissionRate?: number | null
  orderItemLineItemStatusName?: string | null
  variantAttributes?: { name: string; value: string }[] | null
  [field: string]: unknown
}

export interface N11Package {
  /** Null for "Konuma Özel Teslimat" orders. */
  id: number | null
  orderNumber: string
  shipmentPackageStatus: string
  lastModifiedDate: number
  agreedDeliveryDate?: number | null
  customerId?: number | null
  customerfullName?: string | null
  customerEmail?: string | null
  tcIdentityNumber?: string | null
  taxId?: string | null
  taxOffice?: string | null
  billingAddress?: N11Address | null
  shippingAddress?: N11Address | null
  deliveryAddressType?: string | null
  shipmentCompanyId?: number | null
  cargoProviderName?: string | null
  /** n11's campaign code the seller hands to the carrier, not a tracking number. */
  cargoTrackingNumber?: string | number | null
  /** The carrier's tracking number, filled once the carrier invoices the parcel. */
  cargoSenderNumber?: string | null
  cargoTrackingLink?: string | null
  shipmentMethod?: number | null
  totalAmount: number
  totalDiscountAmount?: number | null
  packageHistories?: { createdDate: number; status: string }[] | null
  lines: N11Line[]
  [field: string]: unknown
}

/** The shipmentPackages envelope: `pageCount` is the number of rows in this page, not of pages. */
export interface N11PackagePage {
  content: N11Package[]
  pageCount: number
  totalPages: number
  page: number
  size: number
}

export interface N11Product {
  n11ProductId: number
  sellerId?: number
  sellerNickname?: string
  stockCode: string
  title: string
  description?: string | null
  categoryId?: number | null
  productMainId?: string | null
  status: string
  saleStatus?: string | null
  preparingDay?: number | null
  shipmentTemplate?: string | null
  maxPurchaseQuantity?: number | null
  catalogId?: number | null
  barcode?: string | null
  groupId?: number | null
  currencyType?: string | null
  salePrice?: number | null
  listPrice?: number | null
  quantity?: number | null
  attributes?: { attributeId: number; attributeName: string; attributeValue: string }[] | null
  imageUrls?: string[] | null
  vatRate?: number | null
  commissionRate?: number | null
  sender?: string | null
  [field: string]: unknown
}

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

export interface N11TaskSkuResult {
  itemCode: string
  status: string
  reasons?: string[] | null
  sku?: { salePrice?: number; listPrice?: number; currencyType?: string; stock?: number; reasons?: string[] | null } | null
}

export interface N11TaskDetails {
  taskId: number
  /** `dd-MM-yyyy HH:mm:ss`, Istanbul wall-clock time. */
  createdDate: string
  modifiedDate: string
  status: string
  reasons?: string[] | null
  skus: N11SpringPage<N11TaskSkuResult>
}
