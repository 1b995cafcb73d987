/**
 * n11 <-> unified translation: pure functions and tables.
 * Sources: developer.n11.com "Sipariş Listeleme Servisi" (package and line fields, statuses,
 * `sellerInvoiceAmount = price × quantity − (sellerDiscount + sellerCouponDiscount)`), "SOAP - RestAPI sipariş
 * servisi karşılaştırması" (returns stay `Delivered` in REST; `Canceled` spelling), "Satıcı Ürün Sorgulama"
 * (product rows, `productStatus` values), "Task Detail Sorgulama" (task and per-SKU statuses), as compiled
 * in docs/research/n11.md and docs/providers/n11.md.
 */
import type { Address, InventoryItem, InventoryItemReport, Order, OrderLine, OrderStatus, Product, ProductStatus } from '../../src/models/index.js'
import {
  carrierCodeTable,
  completeAddress,
  JsonDecimal,
  lookupTable,
  money,
  multiplyMoney,
  sumMoney,
  subtractMoney,
  toDecimalString,
  turkishPhoneToE164,
  type Logger,
  type UnifiedOrderStatuses,
  unknownOrderStatuses,
} from '../../src/core/provider-kit/index.js'
import type { N11Address, N11Line, N11Package, N11Product, N11TaskSkuResult } from './types.js'

/** A price/stock row of `price-stock-update`: omitted fields stay unchanged on n11. */
export interface N11SkuUpdateBody {
  stockCode: string
  quantity?: number
  salePrice?: JsonDecimal
  listPrice?: JsonDecimal
}

export type UnifiedPackageStatus = UnifiedOrderStatuses

/** n11 shipment-package status (`shipmentPackageStatus`) -> unified order statuses. */
export const n11PackageStatusTable = {
  Created: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  Picking: { status: 'open', fulfillment: 'processing', payment: 'paid' },
  Shipped: { status: 'open', fulfillment: 'shipped', payment: 'paid' },
  // Returned packages stay `Delivered` in REST (returns live in the SOAP ReturnService only).
  Delivered: { status: 'completed', fulfillment: 'delivered', payment: 'paid' },
  Cancelled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  // The SOAP -> REST comparison page spells it this way.
  Canceled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  // Not supplied: cancelled by the seller (also the cancelled part of a quantity split).
  UnSupplied: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  // The parent of a split: its lines live on in new packages, this one will never ship.
  Unpacked: { status: 'cancelled', fulfillment: 'cancelled', payment: 'paid' },
} as const satisfies Record<string, UnifiedPackageStatus>

export type N11PackageStatus = keyof typeof n11PackageStatusTable

/** An unknown status keeps the order visible as open/unknown instead of failing the listing. */
const unknownPackageStatus: UnifiedPackageStatus = unknownOrderStatuses
const lookupPackageStatus = lookupTable('n11.package_status', n11PackageStatusTable, unknownPackageStatus)

/**
 * n11 spells statuses inconsistently (`Unpacked`/`UnPacked`, `" Shipped"` with a space in a doc example):
 * compare trimmed and case-insensitively, then look up the canonical spelling.
 */
export function canonicalPackageStatus(value: string | null | undefined): N11PackageStatus | string | null {
  const trimmed = value?.trim()
  if (!trimmed) return null
  const lower = trimmed.toLowerCase()
  return (Object.keys(n11PackageStatusTable) as N11PackageStatus[]).find((key) => key.toLowerCase() === lower) ?? trimmed
}

export const mapN11PackageStatus = (value: string | null | undefined, log?: Logger): UnifiedPackageStatus =>
  lookupPackageStatus(canonicalPackageStatus(value), log)

/** Unified status filter -> the n11 statuses (one per request) it covers; `Canceled` is only an alias. */
export const n11StatusesFor = (status: OrderStatus): N11PackageStatus[] =>
  (Object.keys(n11PackageStatusTable) as N11PackageStatus[]).filter(
    (key) => key !== 'Canceled' && n11PackageStatusTable[key].status === status,
  )

