/**
 * Etsy Open API v3 <-> unified translation. Sources: developers.etsy.com Open API v3 reference
 * (ShopReceipt: `status`, `is_shipped`, `grandtotal` Money {amount, divisor, currency_code},
 * `create_timestamp` epoch seconds, `transactions[]`, `shipments[]`; ShopListing: `state`).
 */
import type { FulfillmentStatus, Order, OrderStatus, PaymentStatus, Product, ProductStatus } from '../../src/models/index.js'
import { epochSecondsToIso, lookupTable, multiplyMoney, toDecimalString, type Logger } from '../../src/core/provider-kit/index.js'
import type { EtsyListing, EtsyMoney, EtsyReceipt } from './types.js'

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

/** Etsy Money is an integer amount over a power-of-ten divisor: exact decimal string, no floats. */
export function etsyMoney(value: EtsyMoney | null | undefined, currency: string) {
  if (!value) return { amount: toDecimalString('0'), currency }
  const digits = Math.max(0, Math.round(Math.log10(value.divisor || 1)))
  const negative = value.amount < 0
  const text = String(Math.abs(value.amount)).padStart(digits + 1, '0')
  const decimal = digits ? `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}` : text
  return { amount: toDecimalString(`${negative ? '-' : ''}${decimal}`), currency: value.currency_code || currency }
}

export function toUnifiedOrder(receipt: EtsyReceipt, connectionId: string, log?: Logger): Order {
  const currency = receipt.grandtotal?.currency_code ?? 'USD'
  const mapped = mapEtsyReceiptStatus(receipt.status?.toLowerCase(), log)
  const fulfillment: FulfillmentStatus = mapped.status === 'open' && receipt.is_shipped ? 'shipped' : mapped.fulfillment
  const address = receipt.first_line
    ? {
        name: receipt.name ?? '',
        line1: receipt.first_line,
        line2: receipt.second_line ?? null,
        city: receipt.city ?? '',
        state: receipt.state ?? null,
        postal_code: receipt.zip ?? null,
        country_code: receipt.country_iso ?? 'US',
      }
    : null
  return {
    id: String(receipt.receipt_id),
    provider: 'etsy',
    connection_id: connectionId,
    order_number: String(receipt.receipt_id),
    status: mapped.status,
    fulfillment_status: fulfillment,
    payment_status: mapped.payment,
    provider_status: receipt.status ?? null,
    created_at: epochSecondsToIso(receipt.create_timestamp) ?? new Date(0).toISOString(),
    updated_at: epochSecondsToIso(receipt.update_timestamp ?? receipt.create_timestamp) ?? new Date(0).toISOString(),
    currency,
    subtotal: etsyMoney(receipt.subtotal, currency),
    shipping_total: etsyMoney(receipt.total_shipping_cost, currency),
    discount_total: etsyMoney(receipt.discount_amt, currency),
    tax_total: etsyMoney(receipt.total_tax_cost, currency),
    total: etsyMoney(receipt.grandtotal, currency),
    customer: { name: receipt.name ?? null, email: receipt.buyer_email ?? null, phone: null },
    shipping_address: address,
    billing_address: null,
    lines: (receipt.transactions ?? []).map((t) => {
      const unit = etsyMoney(t.price, currency)
      return {
        id: String(t.transaction_id),
        sku: t.sku || null,
        barcode: null,
        product_id: t.listing_id ? String(t.listing_id) : null,
        title: t.title ?? '',
        quantity: t.quantity,
        unit_price: unit,
        total: multiplyMoney(unit, t.quantity),
        tax_rate: null,
        provider_status: null,
      }
    }),
    shipments: (receipt.shipments ?? []).map((s) => ({
      carrier: s.carrier_name ?? null,
      tracking_number: s.tracking_code ?? null,
      tracking_url: null,
      shipped_at: epochSecondsToIso(s.shipment_notification_timestamp),
    })),
    raw: receipt,
  }
}

export function toUnifiedProduct(listing: EtsyListing, connectionId: string, log?: Logger): Product {
  return {
    id: String(listing.listing_id),
    provider: 'etsy',
    connection_id: connectionId,
    sku: listing.skus?.[0] ?? null,
    barcode: null,
    title: listing.title,
    brand: null,
    category: listing.taxonomy_id ? String(listing.taxonomy_id) : null,
    price: listing.price ? etsyMoney(listing.price, listing.price.currency_code) : null,
    list_price: null,
    quantity: listing.quantity ?? null,
    status: mapEtsyListingState(listing.state, log),
    provider_status: listing.state,
    url: listing.url ?? null,
    images: [],
    attributes: {},
    updated_at: epochSecondsToIso(listing.last_modified_timestamp ?? listing.updated_timestamp),
    raw: listing,
  }
}
