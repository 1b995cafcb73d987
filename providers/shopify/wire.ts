/**
 * Wire shapes of the Shopify Admin REST answers kopru reads (shopify.dev Admin REST reference, version in
 * api.ts: Order, Product, Shop resources; money as decimal strings, timestamps ISO 8601 with the shop's offset).
 * Shopify publishes no machine-readable document for REST; the shapes follow the resource reference.
 */
import { z } from 'zod'
import { wireCurrencyCode, wireDecimalString, wireInstant } from '../../src/core/provider-kit/index.js'

const text = z.string().nullish()
const id = z.number().int().min(0)

export const shopifyAddressWire = z.object({
  name: text,
  first_name: text,
  last_name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  province_code: text,
  zip: text,
  country_code: z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code').nullish(),
  phone: text,
})

export const shopifyLineItemWire = z.object({
  id,
  sku: text,
  title: z.string(),
  quantity: z.number().int().min(0),
  price: wireDecimalString,
  product_id: id.nullish(),
  fulfillment_status: text,
  tax_lines: z.array(z.object({ rate: z.number().min(0).max(100), price: wireDecimalString })).default([]),
})

export const shopifyFulfillmentWire = z.object({
  tracking_company: text,
  tracking_number: text,
  tracking_url: text,
  created_at: wireInstant.nullish(),
})

export const shopifyOrderWire = z.object({
  id,
  name: z.string(),
  created_at: wireInstant,
  updated_at: wireInstant.nullish(),
  cancelled_at: wireInstant.nullish(),
  closed_at: wireInstant.nullish(),
  financial_status: text,
  fulfillment_status: text,
  currency: wireCurrencyCode,
  subtotal_price: wireDecimalString.nullish(),
  total_price: wireDecimalString,
  total_tax: wireDecimalString.nullish(),
  total_discounts: wireDecimalString.nullish(),
  total_shipping_price_set: z.object({ shop_money: z.object({ amount: wireDecimalString, currency_code: wireCurrencyCode }) }).nullish(),
  email: text,
  phone: text,
  customer: z.object({ first_name: text, last_name: text, email: text, phone: text }).nullish(),
  shipping_address: shopifyAddressWire.nullish(),
  billing_address: shopifyAddressWire.nullish(),
  line_items: z.array(shopifyLineItemWire),
  fulfillments: z.array(shopifyFulfillmentWire).default([]),
})

export const shopifyVariantWire = z.object({
  id,
  sku: text,
  barcode: text,
  price: wireDecimalString,
  compare_at_price: wireDecimalString.nullish(),
  inventory_quantity: z.number().int().nullish(),
})

export const shopifyProductWire = z.object({
  id,
  title: z.string(),
  vendor: text,
  product_type: text,
  status: z.string(),
  handle: z.string(),
  updated_at: wireInstant.nullish(),
  variants: z.array(shopifyVariantWire).default([]),
  images: z.array(z.object({ src: z.string() })).default([]),
})

export const shopifyOrdersWire = z.object({ orders: z.array(shopifyOrderWire) })
export const shopifyOrderResponseWire = z.object({ order: shopifyOrderWire })
export const shopifyProductsWire = z.object({ products: z.array(shopifyProductWire) })
export const shopifyProductResponseWire = z.object({ product: shopifyProductWire })
export const shopifyShopWire = z.object({ shop: z.object({ name: z.string(), currency: wireCurrencyCode }) })
export const shopifyWebhookCreatedWire = z.object({ webhook: z.object({ id }) })

export type ShopifyAddress = z.output<typeof shopifyAddressWire>
export type ShopifyOrder = z.output<typeof shopifyOrderWire>
export type ShopifyProduct = z.output<typeof shopifyProductWire>
/** What Shopify sends (before parsing): the simulator builds these. */
export type ShopifyOrderWire = z.input<typeof shopifyOrderWire>
export type ShopifyProductWire = z.input<typeof shopifyProductWire>