/** n11 `productStatus` -> unified product status. */
export const n11ProductStatusTable = {
  Active: 'active',
  InApproval: 'pending_approval',
  InCatalogApproval: 'pending_approval',
  Suspended: 'inactive',
  Unlisted: 'inactive',
  CatalogRejected: 'rejected',
  Prohibited: 'rejected',
} as const satisfies Record<string, ProductStatus>
/** An unknown product status is not claimed to be on sale. */
export const mapN11ProductStatus = lookupTable<keyof typeof n11ProductStatusTable, ProductStatus>('n11.product_status', n11ProductStatusTable, 'inactive')

/** n11 `currencyType` -> ISO 4217 (n11 writes `TL`). */
export const n11CurrencyTable = { TL: 'TRY', TRY: 'TRY', USD: 'USD', EUR: 'EUR' } as const satisfies Record<string, string>
export const mapN11Currency = lookupTable<keyof typeof n11CurrencyTable, string>('n11.currency', n11CurrencyTable, 'TRY')

/** Task status of a product task -> whether n11 is done with it. */
export const n11TaskStatusTable = {
  IN_QUEUE: 'processing',
  PROCESSED: 'completed',
  REJECT: 'completed',
} as const satisfies Record<string, 'processing' | 'completed'>
/** An unknown task status keeps the job polling rather than declaring items settled. */
export const mapN11TaskStatus = lookupTable<keyof typeof n11TaskStatusTable, 'processing' | 'completed'>('n11.task_status', n11TaskStatusTable, 'processing')

/** Per-SKU result status in task details -> unified item status. */
export const n11SkuStatusTable = {
  SUCCESS: 'succeeded',
  FAIL: 'failed',
} as const satisfies Record<string, 'succeeded' | 'failed'>
/** An unknown per-SKU outcome is never reported as success. */
export const mapN11SkuStatus = lookupTable<keyof typeof n11SkuStatusTable, 'succeeded' | 'failed'>('n11.sku_status', n11SkuStatusTable, 'failed')

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const trimmed = String(value).trim()
  return trimmed === '' ? null : trimmed
}

/** n11 orders carry no currency: every amount is in Turkish lira. */
const ORDER_CURRENCY = 'TRY'

export function toUnifiedAddress(address: N11Address | null | undefined, fallbackName: string | null, email: string | null): Address | null {
  if (!address) return null
  return completeAddress({
    // Pick-up-point deliveries (KTN, EASYPOINT, PUP) send the point's address with `fullName: null`.
    name: text(address.fullName) ?? fallbackName,
    phone: turkishPhoneToE164(address.gsm),
    email,
    line1: [text(address.neighborhood), text(address.address)].filter(Boolean).join(' '),
    district: text(address.district),
    city: text(address.city),
    postal_code: text(address.postalCode),
    country_code: text(address.countryCode),
  })
}

const discountsOf = (line: N11Line) =>
  sumMoney(
    [money(line.sellerDiscount, ORDER_CURRENCY), money(line.sellerCouponDiscount, ORDER_CURRENCY), money(line.mallDiscount, ORDER_CURRENCY)],
    ORDER_CURRENCY,
  )

export function toUnifiedLine(line: N11Line): OrderLine {
  const unitPrice = money(line.price, ORDER_CURRENCY)
  return {
    id: String(line.orderLineId),
    sku: text(line.stockCode),
    barcode: text(line.barcode),
    product_id: text(line.productId),
    title: line.productName ?? '',
    quantity: line.quantity,
    // n11's `price` is the unit price before discounts; the line total is what the buyer pays for it.
    unit_price: unitPrice,
    total: line.dueAmount !== null && line.dueAmount !== undefined ? money(line.dueAmount, ORDER_CURRENCY) : subtractMoney(multiplyMoney(unitPrice, line.quantity), discountsOf(line)),
    tax_rate: line.vatRate === null || line.vatRate === undefined ? null : toDecimalString(line.vatRate, 2).replace(/\.?0+$/, ''),
    provider_status: text(line.orderItemLineItemStatusName),
  }
}

