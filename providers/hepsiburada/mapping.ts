/**
 * Hepsiburada <-> unified translation: pure functions and tables.
 * Sources (see docs/providers/hepsiburada.md): the portal's OMS OpenAPI "siparis-olusturma-entegrasyonu v1.0"
 * (LineRepresentation, OrderRepresentation, status buckets), the listing guide ("listeleme v1": Listing, upload
 * results with `Done`/`Failed` and 1-based `elementNo`). Dates come as Turkish wall-clock time without offset.
 */
import type { Address, InventoryItemReport, Order, OrderLine, OrderStatus, Product, ProductStatus } from '../../src/models/index.js'
import {
  ISTANBUL_OFFSET_MINUTES,
  KopruError,
  carrierCodeTable,
  completeAddress,
  isoOrNull,
  lookupTable,
  money,
  parseProviderTime,
  sumMoney,
  toDecimalString,
  turkishPhoneToE164,
  type Logger,
  type UnifiedOrderStatuses,
  unknownOrderStatuses,
} from '../../src/core/provider-kit/index.js'
import type { HbAddress, HbLine, HbListing, HbMoney, HbUploadResult } from './types.js'

export type UnifiedPackageStatus = UnifiedOrderStatuses

/**
 * Line / package status -> unified statuses. The OpenAPI types `status` as a free string; `Open`, `Shipped`,
 * `Delivered`, `Cancelled`, `Returned` are confirmed by integrators, the rest follow the lifecycle the endpoints
 * imply (paymentawaiting -> orders -> packages -> shipped -> delivered | undelivered; unpack returns lines).
 */
export const hepsiburadaStatusTable = {
  PaymentAwaiting: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  Open: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  Unpacked: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  Packaged: { status: 'open', fulfillment: 'processing', payment: 'paid' },
  InTransit: { status: 'open', fulfillment: 'shipped', payment: 'paid' },
  Shipped: { status: 'open', fulfillment: 'shipped', payment: 'paid' },
  Delivered: { status: 'completed', fulfillment: 'delivered', payment: 'paid' },
  Undelivered: { status: 'open', fulfillment: 'undeliverable', payment: 'paid' },
  Cancelled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  Returned: { status: 'completed', fulfillment: 'returned', payment: 'refunded' },
} as const satisfies Record<string, UnifiedPackageStatus>

export type HepsiburadaStatus = keyof typeof hepsiburadaStatusTable

/** An unknown status keeps the order listed as open and in progress, payment unknown. */
export const unknownOrderStatus: UnifiedPackageStatus = unknownOrderStatuses
export const mapHepsiburadaStatus = lookupTable('hepsiburada.status', hepsiburadaStatusTable, unknownOrderStatus)

/**
 * The OMS lists ("buckets") an order listing walks, and the unified statuses each can hold. A status filter
 * only visits the buckets that can contain it.
 */
export const orderBuckets = {
  open: { path: 'orders', statuses: ['open'] },
  packaged: { path: 'packages', statuses: ['open'] },
  shipped: { path: 'packages/shipped', statuses: ['open'] },
  undelivered: { path: 'packages/undelivered', statuses: ['open'] },
  delivered: { path: 'packages/delivered', statuses: ['completed'] },
  cancelled: { path: 'orders/cancelled', statuses: ['cancelled'] },
} as const satisfies Record<string, { path: string; statuses: readonly OrderStatus[] }>

export type OrderBucket = keyof typeof orderBuckets

export const bucketsFor = (status: OrderStatus | undefined): OrderBucket[] =>
  (Object.keys(orderBuckets) as OrderBucket[]).filter(
    (bucket) => !status || (orderBuckets[bucket].statuses as readonly OrderStatus[]).includes(status),
  )

/**
 * Unified carrier id -> Hepsiburada `cargoCompany` short name (the `ShortName` of its changeable-cargo lists).
 * ARAS as in the portal's change-cargo example; YK, MNG, PTT, HX (HepsiJet) as integrators send them.
 */
export const hepsiburadaCarrierTable = {
  yurtici: 'YK',
  aras: 'ARAS',
  mng: 'MNG',
  ptt: 'PTT',
  hepsijet: 'HX',
  surat: 'SURAT',
  ups: 'UPS',
} as const satisfies Record<string, string>

