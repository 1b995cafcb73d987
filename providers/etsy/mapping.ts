/**
 * Etsy Open API v3 <-> unified translation. Sources: developers.etsy.com Open API v3 reference
 * (ShopReceipt: `status`, `is_shipped`, `grandtotal` Money {amount, divisor, currency_code},
 * `create_timestamp` epoch seconds, `transactions[]`, `shipments[]`; ShopListing: `state`). Inputs are parsed
 * wire shapes (wire.ts).
 */
import type { FulfillmentStatus, Money, Order, OrderStatus, PaymentStatus, Product, ProductStatus } from '../../src/models/index.js'
import { completeAddress, lookupTable, type Logger } from '../../src/core/provider-kit/index.js'
import type { EtsyListing, EtsyMoney, EtsyReceipt } from './wire.js'

interface ReceiptStatus {
  status: OrderStatus
  fulfillment: FulfillmentStatus
  payment: PaymentStatus
}

/** Etsy receipt `status` -> unified statuses (fulfillment of paid/open receipts also follows `is_shipped`). */
export const etsyReceiptStatusTable = {
  open: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  unpaid: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  'payment processing': { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
  paid: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
  completed: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
  canceled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  'fully refunded': { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
  'partially refunded': { status: 'open', fulfillment: 'unfulfilled', payment: 'partially_refunded' },
} as const satisfies Record<string, ReceiptStatus>

export const mapEtsyReceiptStatus = lookupTable('etsy.receipt_status', etsyReceiptStatusTable, {
  status: 'open',
  fulfillment: 'processing',
  payment: 'unknown',
} as ReceiptStatus)

/** Etsy listing `state` -> unified product status. */
export const etsyListingStateTable = {
  active: 'active',
  inactive: 'inactive',
  sold_out: 'inactive',
  draft: 'inactive',
  expired: 'inactive',
} as const satisfies Record<string, ProductStatus>

export const mapEtsyListingState = lookupTable<keyof typeof etsyListingStateTable, ProductStatus>('etsy.listing_state', etsyListingStateTable, 'inactive')

/**
 * Etsy Money is `amount / divisor` exactly, in any currency (JPY with divisor 1, three-digit divisors): the
 * decimal string keeps the divisor's own digits and is never re-rounded to the currency's minor units.
 */
export function etsyMoney(value: EtsyMoney, quantity = 1): Money {
  const digits = String(value.divisor).length - 1
  const units = BigInt(value.amount) * BigInt(quantity)
  const negative = units < 0n
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0')
  const decimal = digits ? `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}` : text
  return { amount: `${negative ? '-' : ''}${decimal}`, currency: value.currency_code }
}

/** A receipt figure Etsy left out is null, not an invented zero. */
const optionalMoney = (value: EtsyMoney | null | undefined): Money | null => (value ? etsyMoney(value) : null)

function toAddress(receipt: EtsyReceipt) {
  if (!receipt.first_line || !receipt.country_iso) return null
  return completeAddress({
    name: receipt.name ?? '',
    // Etsy's receipt carries the buyer's email but no phone or company for the shipping address.
    email: receipt.buyer_email,
    line1: receipt.first_line,
    line2: receipt.second_line,
    city: receipt.city ?? '',
    state: receipt.state,
    postal_code: receipt.zip,
    country_code: receipt.country_iso,
  })
}

export function toUnifiedOrder(receipt: EtsyReceipt, connectionId: string, log?: Logger, raw: unknown = receipt): Order {
  const currency = receipt.grandtotal.currency_code
  const mapped = mapEtsyReceiptStatus(receipt.status?.toLowerCase(), log)
  const fulfillment: FulfillmentStatus = mapped.status === 'open' && receipt.is_shipped ? 'shipped' : mapped.fulfillment
  return {
    id: String(receipt.receipt_id),
    provider: 'etsy',
    connection_id: connectionId,
    order_number: String(receipt.receipt_id),
    status: mapped.status,
    fulfillment_status: fulfillment,
    payment_status: mapped.payment,
    provider_status: receipt.status ?? null,
    created_at: receipt.create_timestamp,
    updated_at: receipt.update_timestamp ?? receipt.create_timestamp,
    currency,
    subtotal: optionalMoney(receipt.subtotal),
    shipping_total: optionalMoney(receipt.total_shipping_cost),
    discount_total: optionalMoney(receipt.discount_amt),
    tax_total: optionalMoney(receipt.total_tax_cost),
    total: etsyMoney(receipt.grandtotal),
    customer: { name: receipt.name ?? null, email: receipt.buyer_email ?? null, phone: null },
    shipping_address: toAddress(receipt),
    billing_address: null,
    lines: (receipt.transactions ?? []).map((t) => ({
      id: String(t.transaction_id),
      sku: t.sku || null,
      barcode: null,
      product_id: t.listing_id ? String(t.listing_id) : null,
      title: t.title ?? '',
      quantity: t.quantity,
      unit_price: etsyMoney(t.price),
      total: etsyMoney(t.price, t.quantity),
      tax_rate: null,
      provider_status: null,
    })),
    shipments: (receipt.shipments ?? []).map((s) => ({
      carrier: s.carrier_name ?? null,
      tracking_number: s.tracking_code ?? null,
      tracking_url: null,
      shipped_at: s.shipment_notification_timestamp ?? null,
    })),
    raw,
  }
}

export function toUnifiedProduct(listing: EtsyListing, connectionId: string, log?: Logger, raw: unknown = listing): Product {
  return {
    id: String(listing.listing_id),
    provider: 'etsy',
    connection_id: connectionId,
    sku: listing.skus?.[0] ?? null,
    barcode: null,
    title: listing.title,
    brand: null,
    category: listing.taxonomy_id ? String(listing.taxonomy_id) : null,
    price: optionalMoney(listing.price),
    list_price: null,
    quantity: listing.quantity ?? null,
    status: mapEtsyListingState(listing.state, log),
    provider_status: listing.state,
    url: listing.url ?? null,
    images: [],
    attributes: {},
    updated_at: listing.last_modified_timestamp ?? listing.updated_timestamp ?? null,
    raw,
  }
}