const historyTime = (pkg: N11Package, status: N11PackageStatus): number | null =>
  pkg.packageHistories?.find((entry) => canonicalPackageStatus(entry.status) === status)?.createdDate ?? null

/** When the package was created: its `Created` history entry, else its earliest entry, else its last change. */
export function packageCreatedAt(pkg: N11Package): number {
  const created = historyTime(pkg, 'Created')
  if (created !== null) return created
  const earliest = Math.min(...(pkg.packageHistories ?? []).flatMap((entry) => (entry.createdDate == null ? [] : [entry.createdDate])))
  return Number.isFinite(earliest) ? earliest : pkg.lastModifiedDate
}

/** A package without an id ("Konuma Özel Teslimat") is addressed by its order number. */
export const ORDER_NUMBER_ID_PREFIX = 'order-'
export const unifiedOrderId = (pkg: Pick<N11Package, 'id' | 'orderNumber'>): string =>
  pkg.id === null || pkg.id === undefined ? `${ORDER_NUMBER_ID_PREFIX}${pkg.orderNumber}` : String(pkg.id)

/**
 * n11 ships through its contracted carriers and takes no carrier from the seller (no fulfillment call), so this
 * table only reads `cargoProviderName` back as a unified id. Names as n11's panel shows them; MNG Kargo has been
 * DHL eCommerce Türkiye since 2025.
 */
export const n11CarrierNameTable = {
  yurtici: 'Yurtiçi Kargo',
  aras: 'Aras Kargo',
  mng: 'DHL eCommerce',
  ptt: 'PTT Kargo',
  surat: 'Sürat Kargo',
  kolay_gelsin: 'Kolay Gelsin',
  horoz: 'Horoz Lojistik',
} as const satisfies Record<string, string>

export const n11Carriers = carrierCodeTable('n11', n11CarrierNameTable, { aliases: { 'MNG Kargo': 'mng' } })

export function toUnifiedOrder(pkg: N11Package, connectionId: string, log?: Logger): Order {
  const providerStatus = canonicalPackageStatus(pkg.shipmentPackageStatus)
  const mapped = mapN11PackageStatus(pkg.shipmentPackageStatus, log)
  const subtotal = money(pkg.totalAmount, ORDER_CURRENCY)
  const discount = money(pkg.totalDiscountAmount, ORDER_CURRENCY)
  const customerName = text(pkg.customerfullName)
  const email = text(pkg.customerEmail)
  const shippingAddress = toUnifiedAddress(pkg.shippingAddress, customerName, email)
  const billingAddress = toUnifiedAddress(pkg.billingAddress, customerName, email)
  // `cargoTrackingNumber` is n11's campaign code for the carrier; the carrier's tracking number
  // (`cargoSenderNumber`) and link arrive once the carrier has taken the parcel.
  const trackingNumber = text(pkg.cargoSenderNumber)
  const shippedAt = historyTime(pkg, 'Shipped')
  return {
    id: unifiedOrderId(pkg),
    provider: 'n11',
    connection_id: connectionId,
    order_number: String(pkg.orderNumber),
    status: mapped.status,
    fulfillment_status: mapped.fulfillment,
    payment_status: mapped.payment,
    provider_status: providerStatus,
    created_at: new Date(packageCreatedAt(pkg)).toISOString(),
    updated_at: new Date(pkg.lastModifiedDate).toISOString(),
    currency: ORDER_CURRENCY,
    subtotal,
    shipping_total: money(0, ORDER_CURRENCY),
    discount_total: discount,
    tax_total: null,
    total: subtractMoney(subtotal, discount),
    customer: {
      name: customerName ?? billingAddress?.name ?? null,
      email,
      phone: shippingAddress?.phone ?? billingAddress?.phone ?? null,
    },
    shipping_address: shippingAddress,
    billing_address: billingAddress,
    lines: (pkg.lines ?? []).map(toUnifiedLine),
    shipments: trackingNumber
      ? [
          {
            carrier: n11Carriers.toUnified(pkg.cargoProviderName) ?? text(pkg.cargoProviderName),
            tracking_number: trackingNumber,
            tracking_url: text(pkg.cargoTrackingLink),
            shipped_at: shippedAt === null ? null : new Date(shippedAt).toISOString(),
          },
        ]
      : [],
    raw: pkg,
  }
}