/** The table as a kit carrier table; other short names pass through (Hepsiburada's list is per merchant contract). */
export const hepsiburadaCarriers = carrierCodeTable('Hepsiburada', hepsiburadaCarrierTable, { passThrough: true })

/** A unified carrier id, or a short name Hepsiburada already knows (passed through upper-cased). */
export const hepsiburadaCargoCompany = (carrier: string): string => hepsiburadaCarriers.toProvider(carrier).toUpperCase()

/** Listing flags -> one provider state, then a table to the unified product status. */
export const listingStatusTable = {
  Salable: 'active',
  NotSalable: 'inactive',
  Locked: 'inactive',
  Suspended: 'inactive',
  Frozen: 'inactive',
} as const satisfies Record<string, ProductStatus>

export const mapListingStatus = lookupTable('hepsiburada.listing_state', listingStatusTable, 'inactive' as ProductStatus)

export function listingState(listing: HbListing): keyof typeof listingStatusTable {
  if (listing.isFrozen) return 'Frozen'
  if (listing.isSuspended) return 'Suspended'
  if (listing.isLocked) return 'Locked'
  return listing.isSalable ? 'Salable' : 'NotSalable'
}

/** Upload status -> item outcome; anything else (the in-progress value is undocumented) is still pending. */
export const uploadStatusTable = {
  Done: 'done',
  Failed: 'failed',
} as const satisfies Record<string, 'done' | 'failed' | 'pending'>

export const mapUploadStatus = lookupTable('hepsiburada.upload_status', uploadStatusTable, 'pending' as 'done' | 'failed' | 'pending')

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const trimmed = String(value).trim()
  return trimmed === '' ? null : trimmed
}

const hbMoney = (value: HbMoney | null | undefined, currency: string) => money(value?.amount ?? 0, text(value?.currency) ?? currency)

/** Turkish local time -> ISO UTC; HB sends `2026-11-20T21:30:00` (no offset). */
export const hbTime = (value: string | null | undefined): string | null => isoOrNull(parseProviderTime(value ?? null))

/** A UTC instant -> the `yyyy-MM-ddTHH:mm:ss` Turkish local time HB reads. */
export function toHbLocalTime(date: Date): string {
  return new Date(date.getTime() + ISTANBUL_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19)
}

export function toUnifiedAddress(address: HbAddress | null | undefined): Address | null {
  if (!address) return null
  const line1 = text(address.address)
  const mahalle = text(address.district)
  return completeAddress({
    name: text(address.name),
    phone: turkishPhoneToE164(address.phoneNumber),
    email: text(address.email),
    line1,
    // mahalle (unless the street text already names it); HB's `town` is the ilçe the unified `district` means.
    line2: line1 && mahalle && line1.includes(mahalle) ? null : mahalle,
    district: text(address.town),
    city: text(address.city),
    postal_code: text(address.postalCode),
    country_code: text(address.countryCode),
  })
}

const discountOf = (line: HbLine, currency: string) =>
  sumMoney([hbMoney(line.hbDiscount?.totalPrice, currency), hbMoney(line.merchantDiscount?.totalPrice, currency)], currency)

export function toUnifiedLine(line: HbLine, currency: string): OrderLine {
  return {
    id: String(line.id),
    sku: text(line.merchantSKU) ?? text(line.sku),
    barcode: text(line.productBarcode),
    product_id: text(line.sku),
    title: line.name ?? '',
    quantity: line.quantity,
    unit_price: hbMoney(line.unitPrice, currency),
    // What the buyer pays for the line: HB's totalPrice is after its own and the merchant's discounts.
    total: hbMoney(line.totalPrice, currency),
    tax_rate: line.vatRate === null || line.vatRate === undefined ? null : toDecimalString(line.vatRate, 2).replace(/\.?0+$/, ''),
    provider_status: text(line.status),
  }
}

export interface OrderUnit {
  /** `<orderNumber>` for the lines not packaged yet, `<orderNumber>-<packageNumber>` for a package. */
  id: string
  orderNumber: string
  orderDate: string
  customerName: string | null
  shippingAddress: HbAddress | null | undefined
  billingAddress: HbAddress | null | undefined
  lines: HbLine[]
  raw: unknown
}

