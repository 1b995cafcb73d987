/**
 * Shopify Admin REST <-> unified translation. Sources: shopify.dev Admin REST reference, Order resource
 * (`financial_status`, `fulfillment_status` null|partial|fulfilled|restocked, `cancelled_at`, `closed_at`,
 * money as decimal strings, timestamps in the shop's offset) and Product resource (`status` active|archived|draft; GraphQL 2025-10 adds UNLISTED).
 * Inputs are parsed wire shapes (wire.ts), timestamps already ISO UTC.
 */
import type { Address, FulfillmentStatus, Order, PaymentStatus, Product, ProductStatus } from '../../src/models/index.js'
import { completeAddress, lookupTable, money, multiplyMoney, phoneToE164, type Logger } from '../../src/core/provider-kit/index.js'
import type { ShopifyAddress, ShopifyOrder, ShopifyProduct } from './wire.js'

export const shopifyFinancialStatusTable = {
  pending: 'pending',
  authorized: 'pending',
  partially_paid: 'pending',
  paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  // The authorization was voided: nothing was captured, nothing refunded.
  voided: 'unknown',
  // OrderDisplayFinancialStatus EXPIRED (2025-10 schema): the authorization lapsed before capture; nothing was paid.
  expired: 'unknown',
} as const satisfies Record<string, PaymentStatus>
export const mapShopifyFinancialStatus = lookupTable<keyof typeof shopifyFinancialStatusTable, PaymentStatus>('shopify.financial_status', shopifyFinancialStatusTable, 'unknown')

/** `fulfillment_status` is null for unfulfilled orders; the table spells that `unfulfilled`. */
export const shopifyFulfillmentStatusTable = {
  unfulfilled: 'unfulfilled',
  partial: 'partially_shipped',
  fulfilled: 'shipped',
  restocked: 'returned',
} as const satisfies Record<string, FulfillmentStatus>
export const mapShopifyFulfillmentStatus = lookupTable<keyof typeof shopifyFulfillmentStatusTable, FulfillmentStatus>('shopify.fulfillment_status', shopifyFulfillmentStatusTable, 'processing')

export const shopifyProductStatusTable = {
  active: 'active',
  archived: 'inactive',
  draft: 'inactive',
  // ProductStatus UNLISTED (from 2025-10): active and sellable, reachable only by direct link, not in search.
  unlisted: 'active',
} as const satisfies Record<string, ProductStatus>
export const mapShopifyProductStatus = lookupTable<keyof typeof shopifyProductStatusTable, ProductStatus>('shopify.product_status', shopifyProductStatusTable, 'inactive')

function toAddress(address: ShopifyAddress | null | undefined): Address | null {
  if (!address?.address1 || !address.country_code) return null
  return completeAddress({
    name: address.name ?? [address.first_name, address.last_name].filter(Boolean).join(' '),
    company: address.company,
    phone: phoneToE164(address.phone, address.country_code),
    line1: address.address1,
    line2: address.address2,
    city: address.city ?? '',
    state: address.province,
    postal_code: address.zip,
    country_code: address.country_code,
  })
}

const optionalMoney = (amount: string | null | undefined, currency: string) => (amount == null ? null : money(amount, currency))

export function toUnifiedOrder(order: ShopifyOrder, connectionId: string, log?: Logger, raw: unknown = order): Order {
  const currency = order.currency
  const status = order.cancelled_at ? 'cancelled' : order.closed_at ? 'completed' : 'open'
  const fulfillment: FulfillmentStatus = order.cancelled_at ? 'cancelled' : mapShopifyFulfillmentStatus(order.fulfillment_status ?? 'unfulfilled', log)
  const customerName = order.customer ? [order.customer.first_name, order.customer.last_name].filter(Boolean).join(' ') || null : null
  return {
    id: String(order.id),
    provider: 'shopify',
    connection_id: connectionId,
    order_number: order.name,
    status,
    fulfillment_status: fulfillment,
    payment_status: mapShopifyFinancialStatus(order.financial_status ?? undefined, log),
    provider_status: order.financial_status ?? null,
    created_at: order.created_at,
    updated_at: order.updated_at ?? order.created_at,
    currency,
    subtotal: optionalMoney(order.subtotal_price, currency),
    shipping_total: optionalMoney(order.total_shipping_price_set?.shop_money.amount, order.total_shipping_price_set?.shop_money.currency_code ?? currency),
    discount_total: optionalMoney(order.total_discounts, currency),
    tax_total: optionalMoney(order.total_tax, currency),
    total: money(order.total_price, currency),
    customer: { name: customerName, email: order.email ?? order.customer?.email ?? null, phone: phoneToE164(order.phone ?? order.customer?.phone, (order.billing_address ?? order.shipping_address)?.country_code) },
    shipping_address: toAddress(order.shipping_address),
    billing_address: toAddress(order.billing_address),
    lines: order.line_items.map((line) => {
      const unit = money(line.price, currency)
      const rate = line.tax_lines[0]?.rate
      return {
        id: String(line.id),
        sku: line.sku || null,
        barcode: null,
        product_id: line.product_id ? String(line.product_id) : null,
        title: line.title,
        quantity: line.quantity,
        unit_price: unit,
        total: multiplyMoney(unit, line.quantity),
        tax_rate: rate === undefined ? null : String(Math.round(rate * 10_000) / 100),
        provider_status: line.fulfillment_status ?? null,
      }
    }),
    shipments: order.fulfillments.map((f) => ({
      carrier: f.tracking_company ?? null,
      tracking_number: f.tracking_number ?? null,
      tracking_url: f.tracking_url ?? null,
      shipped_at: f.created_at ?? null,
    })),
    raw,
  }
}

export function toUnifiedProduct(product: ShopifyProduct, connectionId: string, shop: string, currency: string, log?: Logger, raw: unknown = product): Product {
  const variant = product.variants[0]
  return {
    id: String(product.id),
    provider: 'shopify',
    connection_id: connectionId,
    sku: variant?.sku || null,
    barcode: variant?.barcode || null,
    title: product.title,
    brand: product.vendor ?? null,
    category: product.product_type || null,
    price: variant ? money(variant.price, currency) : null,
    list_price: variant?.compare_at_price ? money(variant.compare_at_price, currency) : null,
    quantity: variant?.inventory_quantity ?? null,
    status: mapShopifyProductStatus(product.status, log),
    provider_status: product.status,
    url: `https://${shop}/products/${product.handle}`,
    images: product.images.map((image) => image.src),
    attributes: {},
    updated_at: product.updated_at ?? null,
    raw,
  }
}
