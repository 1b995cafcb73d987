/**
 * GraphQL Admin API <-> unified translation (shopify.dev/docs/api/admin-graphql: Order
 * `displayFinancialStatus` / `displayFulfillmentStatus` enums, MoneyBag `shopMoney`, Product `status`
 * ACTIVE|ARCHIVED|DRAFT|UNLISTED). Ids are the numeric tail of Shopify's GIDs, the same ids the webhooks carry.
 */
import type { Address, FulfillmentStatus, Order, Product } from '../../src/models/index.js'
import { completeAddress, lookupTable, money, multiplyMoney, phoneToE164, type Logger } from '../../src/core/provider-kit/index.js'
import { mapShopifyFinancialStatus, mapShopifyProductStatus } from './mapping.js'
import { fromGid } from './graphql.js'
import type { GqlAddress, GqlOrder, GqlProduct } from './graphql-wire.js'

/** OrderDisplayFulfillmentStatus; the fulfillment-order states mean work has started but nothing shipped. */
export const shopifyDisplayFulfillmentTable = {
  UNFULFILLED: 'unfulfilled',
  PARTIALLY_FULFILLED: 'partially_shipped',
  FULFILLED: 'shipped',
  RESTOCKED: 'returned',
  PENDING_FULFILLMENT: 'processing',
  OPEN: 'unfulfilled',
  IN_PROGRESS: 'processing',
  ON_HOLD: 'processing',
  SCHEDULED: 'processing',
  REQUEST_DECLINED: 'unfulfilled',
} as const satisfies Record<string, FulfillmentStatus>
export const mapShopifyDisplayFulfillment = lookupTable<keyof typeof shopifyDisplayFulfillmentTable, FulfillmentStatus>('shopify.displayFulfillmentStatus', shopifyDisplayFulfillmentTable, 'processing')

function toAddress(address: GqlAddress | null | undefined): Address | null {
  if (!address?.address1 || !address.countryCodeV2) return null
  return completeAddress({
    name: address.name ?? [address.firstName, address.lastName].filter(Boolean).join(' '),
    company: address.company,
    phone: phoneToE164(address.phone, address.countryCodeV2),
    line1: address.address1,
    line2: address.address2,
    city: address.city ?? '',
    state: address.province,
    postal_code: address.zip,
    country_code: address.countryCodeV2,
  })
}

type Bag = { shopMoney: { amount: string; currencyCode: string } } | null | undefined
const bagMoney = (bag: Bag) => (bag ? money(bag.shopMoney.amount, bag.shopMoney.currencyCode) : null)

export function gqlToUnifiedOrder(order: GqlOrder, connectionId: string, log?: Logger): Order {
  const currency = order.currencyCode
  const status = order.cancelledAt ? 'cancelled' : order.closedAt ? 'completed' : 'open'
  const fulfillment: FulfillmentStatus = order.cancelledAt ? 'cancelled' : mapShopifyDisplayFulfillment(order.displayFulfillmentStatus, log)
  const financial = order.displayFinancialStatus?.toLowerCase()
  const customerName = order.customer ? [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' ') || null : null
  return {
    id: fromGid(order.id),
    provider: 'shopify',
    connection_id: connectionId,
    order_number: order.name,
    status,
    fulfillment_status: fulfillment,
    payment_status: mapShopifyFinancialStatus(financial, log),
    provider_status: financial ?? null,
    created_at: order.createdAt,
    updated_at: order.updatedAt ?? order.createdAt,
    currency,
    subtotal: bagMoney(order.subtotalPriceSet),
    shipping_total: bagMoney(order.totalShippingPriceSet),
    discount_total: bagMoney(order.totalDiscountsSet),
    tax_total: bagMoney(order.totalTaxSet),
    total: bagMoney(order.totalPriceSet)!,
    customer: {
      name: customerName,
      email: order.email ?? order.customer?.defaultEmailAddress?.emailAddress ?? null,
      phone: phoneToE164(order.phone ?? order.customer?.defaultPhoneNumber?.phoneNumber, (order.billingAddress ?? order.shippingAddress)?.countryCodeV2),
    },
    shipping_address: toAddress(order.shippingAddress),
    billing_address: toAddress(order.billingAddress),
    lines: order.lineItems.nodes.map((line) => {
      const unit = bagMoney(line.originalUnitPriceSet)!
      const rate = line.taxLines[0]?.rate
      return {
        id: fromGid(line.id),
        sku: line.sku || null,
        barcode: null,
        product_id: line.product ? fromGid(line.product.id) : null,
        title: line.title,
        quantity: line.quantity,
        unit_price: unit,
        total: multiplyMoney(unit, line.quantity),
        tax_rate: rate == null ? null : String(Math.round(rate * 10_000) / 100),
        provider_status: line.unfulfilledQuantity === 0 && line.quantity > 0 ? 'fulfilled' : null,
      }
    }),
    shipments: order.fulfillments.flatMap((f) =>
      (f.trackingInfo.length ? f.trackingInfo : [{ company: null, number: null, url: null }]).map((t) => ({
        carrier: t.company ?? null,
        tracking_number: t.number ?? null,
        tracking_url: t.url ?? null,
        shipped_at: f.createdAt ?? null,
      })),
    ),
    raw: order,
  }
}

export function gqlToUnifiedProduct(product: GqlProduct, connectionId: string, shop: string, currency: string, log?: Logger): Product {
  const variant = product.variants.nodes[0]
  const status = product.status.toLowerCase()
  return {
    id: fromGid(product.id),
    provider: 'shopify',
    connection_id: connectionId,
    sku: variant?.sku || null,
    barcode: variant?.barcode || null,
    title: product.title,
    brand: product.vendor ?? null,
    category: product.productType || null,
    price: variant ? money(variant.price, currency) : null,
    list_price: variant?.compareAtPrice ? money(variant.compareAtPrice, currency) : null,
    quantity: variant?.inventoryQuantity ?? null,
    status: mapShopifyProductStatus(status, log),
    provider_status: status,
    url: product.onlineStoreUrl ?? `https://${shop}/products/${product.handle}`,
    images: product.media.nodes.flatMap((m) => (m.preview?.image ? [m.preview.image.url] : [])),
    attributes: {},
    updated_at: product.updatedAt ?? null,
    raw: product,
  }
}
