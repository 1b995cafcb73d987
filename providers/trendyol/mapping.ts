/**
 * Trendyol <-> unified translation: pure functions and tables.
 * Sources: Trendyol seller API docs ("Sipariş Paketlerini Çekme / getShipmentPackages"), and a seller's
 * verified notes (2026-05-04): `price` is the net unit price, `amount` the gross; `totalPrice` =
 * `grossAmount` - `totalDiscount`; `orderDate` is Turkish wall-clock time encoded as epoch millis while
 * `packageHistories[].createdDate` are true UTC instants.
 */
import type { Address, FulfillmentStatus, Order, OrderLine, OrderStatus, PaymentStatus } from '../../src/models/index.js'
import {
  isoOrNull,
  localEpochToUtc,
  lookupTable,
  money,
  multiplyMoney,
  subtractMoney,
  toDecimalString,
  turkishPhoneToE164,
  type Logger,
} from '../../src/core/provider-kit/index.js'
import type { TrendyolAddress, TrendyolLine, TrendyolPackage } from './types.js'

export interface UnifiedPackageStatus {
  status: OrderStatus
  fulfillment: FulfillmentStatus
  payment: PaymentStatus
}

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
} as const satisfies Record<string, UnifiedPackageStatus>

export type TrendyolPackageStatus = keyof typeof trendyolStatusTable

/** An unknown status keeps the order visible as open/unknown instead of failing the listing. */
const unknownStatus: UnifiedPackageStatus = { status: 'open', fulfillment: 'processing', payment: 'unknown' }
export const mapTrendyolStatus = lookupTable('trendyol.package_status', trendyolStatusTable, unknownStatus)

/** Unified status filter -> the Trendyol statuses it covers. */
export const trendyolStatusesFor = (status: OrderStatus): TrendyolPackageStatus[] =>
  (Object.keys(trendyolStatusTable) as TrendyolPackageStatus[]).filter((key) => trendyolStatusTable[key].status === status)

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  const trimmed = String(value).trim()
  return trimmed === '' ? null : trimmed
}

export function toUnifiedAddress(address: TrendyolAddress | null | undefined): Address | null {
  if (!address) return null
  const name = text(address.fullName) ?? [text(address.firstName), text(address.lastName)].filter(Boolean).join(' ')
  const line1 = text(address.address1) ?? text(address.fullAddress)
  const city = text(address.city)
  if (!line1 && !city) return null
  return {
    name: name || '',
    company: text(address.company),
    phone: turkishPhoneToE164(address.phone),
    email: null,
    line1: line1 ?? '',
    line2: text(address.address2),
    district: text(address.district),
    city: city ?? '',
    state: null,
    postal_code: text(address.postalCode),
    country_code: (text(address.countryCode) ?? 'TR').toUpperCase(),
  }
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

export function toUnifiedOrder(pkg: TrendyolPackage, connectionId: string, log?: Logger): Order {
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
            carrier: text(pkg.cargoProviderName),
            tracking_number: trackingNumber,
            tracking_url: text(pkg.cargoTrackingLink),
            shipped_at: historyTime(pkg, 'Shipped'),
          },
        ]
      : [],
    raw: pkg,
  }
}