export const unitId = (orderNumber: string, packageNumber: string | null | undefined) =>
  packageNumber ? `${orderNumber}-${packageNumber}` : orderNumber

/** `4523678901-8471203311` -> order and package numbers; a bare order number is the unpackaged part. */
export function parseUnitId(id: string): { orderNumber: string; packageNumber: string | null } | null {
  const match = /^(\d{1,20})(?:-([A-Za-z0-9]{1,40}))?$/.exec(id)
  return match ? { orderNumber: match[1]!, packageNumber: match[2] ?? null } : null
}

const latest = (values: (string | null)[]) => values.filter((v): v is string => v !== null).sort().at(-1) ?? null

/** One currency per order: a line priced in another is an answer kopru cannot total (502 naming the line). */
function orderCurrency(lines: HbLine[]): string {
  const currency = lines[0]?.totalPrice.currency ?? 'TRY'
  const odd = lines.findIndex((line) => [line.unitPrice, line.totalPrice, line.hbDiscount?.totalPrice, line.merchantDiscount?.totalPrice].some((m) => m?.currency && m.currency !== currency))
  if (odd >= 0) {
    throw new KopruError('provider_error', `Hepsiburada sent order lines in more than one currency (${currency} and others)`, {
      provider: { id: 'hepsiburada' },
      errors: [{ path: `response.items[${odd}]`, message: `amounts of this line are not in ${currency}` }],
    })
  }
  return currency
}

export function toUnifiedOrder(unit: OrderUnit, connectionId: string, log?: Logger): Order {
  const first = unit.lines[0]
  const currency = orderCurrency(unit.lines)
  const providerStatus = text(first?.status)
  const mapped = mapHepsiburadaStatus(providerStatus, log)
  const lines = unit.lines.map((line) => toUnifiedLine(line, currency))
  const total = sumMoney(lines.map((line) => line.total), currency)
  const discount = sumMoney(unit.lines.map((line) => discountOf(line, currency)), currency)
  const taxes = unit.lines.map((line) => line.vat)
  const createdAt = hbTime(unit.orderDate) ?? hbTime(first?.orderDate) ?? new Date(0).toISOString()
  const updatedAt = latest(unit.lines.map((line) => hbTime(line.lastStatusUpdateDate))) ?? createdAt
  const shippingAddress = toUnifiedAddress(unit.shippingAddress)
  const packaged = unit.lines.find((line) => text(line.packageNumber))
  const shipped = ['shipped', 'delivered', 'undeliverable', 'returned'].includes(mapped.fulfillment)
  return {
    id: unit.id,
    provider: 'hepsiburada',
    connection_id: connectionId,
    order_number: unit.orderNumber,
    status: mapped.status,
    fulfillment_status: mapped.fulfillment,
    payment_status: mapped.payment,
    provider_status: providerStatus,
    created_at: createdAt,
    updated_at: updatedAt,
    currency,
    subtotal: sumMoney([total, discount], currency),
    // The merchant pays Hepsiburada's shipping; the buyer's total carries none.
    shipping_total: money(0, currency),
    discount_total: discount,
    tax_total: taxes.every((vat) => typeof vat === 'number') && taxes.length > 0 ? sumMoney(taxes.map((vat) => money(vat, currency)), currency) : null,
    total,
    customer: {
      name: text(unit.customerName),
      email: text(unit.shippingAddress?.email) ?? text(unit.billingAddress?.email),
      phone: shippingAddress?.phone ?? null,
    },
    shipping_address: shippingAddress,
    billing_address: toUnifiedAddress(unit.billingAddress),
    lines,
    shipments:
      packaged && (shipped || text(packaged.barcode))
        ? [
            {
              carrier: hepsiburadaCarriers.toUnified(packaged.cargoCompanyModel?.shortName) ?? text(packaged.cargoCompanyModel?.shortName) ?? text(packaged.cargoCompany),
              tracking_number: text(packaged.barcode),
              tracking_url: text(packaged.cargoCompanyModel?.trackingUrl),
              shipped_at: shipped ? hbTime(packaged.lastStatusUpdateDate) : null,
            },
          ]
        : [],
    raw: unit.raw,
  }
}

