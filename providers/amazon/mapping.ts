/**
 * SP-API Orders 2026-01-01 <-> unified translation. Sources: amzn/selling-partner-api-models
 * orders_2026-01-01.json — `FulfillmentStatus` PENDING_AVAILABILITY|PENDING|UNSHIPPED|PARTIALLY_SHIPPED|SHIPPED|
 * CANCELLED|UNFULFILLABLE (in `fulfillment`, includedData FULFILLMENT); Money {amount: Decimal string,
 * currencyCode}, both required; `proceeds.grandTotal` is what the order comes to, item `proceeds.breakdowns`
 * carry the ITEM (unit price × quantity), SHIPPING, TAX and DISCOUNT amounts of a line and add up to its
 * `proceedsTotal` (the model's examples); `product.price.unitPrice` is one unit's price. Inputs are parsed wire
 * shapes (wire.ts).
 */
import type { Address, FulfillmentStatus, Money, Order, OrderStatus, PaymentStatus } from '../../src/models/index.js'
import { KopruError, completeAddress, lookupTable, money, multiplyMoney, phoneToE164, sumMoney, unitPrice, type Logger } from '../../src/core/provider-kit/index.js'
import type { AmazonAddress, AmazonMoney, AmazonOrder, AmazonOrderItem } from './wire.js'

interface AmazonStatus {
  status: OrderStatus
  fulfillment: FulfillmentStatus
  payment: PaymentStatus
}

export const amazonOrderStatusTable = {
  PENDING_AVAILABILITY: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  PENDING: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  UNSHIPPED: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  PARTIALLY_SHIPPED: { status: 'open', fulfillment: 'partially_shipped', payment: 'paid' },
  SHIPPED: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
  // Amazon charges at shipment: a cancelled order normally never took money.
  CANCELLED: { status: 'cancelled', fulfillment: 'cancelled', payment: 'unknown' },
  UNFULFILLABLE: { status: 'open', fulfillment: 'undeliverable', payment: 'unknown' },
} as const satisfies Record<string, AmazonStatus>

export const mapAmazonOrderStatus = lookupTable('amazon.fulfillment_status', amazonOrderStatusTable, {
  status: 'open',
  fulfillment: 'processing',
  payment: 'unknown',
} as AmazonStatus)

/** The `FulfillmentStatus` values searchOrders' `fulfillmentStatuses` filter takes for one unified status. */
export const amazonStatusesFor = (status: OrderStatus): string[] => Object.entries(amazonOrderStatusTable).flatMap(([value, row]) => (row.status === status ? [value] : []))

/** ISO 4217 "no currency": an order whose currency Amazon has not told (no amounts, unknown marketplace). */
export const NO_CURRENCY = 'XXX'

export const perUnit = unitPrice

export interface AmazonOrderContext {
  connectionId: string
  /** MarketplaceId -> default currency (Sellers API), kept in the connection's metadata. */
  marketplaceCurrencies?: Record<string, string>
  log?: Logger
  /** Where the order sits in Amazon's answer, for error paths: `order` (getOrder), `orders[3]` (searchOrders). */
  at?: string
}

/** The order's currency: grandTotal's, else the first item amount's, else the marketplace's default (Sellers API), else XXX. */
export function orderCurrency(order: AmazonOrder, marketplaceCurrencies: Record<string, string> = {}): string {
  const fromItems = order.orderItems.flatMap((item) => [item.proceeds?.proceedsTotal, item.product.price?.unitPrice, ...(item.proceeds?.breakdowns ?? []).map((b) => b.subtotal)]).find(Boolean)
  const marketplace = order.salesChannel.marketplaceId
  return order.proceeds?.grandTotal?.currencyCode ?? fromItems?.currencyCode ?? (marketplace ? marketplaceCurrencies[marketplace] : undefined) ?? NO_CURRENCY
}

/** An amount in the order's currency; another currency is Amazon's inconsistency, a 502 naming the field. */
function inCurrency(value: AmazonMoney, currency: string, path: string): Money {
  if (value.currencyCode !== currency) {
    throw new KopruError('provider_error', `Amazon sent an amount in ${value.currencyCode} for an order in ${currency}`, {
      provider: { id: 'amazon' },
      errors: [{ path: `${path}.currencyCode`, message: `${value.currencyCode}, not the order's ${currency}` }],
    })
  }
  return money(value.amount, currency)
}

type BreakdownType = 'ITEM' | 'SHIPPING' | 'TAX' | 'DISCOUNT'