/** Brand is category attribute 1 ("Marka") on n11; there is no brand field. */
const BRAND_ATTRIBUTE_ID = 1

export function toUnifiedProduct(row: N11Product, connectionId: string, log?: Logger): Product {
  const currency = mapN11Currency(text(row.currencyType) ?? 'TL', log)
  const attributes = Object.fromEntries(
    (row.attributes ?? [])
      .flatMap((attribute) => {
        const [name, value] = [text(attribute.attributeName), text(attribute.attributeValue)]
        return name && value ? [[name, value]] : []
      }),
  )
  const brand = row.attributes?.find((attribute) => attribute.attributeId === BRAND_ATTRIBUTE_ID || attribute.attributeName?.trim() === 'Marka')
  return {
    id: String(row.n11ProductId),
    provider: 'n11',
    connection_id: connectionId,
    sku: text(row.stockCode),
    barcode: text(row.barcode),
    title: row.title ?? '',
    brand: text(brand?.attributeValue),
    category: text(row.categoryId),
    price: row.salePrice === null || row.salePrice === undefined ? null : money(row.salePrice, currency),
    list_price: row.listPrice === null || row.listPrice === undefined ? null : money(row.listPrice, currency),
    quantity: row.quantity ?? null,
    status: mapN11ProductStatus(text(row.status), log),
    provider_status: text(row.status),
    url: null,
    images: (row.imageUrls ?? []).filter((url): url is string => typeof url === 'string' && url !== ''),
    attributes,
    // n11's product query carries no modification time.
    updated_at: null,
    raw: row,
  }
}

/** One per-SKU row of task details -> a unified item result (reasons sit on the row or, in some clients, in `sku`). */
export function toUnifiedItemResult(row: N11TaskSkuResult, log?: Logger): InventoryItemReport {
  const status = mapN11SkuStatus(text(row.status), log)
  if (status === 'succeeded') return { sku: row.itemCode, status }
  const reasons = [...(row.reasons ?? []), ...(row.sku?.reasons ?? [])].map((reason) => String(reason).trim()).filter(Boolean)
  return {
    sku: row.itemCode,
    status,
    error: { code: text(row.status), message: reasons.join('; ') || `n11 reported ${text(row.status) ?? 'no status'} for this SKU` },
  }
}

/**
 * n11's price rule ("listPrice ve salePrice birlikte gönderilmelidir", listPrice ≥ salePrice), checked before the
 * task is created: n11 would accept the task and fail the SKU later.
 */
export function n11PricePairProblem(item: InventoryItem): { field: string; message: string } | null {
  if ((item.price === undefined) !== (item.list_price === undefined)) {
    const missing = item.price === undefined ? 'price' : 'list_price'
    return { field: missing, message: 'n11 needs price and list_price together (give both, equal when there is no discount)' }
  }
  if (item.price !== undefined && item.list_price !== undefined && compareDecimals(item.list_price, item.price) < 0) {
    return { field: 'list_price', message: 'n11 refuses a list_price below the price' }
  }
  return null
}

const compareDecimals = (a: string, b: string): number => {
  const [x, y] = [toDecimalString(a, 2), toDecimalString(b, 2)].map((text) => BigInt(text.replace('.', '')))
  return x! < y! ? -1 : x! > y! ? 1 : 0
}

/**
 * A unified inventory item -> n11's price/stock row. Prices go out as literals with exactly two decimals
 * ("noktadan sonra 2 hane", else the SKU fails); n11 itself decides about a price without its list price.
 */
export function toN11SkuUpdate(item: InventoryItem & { sku: string }): N11SkuUpdateBody {
  return {
    stockCode: item.sku,
    ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
    ...(item.list_price !== undefined ? { listPrice: new JsonDecimal(toDecimalString(item.list_price, 2)) } : {}),
    ...(item.price !== undefined ? { salePrice: new JsonDecimal(toDecimalString(item.price, 2)) } : {}),
  }
}
