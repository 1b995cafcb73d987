/**
 * Zod schemas of n11's answers, from its seller REST API documentation (developer.n11.com/documentation:
 * "Sipariş Listeleme" shipmentPackages, "Ürün Sorgulama" product-query, "Ürün Fiyat-Stok Güncelleme" and
 * "Task Detail Sorgulama"; checked 2026-12-02). Lenient where n11 is, strict where kopru computes: amounts,
 * quantities, epoch millis, ids.
 */
import { z } from 'zod'
import { wireAmount, wireCount, wireEpochMillis, wireText } from '../../src/core/provider-kit/index.js'

const numeric = z.number().int().nullish()
const stringish = z.union([z.string(), z.number()]).transform(String)
/**
 * n11's numeric ids: numbers in its documentation's examples, JSON strings in Lonca's prod capture of
 * shipmentPackages (2026-10-10: `"id": "300000001"`); n11 also warns that ids grow wider. Both are read.
 */
const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/, 'a numeric id')])

export const n11Address = z.looseObject({
  fullName: wireText,
  address: wireText,
  city: wireText,
  district: wireText,
  neighborhood: wireText,
  postalCode: stringish.nullish(),
  gsm: wireText,
  tcId: wireText,
  taxId: wireText,
  taxHouse: wireText,
  invoiceType: numeric,
  countryCode: wireText,
})

export const n11Line = z.looseObject({
  orderLineId: numericId,
  productId: numeric,
  productName: z.string().nullish(),
  stockCode: wireText,
  barcode: wireText,
  quantity: wireCount,
  price: wireAmount,
  dueAmount: wireAmount.nullish(),
  sellerDiscount: wireAmount.nullish(),
  sellerCouponDiscount: wireAmount.nullish(),
  totalSellerDiscountPrice: wireAmount.nullish(),
  mallDiscount: wireAmount.nullish(),
  totalMallDiscountPrice: wireAmount.nullish(),
  sellerInvoiceAmount: wireAmount.nullish(),
  vatRate: z.number().min(0).max(100).nullish(),
  commissionRate: z.number().nullish(),
  orderItemLineItemStatusName: wireText,
  variantAttributes: z.array(z.looseObject({ name: z.string(), value: stringish })).nullish(),
})

export const n11Package = z.looseObject({
  id: numericId.nullable(),
  orderNumber: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
  shipmentPackageStatus: z.string(),
  lastModifiedDate: wireEpochMillis,
  agreedDeliveryDate: wireEpochMillis.nullish(),
  customerId: numeric,
  customerfullName: wireText,
  customerEmail: wireText,
  tcIdentityNumber: wireText,
  taxId: wireText,
  taxOffice: wireText,
  billingAddress: n11Address.nullish(),
  shippingAddress: n11Address.nullish(),
  deliveryAddressType: wireText,
  shipmentCompanyId: numeric,
  cargoProviderName: wireText,
  cargoTrackingNumber: z.union([z.string(), z.number()]).nullish(),
  cargoSenderNumber: wireText,
  cargoTrackingLink: wireText,
  shipmentMethod: numeric,
  totalAmount: wireAmount,
  totalDiscountAmount: wireAmount.nullish(),
  // Lonca's prod capture has history entries without `createdDate` (`{status: "Picking"}`).
  packageHistories: z.array(z.looseObject({ createdDate: wireEpochMillis.nullish(), status: z.string() })).nullish(),
  lines: z.array(n11Line),
})

export const n11PackagePage = z.looseObject({
  content: z.array(n11Package),
  pageCount: z.number().int().nullish(),
  totalPages: wireCount,
  page: z.number().int().nullish(),
  size: z.number().int().nullish(),
})

export const n11Product = z.looseObject({
  n11ProductId: z.number().int().nonnegative(),
  sellerId: numeric,
  sellerNickname: wireText,
  stockCode: z.string(),
  title: z.string(),
  description: wireText,
  categoryId: numeric,
  productMainId: wireText,
  status: wireText,
  saleStatus: wireText,
  preparingDay: numeric,
  shipmentTemplate: wireText,
  maxPurchaseQuantity: numeric,
  catalogId: numeric,
  barcode: wireText,
  groupId: numeric,
  currencyType: wireText,
  salePrice: wireAmount.nullish(),
  listPrice: wireAmount.nullish(),
  quantity: z.number().int().min(-1e9).max(1e9).nullish(),
  attributes: z.array(z.looseObject({ attributeId: numeric, attributeName: z.string().nullish(), attributeValue: stringish.nullish() })).nullish(),
  imageUrls: z.array(z.string().nullable()).nullish(),
  vatRate: z.number().nullish(),
  commissionRate: z.number().nullish(),
  sender: wireText,
})

export const n11SpringPage = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    content: z.array(item),
    totalElements: wireCount.nullish(),
    totalPages: wireCount,
    number: z.number().int().nullish(),
    size: z.number().int().nullish(),
    numberOfElements: z.number().int().nullish(),
    first: z.boolean().nullish(),
    last: z.boolean().nullish(),
    empty: z.boolean().nullish(),
  })

/** The product-query page, built once: a zod schema compiles on first use, so one per call costs more than the parse. */
export const n11ProductPage = n11SpringPage(n11Product)

export const n11TaskCreated = z.looseObject({
  id: z.number().int().nullish(),
  type: wireText,
  status: wireText,
  reasons: z.array(z.string()).nullish(),
})

export const n11TaskSkuResult = z.looseObject({
  itemCode: z.string(),
  status: wireText,
  reasons: z.array(z.string()).nullish(),
  sku: z.looseObject({ reasons: z.array(z.string()).nullish() }).nullish(),
})

export const n11TaskDetails = z.looseObject({
  taskId: z.number().int().nullish(),
  createdDate: wireText,
  modifiedDate: wireText,
  status: z.string(),
  reasons: z.array(z.string()).nullish(),
  skus: n11SpringPage(n11TaskSkuResult).nullish(),
})
