/**
 * Wire shapes of the Etsy Open API v3 answers kopru reads, from Etsy's OpenAPI document
 * (https://www.etsy.com/openapi/generated/oas/3.0.0.json; kept under test/fixtures/specs/etsy/). The document
 * marks nothing required; kopru insists only on what it cannot do without (ids, a Money it must show).
 */
import { z } from 'zod'
import { wireEpochSeconds } from '../../src/core/provider-kit/index.js'

/** Money {amount, divisor, currency_code}: the value is amount / divisor, exactly (divisor a power of ten). */
export const etsyMoneyWire = z.object({
  amount: z.number().int(),
  divisor: z
    .number()
    .int()
    .refine((d) => d >= 1 && /^10*$/.test(String(d)), 'not a power of ten'),
  currency_code: z.string().regex(/^[A-Z]{3}$/, 'not an ISO 4217 currency code'),
})

const text = z.string().nullish()

export const etsyTransactionWire = z.object({
  transaction_id: z.number().int(),
  title: text,
  quantity: z.number().int().min(0),
  price: etsyMoneyWire,
  sku: text,
  listing_id: z.number().int().nullish(),
})

export const etsyShipmentWire = z.object({
  carrier_name: text,
  tracking_code: text,
  shipment_notification_timestamp: wireEpochSeconds.nullish(),
})

export const etsyReceiptWire = z.object({
  receipt_id: z.number().int(),
  status: z.string().nullish(),
  is_shipped: z.boolean().nullish(),
  create_timestamp: wireEpochSeconds,
  update_timestamp: wireEpochSeconds.nullish(),
  name: text,
  first_line: text,
  second_line: text,
  city: text,
  state: text,
  zip: text,
  country_iso: z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code').nullish(),
  buyer_email: text,
  subtotal: etsyMoneyWire.nullish(),
  total_shipping_cost: etsyMoneyWire.nullish(),
  discount_amt: etsyMoneyWire.nullish(),
  total_tax_cost: etsyMoneyWire.nullish(),
  grandtotal: etsyMoneyWire,
  transactions: z.array(etsyTransactionWire).nullish(),
  shipments: z.array(etsyShipmentWire).nullish(),
})

export const etsyListingWire = z.object({
  listing_id: z.number().int(),
  title: z.string(),
  state: z.string(),
  quantity: z.number().int().nullish(),
  price: etsyMoneyWire.nullish(),
  url: text,
  skus: z.array(z.string()).nullish(),
  taxonomy_id: z.number().int().nullish(),
  updated_timestamp: wireEpochSeconds.nullish(),
  last_modified_timestamp: wireEpochSeconds.nullish(),
})

export const etsyPageWire = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int().min(0), results: z.array(item) })

export const etsyMeWire = z.object({ user_id: z.number().int(), shop_id: z.number().int().nullish() })

export type EtsyMoney = z.output<typeof etsyMoneyWire>
export type EtsyReceipt = z.output<typeof etsyReceiptWire>
export type EtsyListing = z.output<typeof etsyListingWire>
/** What Etsy sends (before parsing): the simulator builds these. */
export type EtsyReceiptWire = z.input<typeof etsyReceiptWire>
export type EtsyListingWire = z.input<typeof etsyListingWire>
