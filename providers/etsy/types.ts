/** Etsy Open API v3 shapes kopru reads (field names as Etsy spells them). */
export interface EtsyMoney {
  amount: number
  divisor: number
  currency_code: string
}

export interface EtsyTransaction {
  transaction_id: number
  title: string | null
  quantity: number
  price: EtsyMoney
  sku: string | null
  listing_id: number | null
}

export interface EtsyShipment {
  carrier_name: string | null
  tracking_code: string | null
  shipment_notification_timestamp: number | null
}

export interface EtsyReceipt {
  receipt_id: number
  status: string
  is_shipped: boolean
  is_paid: boolean
  create_timestamp: number
  update_timestamp: number | null
  name: string | null
  first_line: string | null
  second_line: string | null
  city: string | null
  state: string | null
  zip: string | null
  country_iso: string | null
  buyer_email: string | null
  subtotal: EtsyMoney
  total_shipping_cost: EtsyMoney
  discount_amt: EtsyMoney
  total_tax_cost: EtsyMoney
  grandtotal: EtsyMoney
  transactions: EtsyTransaction[]
  shipments: EtsyShipment[]
}

export interface EtsyListing {
  listing_id: number
  title: string
  state: string
  quantity: number | null
  price: EtsyMoney | null
  url: string | null
  skus: string[]
  taxonomy_id: number | null
  updated_timestamp: number | null
  last_modified_timestamp: number | null
}

export interface EtsyPage<T> {
  count: number
  results: T[]
}
