/** Shopify Admin REST API shapes kopru reads (field names as Shopify spells them). */
export interface ShopifyAddress {
  name?: string | null
  first_name?: string | null
  last_name?: string | null
  company?: string | null
  address1: string | null
  address2?: string | null
  city: string | null
  province?: string | null
  zip?: string | null
  country_code: string | null
  phone?: string | null
}

export interface ShopifyLineItem {
  id: number
  sku: string | null
  title: string
  quantity: number
  price: string
  product_id: number | null
  fulfillment_status: string | null
  tax_lines: { rate: number; price: string }[]
}

export interface ShopifyFulfillment {
  tracking_company: string | null
  tracking_number: string | null
  tracking_url: string | null
  created_at: string
}

export interface ShopifyOrder {
  id: number
  name: string
  order_number: number
  created_at: string
  updated_at: string
  cancelled_at: string | null
  closed_at: string | null
  financial_status: string | null
  fulfillment_status: string | null
  currency: string
  subtotal_price: string
  total_price: string
  total_tax: string
  total_discounts: string
  total_shipping_price_set: { shop_money: { amount: string; currency_code: string } }
  email: string | null
  phone: string | null
  customer: { first_name: string | null; last_name: string | null; email: string | null; phone: string | null } | null
  shipping_address: ShopifyAddress | null
  billing_address: ShopifyAddress | null
  line_items: ShopifyLineItem[]
  fulfillments: ShopifyFulfillment[]
}

export interface ShopifyVariant {
  id: number
  sku: string | null
  barcode: string | null
  price: string
  compare_at_price: string | null
  inventory_quantity: number | null
}

export interface ShopifyProduct {
  id: number
  title: string
  vendor: string | null
  product_type: string | null
  status: string
  handle: string
  updated_at: string
  variants: ShopifyVariant[]
  images: { src: string }[]
}
