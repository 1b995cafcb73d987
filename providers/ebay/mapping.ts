/**
 * eBay Sell Fulfillment <-> unified translation. Sources: developer.ebay.com Sell Fulfillment API,
 * getOrders/Order type (OrderFulfillmentStatus NOT_STARTED|IN_PROGRESS|FULFILLED, OrderPaymentStatusEnum
 * FAILED|FULLY_REFUNDED|PAID|PARTIALLY_REFUNDED|PENDING, cancelStatus.cancelState CANCELED|IN_PROGRESS|
 * NONE_REQUESTED, amounts as `{value: "12.34", currency}`, ISO 8601 UTC dates).
 */
import type { FulfillmentStatus, Order, PaymentStatus } from '../../src/models/index.js'
import { lookupTable, money, phoneToE164, type Logger } from '../../src/core/provider-kit/index.js'
import type { EbayAmount, EbayOrder } from './types.js'

export const ebayFulfillmentStatusTable = {
  NOT_STARTED: 'unfulfilled',
  IN_PROGRESS: 'partially_shipped',
  FULFILLED: 'shipped',
} as const satisfies Record<string, FulfillmentStatus>
export const mapEbayFulfillmentStatus = lookupTable<keyof typeof ebayFulfillmentStatusTable, FulfillmentStatus>('ebay.fulfillment_status', ebayFulfillmentStatusTable, 'processing')

export const ebayPaymentStatusTable = {
  PENDING: 'pending',
  PAID: 'paid',
  // The buyer's payment failed: nothing was collected.
  FAILED: 'unknown',
  PARTIALLY_REFUNDED: 'partially_refunded',
  FULLY_REFUNDED: 'refunded',
} as const satisfies Record<string, PaymentStatus>
export const mapEbayPaymentStatus = lookupTable<keyof typeof ebayPaymentStatusTable, PaymentStatus>('ebay.payment_status', ebayPaymentStatusTable, 'unknown')

const amount = (value: EbayAmount | undefined, currency: string) => money(value?.value ?? '0', value?.currency ?? currency)
/** eBay reports discounts as negative amounts; the unified discount_total is positive. */
const positive = (value: EbayAmount | undefined, currency: string) => {
  const m = amount(value, currency)
  return { ...m, amount: m.amount.replace(/^-/, '') }
}

/** `lineItemCost` is the unit price multiplied by the quantity (eBay LineItem docs); the unit price is exact in cents. */
export function perUnit(cost: EbayAmount, quantity: number) {
  const total = money(cost.value, cost.currency)
  if (quantity <= 1) return total
  const cents = BigInt(total.amount.replace('.', ''))
  const q = BigInt(quantity)
  const unit = (cents + q / 2n) / q
  const text = unit.toString().padStart(3, '0')
  return money(`${text.slice(0, -2)}.${text.slice(-2)}`, cost.currency)
}

export function toUnifiedOrder(order: EbayOrder, connectionId: string, log?: Logger): Order {
  const currency = order.pricingSummary.total.currency
  const cancelled = order.cancelStatus?.cancelState === 'CANCELED'
  const fulfillment = cancelled ? 'cancelled' : mapEbayFulfillmentStatus(order.orderFulfillmentStatus, log)
  const shipTo = order.fulfillmentStartInstructions[0]?.shippingStep?.shipTo
  const address = shipTo?.contactAddress
  return {
    id: order.orderId,
    provider: 'ebay',
    connection_id: connectionId,
    order_number: order.legacyOrderId ?? order.orderId,
    status: cancelled ? 'cancelled' : order.orderFulfillmentStatus === 'FULFILLED' ? 'completed' : 'open',
    fulfillment_status: fulfillment,
    payment_status: mapEbayPaymentStatus(order.orderPaymentStatus, log),
    provider_status: order.orderFulfillmentStatus,
    created_at: new Date(order.creationDate).toISOString(),
    updated_at: new Date(order.lastModifiedDate).toISOString(),
    currency,
    subtotal: amount(order.pricingSummary.priceSubtotal, currency),
    shipping_total: amount(order.pricingSummary.deliveryCost, currency),
    discount_total: positive(order.pricingSummary.priceDiscount, currency),
    tax_total: amount(order.pricingSummary.tax, currency),
    total: amount(order.pricingSummary.total, currency),
    customer: {
      name: order.buyer.buyerRegistrationAddress?.fullName ?? order.buyer.username,
      email: order.buyer.buyerRegistrationAddress?.email ?? null,
      phone: phoneToE164(order.buyer.buyerRegistrationAddress?.primaryPhone?.phoneNumber, address?.countryCode),
    },
    shipping_address: address?.addressLine1
      ? {
          name: shipTo?.fullName ?? '',
          phone: phoneToE164(shipTo?.primaryPhone?.phoneNumber, address.countryCode),
          email: shipTo?.email ?? null,
          line1: address.addressLine1,
          line2: address.addressLine2 ?? null,
          city: address.city ?? '',
          state: address.stateOrProvince ?? null,
          postal_code: address.postalCode ?? null,
          country_code: address.countryCode ?? 'US',
        }
      : null,
    billing_address: null,
    lines: order.lineItems.map((line) => ({
      id: line.lineItemId,
      sku: line.sku || null,
      barcode: null,
      product_id: line.legacyItemId,
      title: line.title,
      quantity: line.quantity,
      unit_price: perUnit(line.lineItemCost, line.quantity),
      total: amount(line.lineItemCost, currency),
      tax_rate: null,
      provider_status: line.lineItemFulfillmentStatus,
    })),
    shipments: [],
    raw: order,
  }
}
