/**
 * Trendyol <-> unified translation: pure functions and tables.
 * Sources: Trendyol seller API docs ("Sipariş Paketlerini Çekme / getShipmentPackages"), and a seller's
 * verified notes (2026-05-04): `price` is the net unit price, `amount` the gross; `totalPrice` =
 * `grossAmount` - `totalDiscount`; `orderDate` is Turkish wall-clock time encoded as epoch millis while
 * `packageHistories[].createdDate` are true UTC instants.
 */
import type {
  Address,
  InventoryItem,
  InventoryItemReport,
  InventoryItemStatus,
  Order,
  OrderLine,
  OrderStatus,
  Product,
  ProductStatus,
} from '../../src/models/index.js'
import {
  carrierCodeTable,
  completeAddress,
  isoOrNull,
  localEpochToUtc,
  lookupTable,
  money,
  multiplyMoney,
  subtractMoney,
  toDecimalString,
  turkishPhoneToE164,
  type Logger,
  type UnifiedOrderStatuses,
  unknownOrderStatuses,
  providerStatusesFor,
} from '../../src/core/provider-kit/index.js'
import type {
  TrendyolAddress,
  TrendyolBatchResult,
  TrendyolInventoryItem,
  TrendyolLine,
  TrendyolPackage,
  TrendyolProduct,
} from './types.js'

export type UnifiedPackageStatus = UnifiedOrderStatuses

/** Trendyol shipment-package status -> unified order statuses. */
export const trendyolStatusTable = {
  Awaiting: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  Created: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  Picking: { status: 'open', fulfillment: 'processing', payment: 'paid' },
  Invoiced: { status: 'open', fulfillment: 'processing', payment: 'paid' },
  Shipped: { status: 'open', fulfillment: 'shipped', payment: 'paid' },
  AtCollectionPoint: { status: 'open', fulfillment: 'shipped', payment: 'paid' },
  Delivered: { status: 'completed', fulfillment: 'delivered', payment: 'paid' },
  UnDelivered: { status: 'open', fulfillment: 'undeliverable', payment: 'paid' },
  Returned: { status: 'completed', fulfillment: 'returned', payment: 'refunded' },
  Cancelled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  UnSupplied: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  // The package was split into new packages that carry its lines; this one will not ship.
  Repackaged: { status: 'cancelled', fulfillment: 'cancelled', payment: 'paid' },
  // "UnPacked": the old package after a split (getShipmentPackages status list); its lines live on in new packages.
  UnPacked: { status: 'cancelled', fulfillment: 'cancelled', payment: 'paid' },
  // "Repack": the legacy name of the same state in older status lists.
  Repack: { status: 'cancelled', fulfillment: 'cancelled', payment: 'paid' },
} as const satisfies Record<string, UnifiedPackageStatus>

export type TrendyolPackageStatus = keyof typeof trendyolStatusTable

/** An unknown status keeps the order visible as open/unknown instead of failing the listing. */
const unknownStatus: UnifiedPackageStatus = unknownOrderStatuses
export const mapTrendyolStatus = lookupTable('trendyol.package_status', trendyolStatusTable, unknownStatus)

/** Unified status filter -> the Trendyol statuses it covers. */
export const trendyolStatusesFor = (status: OrderStatus): TrendyolPackageStatus[] => providerStatusesFor(trendyolStatusTable, status)

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const trimmed = String(value).trim()
  return trimmed === '' ? null : trimmed
}

export function toUnifiedAddress(address: TrendyolAddress | null | undefined): Address | null {
  if (!address) return null
  return completeAddress({
    name: text(address.fullName) ?? [text(address.firstName), text(address.lastName)].filter(Boolean).join(' '),
    company: text(address.company),
    phone: turkishPhoneToE164(address.phone),
    line1: text(address.address1) ?? text(address.fullAddress),
    line2: text(address.address2),
    district: text(address.district),
    city: text(address.city),
    postal_code: text(address.postalCode),
    country_code: text(address.countryCode),
  })
}

