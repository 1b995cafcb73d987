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

const trendyolLineFields = z.object({
  id: idLike.nullish(),
  lineId: idLike.nullish(),
  quantity: wireCount,
  productName: z.string().nullish(),
  productCode: z.union([z.number(), z.string()]).nullish(),
  merchantSku: wireText,
  sku: wireText,
  stockCode: wireText,
  barcode: wireText,
  amount: wireAmount.nullish(),
  price: wireAmount.nullish(),
  lineGrossAmount: wireAmount.nullish(),
  lineUnitPrice: wireAmount.nullish(),
  discount: wireAmount.nullish(),
  tyDiscount: wireAmount.nullish(),
  vatBaseAmount: wireAmount.nullish(),
  vatRate: z.number().min(0).max(100).nullish(),
  currencyCode: wireCurrency.nullish(),
  productSize: wireText,
  productColor: wireText,
  orderLineItemStatusName: wireText,
})

/**
 * Trendyol's current order model (developers.trendyol.com, "Discount Representations in the Get Shipment Packages
 * Service"; Dec 2025) names the line's id `lineId`, its unit gross `lineGrossAmount` and its net unit price
 * `lineUnitPrice`, where the older model said `id`, `amount` and `price`. Either is read; the newer name wins.
 */
export const trendyolLine = trendyolLineFields.transform((line, ctx) => {
  const id = line.lineId ?? line.id
  const price = line.lineUnitPrice ?? line.price
  if (id == null) ctx.issues.push({ code: 'custom', input: line, path: ['lineId'], message: 'a line id (lineId or id)' })
  if (price == null) ctx.issues.push({ code: 'custom', input: line, path: ['lineUnitPrice'], message: 'a net unit price (lineUnitPrice or price)' })
  if (id == null || price == null) return z.NEVER
  // The parse made `line` (zod and the fast reader build a new object), so it is completed in place, not copied.
  return Object.assign(line, { id, price, amount: line.lineGrossAmount ?? line.amount ?? null })
})

const trendyolPackageFields = z.object({
  id: idLike.nullish(),
  shipmentPackageId: idLike.nullish(),
  orderNumber: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String),
  orderDate: wireEpochMillis,
  lastModifiedDate: wireEpochMillis.nullish(),
  status: wireText,
  shipmentPackageStatus: wireText,
  grossAmount: wireAmount.nullish(),
  totalDiscount: wireAmount.nullish(),
  totalTyDiscount: wireAmount.nullish(),
  totalPrice: wireAmount.nullish(),
  packageGrossAmount: wireAmount.nullish(),
  packageTotalDiscount: wireAmount.nullish(),
  packageTotalPrice: wireAmount.nullish(),
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

/**
 * A package in either model: the current one (`shipmentPackageId`, `packageGrossAmount`, `packageTotalDiscount`,
 * `packageTotalPrice`; getShipmentPackagesStream sends the id as `id`) or the older one (`id`, `grossAmount`,
 * `totalDiscount`, `totalPrice`). Read as the older names, which the mapping uses; a package with neither is a 502
 * naming the current field.
 */
export const trendyolPackage = trendyolPackageFields.transform((pkg, ctx) => {
  const id = pkg.shipmentPackageId ?? pkg.id
  const grossAmount = pkg.packageGrossAmount ?? pkg.grossAmount
  const totalPrice = pkg.packageTotalPrice ?? pkg.totalPrice
  if (id == null) ctx.issues.push({ code: 'custom', input: pkg, path: ['shipmentPackageId'], message: 'a package id (shipmentPackageId or id)' })
  if (grossAmount == null) ctx.issues.push({ code: 'custom', input: pkg, path: ['packageGrossAmount'], message: 'the gross amount (packageGrossAmount or grossAmount)' })
  if (totalPrice == null) ctx.issues.push({ code: 'custom', input: pkg, path: ['packageTotalPrice'], message: 'the amount payable (packageTotalPrice or totalPrice)' })
  if (id == null || grossAmount == null || totalPrice == null) return z.NEVER
  return Object.assign(pkg, { id, grossAmount, totalPrice, totalDiscount: pkg.packageTotalDiscount ?? pkg.totalDiscount })
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
