/**
 * Zod schemas of Trendyol's answers, from its seller API documentation (developers.trendyol.com:
 * getShipmentPackages, filterProducts, updatePriceAndInventory, getBatchRequestResult; checked 2026-12-02).
 * Lenient where Trendyol is (optional fields, statuses as free strings, unknown fields allowed), strict where kopru
 * computes: amounts, quantities, epoch millis, ids. Unknown fields are stripped, not copied: the unified objects'
 * `raw` is the object as Trendyol sent it, and zod's compiled object parser skips the catch-all pass a loose
 * object needs (≈ 30 % of the parse of a package).
 */
import { z } from 'zod'
import { wireAmount, wireCount, wireCurrency, wireEpochMillis, wireText } from '../../src/core/provider-kit/index.js'

const numeric = z.number().int().nullish()
const idLike = z.union([z.number().int().nonnegative(), z.string().min(1)])

export const trendyolAddress = z.object({
  id: numeric,
  firstName: wireText,
  lastName: wireText,
  fullName: wireText,
  company: wireText,
  address1: wireText,
  address2: wireText,
  fullAddress: wireText,
  city: wireText,
  cityCode: numeric,
  district: wireText,
  districtId: numeric,
  neighborhood: wireText,
  postalCode: z.union([z.string(), z.number().int()]).transform(String).nullish(),
  countryCode: wireText,
  phone: wireText,
})

export const trendyolLine = z.object({
  id: idLike,
  quantity: wireCount,
  productName: z.string().nullish(),
  productCode: z.union([z.number(), z.string()]).nullish(),
  merchantSku: wireText,
  sku: wireText,
  stockCode: wireText,
  barcode: wireText,
  amount: wireAmount,
  price: wireAmount,
  discount: wireAmount.nullish(),
  tyDiscount: wireAmount.nullish(),
  vatBaseAmount: wireAmount.nullish(),
  vatRate: z.number().min(0).max(100).nullish(),
  currencyCode: wireCurrency.nullish(),
  productSize: wireText,
  productColor: wireText,
  orderLineItemStatusName: wireText,
})

export const trendyolPackage = z.object({
  id: idLike,
  shipmentPackageId: idLike.nullish(),
  orderNumber: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
  orderDate: wireEpochMillis,
  lastModifiedDate: wireEpochMillis.nullish(),
  status: wireText,
  shipmentPackageStatus: wireText,
  grossAmount: wireAmount,
  totalDiscount: wireAmount.nullish(),
  totalTyDiscount: wireAmount.nullish(),
  totalPrice: wireAmount,
  currencyCode: wireCurrency.nullish(),
  customerFirstName: wireText,
  customerLastName: wireText,
  customerEmail: wireText,
  customerId: numeric,
  shipmentAddress: trendyolAddress.nullish(),
  invoiceAddress: trendyolAddress.nullish(),
  cargoTrackingNumber: z.union([z.number().int().nonnegative(), z.string()]).nullish(),
  cargoTrackingLink: wireText,
  cargoProviderName: wireText,
  cargoSenderNumber: wireText,
  packageHistories: z.array(z.object({ createdDate: wireEpochMillis, status: z.string() })).nullish(),
  lines: z.array(trendyolLine),
})

export const trendyolPage = <T extends z.ZodType>(item: T) =>
  z.object({ page: z.number().int().nullish(), size: z.number().int().nullish(), totalPages: wireCount, totalElements: wireCount.nullish(), content: z.array(item) })

/** getShipmentPackages' page, built once: a zod schema compiles on first use, so one per call costs more than the parse. */
export const trendyolPackagePage = trendyolPage(trendyolPackage)

export const trendyolProduct = z.object({
  id: wireText,
  approved: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  onSale: z.boolean().nullish(),
  rejected: z.boolean().nullish(),
  blacklisted: z.boolean().nullish(),
  locked: z.boolean().nullish(),
  productCode: numeric,
  productContentId: numeric,
  batchRequestId: wireText,
  supplierId: numeric,
  createDateTime: wireEpochMillis.nullish(),
  lastUpdateDate: wireEpochMillis.nullish(),
  brand: wireText,
  brandId: numeric,
  barcode: z.string().min(1),
  title: wireText,
  categoryName: wireText,
  pimCategoryId: numeric,
  productMainId: wireText,
  description: wireText,
  stockUnitType: wireText,
  quantity: z.number().min(-1e9).max(1e9).nullish(),
  listPrice: wireAmount.nullish(),
  salePrice: wireAmount.nullish(),
  vatRate: z.number().nullish(),
  dimensionalWeight: z.number().nullish(),
  stockCode: wireText,
  images: z.array(z.object({ url: wireText }).nullable()).nullish(),
  attributes: z
    .array(z.object({ attributeId: numeric, attributeName: wireText, attributeValue: z.union([z.string(), z.number()]).transform(String).nullish(), attributeValueId: numeric }))
    .nullish(),
  variantAttributes: z.array(z.object({ attributeName: wireText, attributeValue: z.union([z.string(), z.number()]).transform(String).nullish() })).nullish(),
  rejectReasonDetails: z.array(z.unknown()).nullish(),
  productUrl: wireText,
  color: wireText,
})

/** filterProducts' page, built once. */
export const trendyolProductPage = trendyolPage(trendyolProduct)

export const trendyolBatchAccepted = z.object({ batchRequestId: z.string().min(1) })

export const trendyolBatchResult = z.object({
  batchRequestId: z.string(),
  items: z
    .array(
      z.object({
        requestItem: z.object({ barcode: wireText, quantity: z.number().nullish(), salePrice: z.number().nullish(), listPrice: z.number().nullish(), updateRequestDate: wireText }).nullish(),
        status: wireText,
        failureReasons: z.array(z.unknown()).nullish(),
      }),
    )
    .nullish(),
  status: wireText,
  creationDate: z.number().nullish(),
  lastModification: z.number().nullish(),
  sourceType: wireText,
  itemCount: z.number().nullish(),
  failedItemCount: z.number().nullish(),
  batchRequestType: wireText,
})
