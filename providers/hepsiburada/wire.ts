/**
 * Zod schemas of Hepsiburada's answers, from the portal's OpenAPI documents "siparis-olusturma-entegrasyonu v1.0"
 * (OMS: LineRepresentation, OrderRepresentation, the package lists) and "listeleme v1" (Listing, upload results),
 * checked 2026-12-02. Lenient where Hepsiburada is (optional fields, statuses as free strings, unknown fields
 * kept), strict where kopru computes: amounts, quantities, ids.
 */
import { z } from 'zod'
import { wireAmount, wireCount, wireCurrency, wireText } from '../../src/core/provider-kit/index.js'

const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String)
const optionalId = z.union([z.string(), z.number().int().nonnegative()]).transform(String).nullish()

export const hbMoney = z.object({ amount: wireAmount, currency: wireCurrency.nullish() })

export const hbAddress = z.looseObject({
  addressId: wireText,
  name: wireText,
  address: wireText,
  city: wireText,
  town: wireText,
  district: wireText,
  postalCode: optionalId,
  countryCode: wireText,
  phoneNumber: wireText,
  alternatePhoneNumber: wireText,
  email: wireText,
  directions: wireText,
})

const discount = z.object({ totalPrice: hbMoney.nullish(), unitPrice: hbMoney.nullish() }).nullish()
const invoice = z.looseObject({ address: hbAddress.nullish(), taxNumber: wireText, taxOffice: wireText, turkishIdentityNumber: wireText }).nullish()

export const hbLine = z.looseObject({
  id,
  orderId: optionalId,
  orderNumber: id,
  orderDate: z.string(),
  status: z.string(),
  quantity: wireCount,
  sku: wireText,
  merchantSKU: wireText,
  name: wireText,
  merchantId: wireText,
  customerId: wireText,
  customerName: wireText,
  packageNumber: optionalId,
  barcode: optionalId,
  productBarcode: wireText,
  unitPrice: hbMoney,
  totalPrice: hbMoney,
  hbDiscount: discount,
  merchantDiscount: discount,
  commission: hbMoney.nullish(),
  commissionRate: z.number().nullish(),
  vat: wireAmount.nullish(),
  vatRate: z.number().min(0).max(100).nullish(),
  cargoCompany: wireText,
  cargoCompanyModel: z.looseObject({ id: z.number().nullish(), name: wireText, shortName: wireText, logoUrl: wireText, trackingUrl: wireText }).nullish(),
  canCreatePackage: z.boolean().nullish(),
  isCancellable: z.boolean().nullish(),
  dueDate: wireText,
  lastStatusUpdateDate: wireText,
  shippingAddress: hbAddress.nullish(),
  invoice,
})

export const hbOrderDetail = z.looseObject({
  orderId: optionalId,
  orderNumber: id,
  orderDate: z.string(),
  createdDate: wireText,
  paymentStatus: wireText,
  customer: z.looseObject({ customerId: wireText, name: wireText }).nullish(),
  deliveryAddress: hbAddress.nullish(),
  invoice,
  items: z.array(hbLine),
})

export const hbPaged = <T extends z.ZodType>(item: T) =>
  z.looseObject({ items: z.array(item), limit: z.number().nullish(), offset: z.number().nullish(), pageCount: z.number().nullish(), totalCount: wireCount })

export const hbPackageLine = z.looseObject({
  lineItemId: id,
  orderNumber: id,
  orderDate: wireText,
  merchantSku: wireText,
  hbSku: wireText,
  quantity: wireCount,
  totalPrice: hbMoney.nullish(),
})

export const hbPackage = z.looseObject({
  id: optionalId,
  packageNumber: id,
  barcode: optionalId,
  status: wireText,
  cargoCompany: wireText,
  orderDate: wireText,
  totalPrice: hbMoney.nullish(),
  items: z.array(hbPackageLine),
})
export const hbPackageList = z.array(hbPackage)

export const hbPackageStatusRow = z.looseObject({
  Id: optionalId,
  PackageNumber: id,
  Barcode: optionalId,
  OrderNumber: id,
  OrderNumbers: z.array(z.string()).nullish(),
  MerchantId: wireText,
  ShippedDate: wireText,
  DeliveredDate: wireText,
  UndeliveredDate: wireText,
  UndeliveredReason: wireText,
})

export const hbCancelledLine = z.looseObject({
  lineItemId: id,
  orderNumber: id,
  merchantId: wireText,
  merchantSku: wireText,
  sku: wireText,
  quantity: wireCount,
  cancelDate: wireText,
  cancelReasonCode: wireText,
  cancelledBy: wireText,
})

export const hbPackageCreated = z.looseObject({ packageNumber: id, barcode: optionalId })

const pricing = z.looseObject({ finalPrice: wireAmount, startDate: wireText, endDate: wireText, debtors: z.array(z.unknown()).nullish() })

export const hbListing = z.looseObject({
  listingId: id,
  uniqueIdentifier: wireText,
  hepsiburadaSku: z.string().min(1),
  merchantSku: z.string(),
  price: wireAmount,
  availableStock: z.number().int().min(-1e9).max(1e9),
  dispatchTime: z.number().int().nullish(),
  cargoCompany1: wireText,
  cargoCompany2: wireText,
  cargoCompany3: wireText,
  shippingAddressLabel: wireText,
  claimAddressLabel: wireText,
  maximumPurchasableQuantity: z.number().nullish(),
  minimumPurchasableQuantity: z.number().nullish(),
  pricings: z.array(pricing).nullish(),
  isSalable: z.boolean(),
  deactivationReasons: z.array(z.string()).nullish(),
  isSuspended: z.boolean().nullish(),
  isLocked: z.boolean().nullish(),
  lockReasons: z.array(z.string()).nullish(),
  isFrozen: z.boolean().nullish(),
  freezeReasons: z.array(z.string()).nullish(),
  isFulfilledByHB: z.boolean().nullish(),
  productId: wireText,
  hasVariant: z.boolean().nullish(),
})

export const hbListingsPage = z.looseObject({
  listings: z.array(hbListing).nullish(),
  totalCount: wireCount,
  limit: z.number().nullish(),
  offset: z.number().nullish(),
})

export const hbUploadAccepted = z.looseObject({ id: z.string().min(1) })

export const hbUploadResult = z.looseObject({
  id: wireText,
  status: z.string(),
  createdAt: wireText,
  total: z.number().nullish(),
  errors: z
    .array(z.looseObject({ elementNo: z.number().int().min(1), hepsiburadaSku: wireText, merchantSku: wireText, errors: z.array(z.string()) }))
    .nullish(),
  priceValidations: z
    .array(
      z.looseObject({
        elementNo: z.number().int().min(1),
        hepsiburadaSku: wireText,
        merchantSku: wireText,
        type: z.string(),
        minPrice: z.number().nullish(),
        maxPrice: z.number().nullish(),
        description: wireText,
      }),
    )
    .nullish(),
})

/** The order-list pages, built once: a zod schema compiles on first use, so one per call costs more than the parse. */
export const hbLinePage = hbPaged(hbLine)
export const hbCancelledPage = hbPaged(hbCancelledLine)
export const hbPackageStatusPage = hbPaged(hbPackageStatusRow)
