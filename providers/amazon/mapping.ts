/**
 * SP-API Orders v0 <-> unified translation. Sources: developer-docs.amazon.com/sp-api Orders API v0
 * reference (OrderStatus PendingAvailability|Pending|Unshipped|PartiallyShipped|Shipped|InvoiceUnconfirmed|
 * Canceled|Unfulfillable; Money {CurrencyCode, Amount: decimal string}; ISO 8601 dates; getOrderItems:
 * ItemPrice is the price of the whole line, i.e. unit price × QuantityOrdered).
 */
import type { FulfillmentStatus, Order, OrderStatus, PaymentStatus } from '../../src/models/index.js'
import { lookupTable, money, phoneToE164, sumMoney, type Logger } from '../../src/core/provider-kit/index.js'
import type { AmazonMoney, AmazonOrder, AmazonOrderItem } from './types.js'

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

const amount = (value: AmazonMoney | undefined, currency: string) => money(value?.Amount ?? '0', value?.CurrencyCode ?? currency)

export function perUnit(line: AmazonMoney | undefined, quantity: number, currency: string) {
  const total = amount(line, currency)
  if (quantity <= 1) return total
  const q = BigInt(quantity)
  const unit = (BigInt(total.amount.replace('.', '')) + q / 2n) / q
  const text = unit.toString().padStart(3, '0')
  return money(`${text.slice(0, -2)}.${text.slice(-2)}`, total.currency)
}

/** Orders from getOrders carry no lines; getOrder adds them from getOrderItems. */
export function toUnifiedOrder(order: AmazonOrder, connectionId: string, items: AmazonOrderItem[] = [], log?: Logger): Order {
  const currency = order.OrderTotal?.CurrencyCode ?? 'USD'
  const mapped = mapAmazonOrderStatus(order.OrderStatus, log)
  const sum = (pick: (item: AmazonOrderItem) => AmazonMoney | undefined) => sumMoney(items.map((item) => amount(pick(item), currency)), currency)
  const address = order.ShippingAddress
  return {
    id: order.AmazonOrderId,
    provider: 'amazon',
    connection_id: connectionId,
    order_number: order.AmazonOrderId,
    status: mapped.status,
    fulfillment_status: mapped.fulfillment,
    payment_status: mapped.payment,
    provider_status: order.OrderStatus,
    created_at: new Date(order.PurchaseDate).toISOString(),
    updated_at: new Date(order.LastUpdateDate).toISOString(),
    currency,
    subtotal: items.length ? sum((i) => i.ItemPrice) : amount(order.OrderTotal, currency),
    shipping_total: sum((i) => i.ShippingPrice),
    discount_total: sum((i) => i.PromotionDiscount),
    tax_total: items.length ? sum((i) => i.ItemTax) : null,
    total: amount(order.OrderTotal, currency),
    customer: { name: order.BuyerInfo?.BuyerName ?? address?.Name ?? null, email: order.BuyerInfo?.BuyerEmail ?? null, phone: null },
    shipping_address: address?.AddressLine1
      ? {
          name: address.Name ?? '',
          phone: phoneToE164(address.Phone, address.CountryCode),
          line1: address.AddressLine1,
          line2: address.AddressLine2 ?? null,
          city: address.City ?? '',
          state: address.StateOrRegion ?? null,
          postal_code: address.PostalCode ?? null,
          country_code: address.CountryCode ?? 'US',
        }
      : null,
    billing_address: null,
    lines: items.map((item) => ({
      id: item.OrderItemId,
      sku: item.SellerSKU ?? null,
      barcode: null,
      product_id: item.ASIN,
      title: item.Title ?? '',
      quantity: item.QuantityOrdered,
      unit_price: perUnit(item.ItemPrice, item.QuantityOrdered, currency),
      total: amount(item.ItemPrice, currency),
      tax_rate: null,
      provider_status: null,
    })),
    shipments: [],
    raw: items.length ? { order, items } : order,
  }
}