export function toUnifiedLine(line: TrendyolLine, currency: string): OrderLine {
  const unitPrice = money(line.price, currency)
  const rate = line.vatRate ?? line.vatBaseAmount
  return {
    id: String(line.id),
    sku: text(line.merchantSku) ?? text(line.stockCode) ?? text(line.sku),
    barcode: text(line.barcode),
    product_id: text(line.productCode),
    title: line.productName ?? '',
    quantity: line.quantity,
    unit_price: unitPrice,
    total: multiplyMoney(unitPrice, line.quantity),
    tax_rate: rate === null || rate === undefined ? null : toDecimalString(rate, 2).replace(/\.?0+$/, ''),
    provider_status: text(line.orderLineItemStatusName),
  }
}

const historyTime = (pkg: TrendyolPackage, status: string): string | null => {
  const entry = pkg.packageHistories?.find((history) => history.status === status)
  return entry ? new Date(entry.createdDate).toISOString() : null
}

/** `raw`: the package as Trendyol sent it (the wire schema keeps only the fields read here). */
export function toUnifiedOrder(pkg: TrendyolPackage, connectionId: string, log?: Logger, raw: unknown = pkg): Order {
  const currency = text(pkg.currencyCode) ?? 'TRY'
  const providerStatus = text(pkg.shipmentPackageStatus) ?? text(pkg.status)
  const mapped = mapTrendyolStatus(providerStatus, log)
  const gross = money(pkg.grossAmount, currency)
  const total = money(pkg.totalPrice, currency)
  const createdAt = localEpochToUtc(pkg.orderDate)
  const trackingNumber = text(pkg.cargoTrackingNumber)
  const customerName = [text(pkg.customerFirstName), text(pkg.customerLastName)].filter(Boolean).join(' ') || null
  const shippingAddress = toUnifiedAddress(pkg.shipmentAddress)
  return {
    id: String(pkg.id),
    provider: 'trendyol',
    connection_id: connectionId,
    order_number: String(pkg.orderNumber),
    status: mapped.status,
    fulfillment_status: mapped.fulfillment,
    payment_status: mapped.payment,
    provider_status: providerStatus,
    created_at: createdAt.toISOString(),
    updated_at: isoOrNull(pkg.lastModifiedDate ? new Date(pkg.lastModifiedDate) : null) ?? createdAt.toISOString(),
    currency,
    subtotal: gross,
    shipping_total: money(0, currency),
    // Seller- and Trendyol-funded discounts together: what separates the gross from what the buyer paid.
    discount_total: subtractMoney(gross, total),
    tax_total: null,
    total,
    customer: { name: customerName, email: text(pkg.customerEmail), phone: shippingAddress?.phone ?? null },
    shipping_address: shippingAddress,
    billing_address: toUnifiedAddress(pkg.invoiceAddress),
    lines: (pkg.lines ?? []).map((line) => toUnifiedLine(line, currency)),
    shipments: trackingNumber
      ? [
          {
            carrier: trendyolCarriers.toUnified(pkg.cargoProviderName) ?? text(pkg.cargoProviderName),
            tracking_number: trackingNumber,
            tracking_url: text(pkg.cargoTrackingLink),
            shipped_at: historyTime(pkg, 'Shipped'),
          },
        ]
      : [],
    raw,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Products (filterProducts). Trendyol describes a listing's state with flags (approved, onSale, archived,
// rejected, blacklisted, locked); kopru names the state they add up to and maps that name with a table.

/** Listing state (kopru's name for Trendyol's flag combination, shown as `provider_status`) -> unified status. */
export const trendyolProductStateTable = {
  OnSale: 'active',
  // Approved but not for sale: out of stock or stopped by the seller.
  NotOnSale: 'inactive',
  PendingApproval: 'pending_approval',
  Rejected: 'rejected',
  // Trendyol stopped it for good (policy); it cannot be sold again as it is.
  Blacklisted: 'rejected',
  Archived: 'inactive',
  // Trendyol froze the listing (e.g. an open content check); not sellable meanwhile.
  Locked: 'inactive',
} as const satisfies Record<string, ProductStatus>

export type TrendyolProductState = keyof typeof trendyolProductStateTable

export const mapTrendyolProductState = lookupTable('trendyol.product_state', trendyolProductStateTable, 'inactive' as ProductStatus)

/** The state Trendyol's flags add up to, strongest first; null when the listing carries no `approved` flag. */
export function trendyolProductState(product: TrendyolProduct): TrendyolProductState | null {
  if (product.blacklisted === true) return 'Blacklisted'
  if (product.rejected === true) return 'Rejected'
  if (product.archived === true) return 'Archived'
  if (product.locked === true) return 'Locked'
  if (typeof product.approved !== 'boolean') return null
  if (!product.approved) return 'PendingApproval'
  return product.onSale === true ? 'OnSale' : 'NotOnSale'
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

// Trendyol prices listings in Turkish lira only ("Exchange rate information is not supported", createProducts).
const PRODUCT_CURRENCY = 'TRY'

/** `raw`: the listing as Trendyol sent it. */
export function toUnifiedProduct(product: TrendyolProduct, connectionId: string, log?: Logger, raw: unknown = product): Product {
  const state = trendyolProductState(product)
  const salePrice = finite(product.salePrice)
  const listPrice = finite(product.listPrice)
  const quantity = finite(product.quantity)
  const attributes: Record<string, string> = {}
  for (const attribute of [...(product.attributes ?? []), ...(product.variantAttributes ?? [])]) {
    const name = text(attribute?.attributeName)
    const value = text(attribute?.attributeValue)
    if (name && value) attributes[name] = value
  }
  const updated = finite(product.lastUpdateDate) ?? finite(product.createDateTime)
  return {
    id: String(product.barcode),
    provider: 'trendyol',
    connection_id: connectionId,
    sku: text(product.stockCode),
    barcode: text(product.barcode),
    title: text(product.title) ?? '',
    brand: text(product.brand),
    category: text(product.categoryName),
    price: salePrice === null ? null : money(salePrice, PRODUCT_CURRENCY),
    list_price: listPrice === null ? null : money(listPrice, PRODUCT_CURRENCY),
    quantity: quantity === null ? null : Math.trunc(quantity),
    status: mapTrendyolProductState(state, log),
    provider_status: state,
    url: text(product.productUrl),
    images: (product.images ?? []).map((image) => text(image?.url)).filter((url): url is string => url !== null),
    attributes,
    updated_at: updated === null ? null : new Date(updated).toISOString(),
    raw,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Price and stock (updatePriceAndInventory, getBatchRequestResult): every Trendyol stock and price write is
// keyed by the barcode, so the unified item's `barcode` is what is sent.

export function toTrendyolInventoryItem(item: InventoryItem & { barcode: string }): TrendyolInventoryItem {
  return {
    barcode: item.barcode,
    ...(item.quantity !== undefined && { quantity: item.quantity }),
    ...(item.price !== undefined && { salePrice: Number(item.price) }),
    ...(item.list_price !== undefined && { listPrice: Number(item.list_price) }),
  }
}

/** Batch item status -> unified item status; anything else is still being worked on. */
export const trendyolBatchItemStatusTable = {
  SUCCESS: 'succeeded',
  FAILED: 'failed',
  IN_PROGRESS: 'pending',
} as const satisfies Record<string, InventoryItemStatus>

export const mapTrendyolBatchItemStatus = lookupTable('trendyol.batch_item_status', trendyolBatchItemStatusTable, 'pending' as InventoryItemStatus)

/** Batch status -> whether Trendyol is done with the batch (stock-and-price batches may not send one). */
export const trendyolBatchStatusTable = {
  IN_PROGRESS: false,
  // Trendyol's answer for a batch id it does not know (Lonca's prod capture, 2026-05-25): kept pending, and
  // expired by the job once the batch is older than Trendyol's 4-hour retention (inventory.ts).
  PROCESSING: false,
  COMPLETED: true,
  // Seen in older clients' enums; either way Trendyol will not touch the batch again.
  FAILED: true,
  PARTIALLY_COMPLETED: true,
} as const satisfies Record<string, boolean>

const mapTrendyolBatchStatus = lookupTable<keyof typeof trendyolBatchStatusTable, boolean | null>('trendyol.batch_status', trendyolBatchStatusTable, null)

/**
 * One batch's results for the barcodes sent in it. The batch is done when Trendyol says so or when every
 * barcode has a final item status (stock-and-price batches carry no batch status).
 */
export function trendyolBatchProgress(
  batch: TrendyolBatchResult,
  barcodes: readonly string[],
  log?: Logger,
): { done: boolean; items: InventoryItemReport[] } {
  const items: InventoryItemReport[] = []
  for (const item of batch.items ?? []) {
    const barcode = text(item?.requestItem?.barcode)
    if (!barcode) continue
    const status = mapTrendyolBatchItemStatus(text(item.status), log)
    if (status === 'failed') {
      const reasons = (item.failureReasons ?? []).map((reason) => (typeof reason === 'string' ? reason : JSON.stringify(reason))).filter(Boolean)
      items.push({ barcode, status, error: { code: null, message: reasons.length > 0 ? reasons.join('; ') : 'Trendyol refused the item without a reason' } })
    } else {
      items.push({ barcode, status })
    }
  }
  const settled = new Set(items.filter((item) => item.status !== 'pending').map((item) => item.barcode))
  const declared = batch.status ? mapTrendyolBatchStatus(text(batch.status), log) : null
  return { done: declared ?? barcodes.every((barcode) => settled.has(barcode)), items }
}

/** batchRequestId is a UUID followed by `-` and the creation time in epoch seconds. */
export function batchCreatedAt(batchRequestId: string): Date | null {
  const seconds = /-(\d{9,11})$/.exec(batchRequestId)?.[1]
  return seconds ? new Date(Number(seconds) * 1000) : null
}

// ---------------------------------------------------------------------------------------------------------
// Shipping ("Change Cargo Provider", "Update Shipping Code", "Notify Packages").

/**
 * Unified carrier id -> the `cargoProvider` code changeCargoProvider accepts ("Paket Kargo Firması Değiştirme":
 * YKMP, ARASMP, SURATMP, HOROZMP, DHLECOMMP, PTTMP, CEVAMP, TEXMP, KOLAYGELSINMP, CEVATEDARIK; checked 2026-12-02).
 * MNG Kargo operates as DHL eCommerce Türkiye: Trendyol's provider list (getProviders, id 10) once read
 * "MNGMP / MNG Kargo Marketplace" and now "DHLECOMMP / DHL eCommerce Marketplace" under the same tax number
 * 6080712084, so `mng` is DHLECOMMP.
 */
export const trendyolCargoProviderTable = {
  yurtici: 'YKMP',
  aras: 'ARASMP',
  mng: 'DHLECOMMP',
  dhl_ecommerce: 'DHLECOMMP',
  surat: 'SURATMP',
  horoz: 'HOROZMP',
  ptt: 'PTTMP',
  ceva: 'CEVAMP',
  ceva_tedarik: 'CEVATEDARIK',
  trendyol_express: 'TEXMP',
  kolay_gelsin: 'KOLAYGELSINMP',
} as const satisfies Record<string, string>

export type TrendyolCargoCode = (typeof trendyolCargoProviderTable)[keyof typeof trendyolCargoProviderTable]

/** Trendyol cargo provider code -> the `cargoProviderName` getShipmentPackages shows for it (getProviders names). */
export const trendyolCargoNameTable = {
  YKMP: 'Yurtiçi Kargo Marketplace',
  ARASMP: 'Aras Kargo Marketplace',
  DHLECOMMP: 'DHL eCommerce Marketplace',
  SURATMP: 'Sürat Kargo Marketplace',
  HOROZMP: 'Horoz Kargo Marketplace',
  PTTMP: 'PTT Kargo Marketplace',
  CEVAMP: 'CEVA Marketplace',
  CEVATEDARIK: 'Ceva Tedarik Marketplace',
  TEXMP: 'Trendyol Express Marketplace',
  KOLAYGELSINMP: 'Kolay Gelsin Marketplace',
} as const satisfies Record<TrendyolCargoCode, string>

export const trendyolCarriers = carrierCodeTable('Trendyol', trendyolCargoProviderTable, { names: trendyolCargoNameTable })

/** A unified carrier id or Trendyol's own code -> the Trendyol code; a 400 naming `body.carrier` otherwise. */
export const trendyolCargoCode = (carrier: string): TrendyolCargoCode => trendyolCarriers.toProvider(carrier) as TrendyolCargoCode

/** Package statuses in which Trendyol still accepts a tracking number (before the carrier's first scan). */
export const trendyolTrackableStatuses: readonly string[] = ['Created', 'Picking', 'Invoiced']
