/**
 * eBay Sell Fulfillment <-> unified translation. Sources: developer.ebay.com Sell Fulfillment API,
 * getOrders/Order type (OrderFulfillmentStatus NOT_STARTED|IN_PROGRESS|FULFILLED, OrderPaymentStatusEnum
 * FAILED|FULLY_REFUNDED|PAID|PARTIALLY_REFUNDED|PENDING, cancelStatus.cancelState CANCELED|IN_PROGRESS|
 * NONE_REQUESTED, amounts as `{value: "12.34", currency}`, ISO 8601 UTC dates), field names as in the OpenAPI
 * document v1.20.7 (wire.ts).
 */
import type { Address, FulfillmentStatus, Money, Order, PaymentStatus } from '../../src/models/index.js'
import { completeAddress, lookupTable, money, phoneToE164, sumMoney, unitPrice, type Logger } from '../../src/core/provider-kit/index.js'
import type { EbayAmount, EbayContact, EbayOrder } from './wire.js'

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

const amount = (value: EbayAmount | undefined): Money | null => (value ? money(value.value, value.currency) : null)
/** eBay reports discounts as negative amounts; the unified discount_total is positive. */
const positive = (value: EbayAmount): Money => {
  const m = money(value.value, value.currency)
  return { ...m, amount: m.amount.replace(/^-/, '') }
}

/** `lineItemCost` is the unit price multiplied by the quantity (eBay LineItem docs). */
export const perUnit = (cost: EbayAmount, quantity: number) => unitPrice(money(cost.value, cost.currency), quantity)

function toAddress(contact: EbayContact | null | undefined): Address | null {
  const address = contact?.contactAddress
  if (!contact || !address?.addressLine1 || !address.countryCode) return null
  return completeAddress({
    name: contact.fullName ?? '',
    company: contact.companyName,
    phone: phoneToE164(contact.primaryPhone?.phoneNumber, address.countryCode),
    email: contact.email,
    line1: address.addressLine1,
    line2: address.addressLine2,
    district: address.county,
    city: address.city ?? '',
    state: address.stateOrProvince,
    postal_code: address.postalCode,
    country_code: address.countryCode,
  })
}

/** Item and delivery discounts (both negative at eBay) as one positive figure; null when eBay gave neither. */
function discountOf(pricing: EbayOrder['pricingSummary'], currency: string): Money | null {
  const parts = [pricing.priceDiscount, pricing.deliveryDiscount].filter((a): a is EbayAmount => a !== undefined && a.currency === currency)
  return parts.length ? sumMoney(parts.map(positive), currency) : null
}

export function toUnifiedOrder(order: EbayOrder, connectionId: string, log?: Logger, raw: unknown = order): Order {
  const pricing = order.pricingSummary
  const currency = pricing.total.currency
  const cancelled = order.cancelStatus?.cancelState === 'CANCELED'
  const fulfillment = cancelled ? 'cancelled' : mapEbayFulfillmentStatus(order.orderFulfillmentStatus ?? undefined, log)
  const shipTo = order.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo
  const registered = order.buyer?.buyerRegistrationAddress
  return {
    id: order.orderId,
    provider: 'ebay',
    connection_id: connectionId,
    order_number: order.orderId,
    status: cancelled ? 'cancelled' : order.orderFulfillmentStatus === 'FULFILLED' ? 'completed' : 'open',
    fulfillment_status: fulfillment,
    payment_status: mapEbayPaymentStatus(order.orderPaymentStatus ?? undefined, log),
    provider_status: order.orderFulfillmentStatus ?? null,
    created_at: order.creationDate,
    updated_at: order.lastModifiedDate ?? order.creationDate,
    currency,
    subtotal: amount(pricing.priceSubtotal),
    shipping_total: amount(pricing.deliveryCost),
    discount_total: discountOf(pricing, currency),
    tax_total: amount(pricing.tax),
    total: amount(pricing.total),
    customer: {
      name: registered?.fullName ?? order.buyer?.username ?? null,
      email: registered?.email ?? null,
      phone: phoneToE164(registered?.primaryPhone?.phoneNumber, shipTo?.contactAddress?.countryCode ?? registered?.contactAddress?.countryCode),
    },
    shipping_address: toAddress(shipTo),
    billing_address: null,
    lines: (order.lineItems ?? []).map((line) => ({
      id: line.lineItemId,
      sku: line.sku || null,
      barcode: null,
      product_id: line.legacyItemId ?? null,
      title: line.title ?? '',
      quantity: line.quantity,
      unit_price: perUnit(line.lineItemCost, line.quantity),
      total: money(line.lineItemCost.value, line.lineItemCost.currency),
      tax_rate: null,
      provider_status: line.lineItemFulfillmentStatus ?? null,
    })),
    shipments: [],
    raw,
  }
}