/** Sum of one breakdown type over an item's proceeds (null when the item has no breakdown of that type). */
function itemBreakdown(item: AmazonOrderItem, type: BreakdownType, currency: string, path: string): Money | null {
  const rows = (item.proceeds?.breakdowns ?? []).flatMap((b, i) => (b.type === type ? [inCurrency(b.subtotal, currency, `${path}.proceeds.breakdowns[${i}].subtotal`)] : []))
  return rows.length ? sumMoney(rows, currency) : null
}

const magnitude = (m: Money): Money => (m.amount.startsWith('-') ? { ...m, amount: m.amount.slice(1) } : m)

/** Σ of one breakdown type over the items; DISCOUNT reduces the proceeds, kopru reports its size. */
function sumItems(order: AmazonOrder, type: BreakdownType, currency: string, at: string): Money {
  const amounts = order.orderItems.flatMap((item, i) => itemBreakdown(item, type, currency, `${at}.orderItems[${i}]`) ?? [])
  const sum = sumMoney(amounts, currency)
  return type === 'DISCOUNT' ? magnitude(sum) : sum
}

function toAddress(address: AmazonAddress | undefined): Address | null {
  if (!address?.addressLine1 || !address.countryCode) return null
  return completeAddress({
    name: address.name ?? '',
    company: address.companyName || null,
    phone: phoneToE164(address.phone || null, address.countryCode),
    line1: address.addressLine1,
    line2: [address.addressLine2, address.addressLine3].filter(Boolean).join(', ') || null,
    district: address.districtOrCounty || null,
    city: address.city || address.municipality || '',
    state: address.stateOrRegion || null,
    postal_code: address.postalCode || null,
    country_code: address.countryCode,
  })
}

/** An Orders 2026-01-01 order, its items always included, as the unified Order. */
export function toUnifiedOrder(order: AmazonOrder, context: AmazonOrderContext, raw: unknown = order): Order {
  const at = context.at ?? 'order'
  const currency = orderCurrency(order, context.marketplaceCurrencies)
  const mapped = mapAmazonOrderStatus(order.fulfillment.fulfillmentStatus, context.log)
  const lines = order.orderItems.map((item, i) => toUnifiedLine(item, currency, `${at}.orderItems[${i}]`))
  const total = order.proceeds?.grandTotal
  // Without PROCEEDS on any item (Amazon has not priced the order yet) shipping, tax and discount are unknown, not 0.
  const priced = order.orderItems.some((item) => item.proceeds)
  const figure = (type: BreakdownType) => (priced ? sumItems(order, type, currency, at) : null)
  const subtotal = priced || order.orderItems.every((item) => item.product.price?.unitPrice) ? sumMoney(lines.map((line) => line.total), currency) : null
  return {
    id: order.orderId,
    provider: 'amazon',
    connection_id: context.connectionId,
    order_number: order.orderId,
    status: mapped.status,
    fulfillment_status: mapped.fulfillment,
    payment_status: mapped.payment,
    provider_status: order.fulfillment.fulfillmentStatus,
    created_at: order.createdTime,
    updated_at: order.lastUpdatedTime,
    currency,
    subtotal,
    shipping_total: figure('SHIPPING'),
    discount_total: figure('DISCOUNT'),
    tax_total: figure('TAX'),
    // Without grandTotal (a Pending order Amazon has not priced) kopru does not compute a total.
    total: total ? inCurrency(total, currency, `${at}.proceeds.grandTotal`) : null,
    customer: { name: order.buyer?.buyerName || order.recipient?.deliveryAddress?.name || null, email: order.buyer?.buyerEmail || null, phone: null },
    shipping_address: toAddress(order.recipient?.deliveryAddress),
    billing_address: null,
    lines,
    shipments: (order.packages ?? []).map((pkg) => ({ carrier: pkg.carrier || null, tracking_number: pkg.trackingNumber || null, tracking_url: null, shipped_at: pkg.shipTime ?? null })),
    raw,
  }
}

/** A line: total = its ITEM proceeds, else unit price × quantity; the unit price is Amazon's when it agrees with the total. */
function toUnifiedLine(item: AmazonOrderItem, currency: string, path: string) {
  const given = item.product.price?.unitPrice
  const unit = given ? inCurrency(given, currency, `${path}.product.price.unitPrice`) : null
  const total = itemBreakdown(item, 'ITEM', currency, path) ?? (unit ? multiplyMoney(unit, item.quantityOrdered) : money(0, currency))
  const agrees = unit !== null && multiplyMoney(unit, item.quantityOrdered).amount === total.amount
  return {
    id: item.orderItemId,
    sku: item.product.sellerSku || null,
    barcode: null,
    product_id: item.product.asin || null,
    title: item.product.title ?? '',
    quantity: item.quantityOrdered,
    unit_price: agrees ? unit : perUnit(total, item.quantityOrdered),
    total,
    tax_rate: null,
    provider_status: null,
  }
}
