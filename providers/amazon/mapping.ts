/**
 * SP-API Orders v0 <-> unified translation. Sources: amzn/selling-partner-api-models ordersV0.json
 * (OrderStatus PendingAvailability|Pending|Unshipped|PartiallyShipped|Shipped|InvoiceUnconfirmed|Canceled|
 * Unfulfillable; Money {CurrencyCode, Amount: decimal string}, both optional; `OrderTotal` optional and usually
 * absent on Pending orders; getOrderItems: ItemPrice is the price of the whole line, i.e. unit price ×
 * QuantityOrdered). Inputs are parsed wire shapes (wire.ts).
 */
import type { Address, FulfillmentStatus, Money, Order, OrderStatus, PaymentStatus } from '../../src/models/index.js'
import { KopruError, completeAddress, lookupTable, money, phoneToE164, sumMoney, unitPrice, type Logger } from '../../src/core/provider-kit/index.js'
import type { AmazonAddress, AmazonMoney, AmazonOrder, AmazonOrderItem } from './wire.js'

interface AmazonStatus {
  status: OrderStatus
  fulfillment: FulfillmentStatus
  payment: PaymentStatus
}

export const amazonOrderStatusTable = {
  PendingAvailability: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  Pending: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  Unshipped: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  PartiallyShipped: { status: 'open', fulfillment: 'partially_shipped', payment: 'paid' },
  Shipped: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
  InvoiceUnconfirmed: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
  // Amazon charges at shipment: a canceled order normally never took money.
  Canceled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'unknown' },
  Unfulfillable: { status: 'open', fulfillment: 'undeliverable', payment: 'unknown' },
} as const satisfies Record<string, AmazonStatus>

export const mapAmazonOrderStatus = lookupTable('amazon.order_status', amazonOrderStatusTable, {
  status: 'open',
  fulfillment: 'processing',
  payment: 'unknown',
} as AmazonStatus)

/** ISO 4217 "no currency": an order whose currency Amazon has not told (no amounts, unknown marketplace). */
export const NO_CURRENCY = 'XXX'

/** A Money Amazon actually gave (both members), else null. */
const given = (value: AmazonMoney | undefined): Money | null => (value?.Amount !== undefined && value.CurrencyCode ? money(value.Amount, value.CurrencyCode) : null)

export const perUnit = unitPrice

/**
 * The order's currency: OrderTotal's, else the items' (getOrder), else the marketplace's default currency
 * as Sellers API reported it at connection time, else XXX.
 */
export function orderCurrency(order: AmazonOrder, items: AmazonOrderItem[] | null, marketplaceCurrencies: Record<string, string> = {}): string {
  const fromItems = items?.flatMap((item) => [item.ItemPrice, item.ShippingPrice, item.ItemTax]).find((m) => given(m))?.CurrencyCode
  return order.OrderTotal?.CurrencyCode ?? fromItems ?? (order.MarketplaceId ? marketplaceCurrencies[order.MarketplaceId] : undefined) ?? NO_CURRENCY
}

/** Sum of one Money field over the items, in the order's currency; an item in another currency is Amazon's inconsistency. */
function sumItems(items: AmazonOrderItem[], field: 'ItemPrice' | 'ItemTax' | 'ShippingPrice' | 'ShippingDiscount' | 'PromotionDiscount', currency: string): Money {
  const amounts = items.map((item, i) => {
    const value = given(item[field])
    if (value && value.currency !== currency) {
      throw new KopruError('provider_error', `Amazon sent order items in ${value.currency} for an order in ${currency}`, {
        provider: { id: 'amazon' },
        errors: [{ path: `payload.OrderItems[${i}].${field}.CurrencyCode`, message: `${value.currency}, not the order's ${currency}` }],
      })
    }
    return value
  })
  return sumMoney(amounts.filter((m): m is Money => m !== null), currency)
}

function toAddress(address: AmazonAddress | undefined): Address | null {
  if (!address?.AddressLine1 || !address.CountryCode) return null
  return completeAddress({
    name: address.Name ?? '',
    company: address.CompanyName,
    phone: phoneToE164(address.Phone, address.CountryCode),
    line1: address.AddressLine1,
    line2: [address.AddressLine2, address.AddressLine3].filter(Boolean).join(', ') || null,
    district: address.District ?? address.County,
    city: address.City ?? '',
    state: address.StateOrRegion,
    postal_code: address.PostalCode,
    country_code: address.CountryCode,
  })
}

export interface AmazonOrderContext {
  connectionId: string
  /** MarketplaceId -> default currency (Sellers API), kept in the connection's metadata. */
  marketplaceCurrencies?: Record<string, string>
  log?: Logger
}

/** `items` null: a getOrders row, whose lines Amazon does not list (totals other than OrderTotal are then null). */
export function toUnifiedOrder(order: AmazonOrder, items: AmazonOrderItem[] | null, context: AmazonOrderContext, raw: unknown = order): Order {
  const currency = orderCurrency(order, items, context.marketplaceCurrencies)
  const mapped = mapAmazonOrderStatus(order.OrderStatus, context.log)
  const sum = (field: Parameters<typeof sumItems>[1]) => (items ? sumItems(items, field, currency) : null)
  const discount = items ? sumMoney([sum('PromotionDiscount')!, sum('ShippingDiscount')!], currency) : null
  return {
    id: order.AmazonOrderId,
    provider: 'amazon',
    connection_id: context.connectionId,
    order_number: order.AmazonOrderId,
    status: mapped.status,
    fulfillment_status: mapped.fulfillment,
    payment_status: mapped.payment,
    provider_status: order.OrderStatus,
    created_at: order.PurchaseDate,
    updated_at: order.LastUpdateDate,
    currency,
    subtotal: sum('ItemPrice'),
    shipping_total: sum('ShippingPrice'),
    discount_total: discount,
    tax_total: sum('ItemTax'),
    // Without OrderTotal (Pending orders) Amazon has not priced the order: kopru does not compute a total for it.
    total: given(order.OrderTotal),
    customer: { name: order.BuyerInfo?.BuyerName ?? order.ShippingAddress?.Name ?? null, email: order.BuyerInfo?.BuyerEmail ?? null, phone: null },
    shipping_address: toAddress(order.ShippingAddress),
    billing_address: null,
    lines: items?.map((item) => toUnifiedLine(item, currency)) ?? null,
    shipments: [],
    raw,
  }
}

function toUnifiedLine(item: AmazonOrderItem, currency: string) {
  const total = given(item.ItemPrice) ?? money(0, currency)
  return {
    id: item.OrderItemId,
    sku: item.SellerSKU ?? null,
    barcode: null,
    product_id: item.ASIN,
    title: item.Title ?? '',
    quantity: item.QuantityOrdered,
    unit_price: perUnit(total, item.QuantityOrdered),
    total,
    tax_rate: null,
    provider_status: null,
  }
}