/** The listing's price: an active campaign price (`pricings[].finalPrice`) is the price, the listing price the list price. */
function listingPrices(listing: HbListing, now: Date) {
  const active = (listing.pricings ?? []).find((pricing) => {
    const start = parseProviderTime(pricing.startDate ?? null)
    const end = parseProviderTime(pricing.endDate ?? null)
    return (!start || start <= now) && (!end || end >= now) && pricing.finalPrice < listing.price
  })
  return active
    ? { price: money(active.finalPrice, 'TRY'), listPrice: money(listing.price, 'TRY') }
    : { price: money(listing.price, 'TRY'), listPrice: null }
}

export function toUnifiedProduct(listing: HbListing, connectionId: string, log?: Logger, now = new Date()): Product {
  const state = listingState(listing)
  const prices = listingPrices(listing, now)
  const attributes: Record<string, string> = { hepsiburada_sku: listing.hepsiburadaSku, listing_id: listing.listingId }
  if (typeof listing.dispatchTime === 'number') attributes.dispatch_time_days = String(listing.dispatchTime)
  const reasons = [...(listing.lockReasons ?? []), ...(listing.freezeReasons ?? []), ...(listing.deactivationReasons ?? [])]
  if (reasons.length > 0) attributes.inactive_reasons = reasons.join('; ')
  return {
    id: listing.hepsiburadaSku,
    provider: 'hepsiburada',
    connection_id: connectionId,
    sku: text(listing.merchantSku),
    // The listing API carries neither barcode nor name (they live in the catalog, mpop): null, not the SKU.
    barcode: null,
    title: null,
    brand: null,
    category: null,
    price: prices.price,
    list_price: prices.listPrice,
    quantity: listing.availableStock,
    status: mapListingStatus(state, log),
    provider_status: state,
    url: `https://www.hepsiburada.com/-p-${listing.hepsiburadaSku}`,
    images: [],
    attributes,
    updated_at: null,
    raw: listing,
  }
}

/** An inventory upload as kopru keeps it: HB's upload id and the SKU of every element, in order. */
export interface UploadRef {
  kind: 'price' | 'stock'
  id: string
  skus: string[]
}

/** Item outcomes of one upload: errors by 1-based `elementNo`, price locks as failures (the listing went off sale). */
export function uploadItemResults(ref: UploadRef, result: HbUploadResult, log?: Logger): InventoryItemReport[] {
  const outcome = mapUploadStatus(result.status, log)
  if (outcome === 'pending') return ref.skus.map((sku) => ({ sku, status: 'pending' }))
  if (outcome === 'failed' && !result.errors?.length) {
    return ref.skus.map((sku) => ({ sku, status: 'failed', error: { code: 'UploadFailed', message: `Hepsiburada failed ${ref.kind} upload ${ref.id}` } }))
  }
  const failures = new Map<number, { code: string; message: string }>()
  for (const error of result.errors ?? []) {
    const codes = error.errors.length > 0 ? error.errors : ['Unknown']
    failures.set(error.elementNo, { code: codes[0]!, message: `${ref.kind}: ${codes.join(', ')}` })
  }
  for (const lock of result.priceValidations ?? []) {
    if (failures.has(lock.elementNo)) continue
    failures.set(lock.elementNo, { code: lock.type, message: `${ref.kind}: ${lock.description ?? lock.type} (allowed ${lock.minPrice ?? '?'}–${lock.maxPrice ?? '?'})` })
  }
  return ref.skus.map((sku, index) => {
    const failure = failures.get(index + 1)
    return failure ? { sku, status: 'failed', error: failure } : { sku, status: 'succeeded' }
  })
}

/** One item per SKU from its price and stock outcomes: failed if either failed, pending while either is. */
export function mergeItemResults(results: InventoryItemReport[]): InventoryItemReport[] {
  const bySku = new Map<string, InventoryItemReport>()
  for (const result of results) {
    const sku = result.sku ?? ''
    const seen = bySku.get(sku)
    if (!seen) bySku.set(sku, result)
    else if (seen.status === 'failed') continue
    else if (result.status === 'failed' || seen.status === 'succeeded') bySku.set(sku, result)
  }
  return [...bySku.values()]
}
