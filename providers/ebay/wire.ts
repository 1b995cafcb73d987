/**
 * Wire shapes of the eBay answers kopru reads, from eBay's published OpenAPI 3 document of the Sell
 * Fulfillment API v1.20.7 (sell_fulfillment_v1_oas3.json; kept under test/fixtures/specs/ebay/) and the
 * Commerce Identity getUser method. The document marks nothing required; kopru insists on ids, dates and the
 * order total, and reads Amounts only when both `value` and `currency` are given.
 */
import { z } from 'zod'
import { wireCurrencyCode, wireDecimalString, wireInstant } from '../../src/core/provider-kit/index.js'

export const ebayAmountWire = z.object({ value: wireDecimalString, currency: wireCurrencyCode })
/** An Amount kopru can do without: an incomplete one counts as not given. */
const optionalAmount = z
  .object({ value: wireDecimalString.optional(), currency: wireCurrencyCode.optional() })
  .optional()
  .transform((a) => (a?.value !== undefined && a.currency ? { value: a.value, currency: a.currency } : undefined))

const text = z.string().nullish()

export const ebayContactWire = z.object({
  fullName: text,
  companyName: text,
  email: text,
  primaryPhone: z.object({ phoneNumber: text }).nullish(),
  contactAddress: z
    .object({
      addressLine1: text,
      addressLine2: text,
      city: text,
      county: text,
      stateOrProvince: text,
      postalCode: text,
      countryCode: z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code').nullish(),
    })
    .nullish(),
})

export const ebayLineItemWire = z.object({
  lineItemId: z.string().min(1),
  legacyItemId: text,
  sku: text,
  title: text,
  quantity: z.number().int().min(0),
  lineItemCost: ebayAmountWire,
  lineItemFulfillmentStatus: text,
})

export const ebayOrderWire = z.object({
  orderId: z.string().min(1),
  creationDate: wireInstant,
  lastModifiedDate: wireInstant.nullish(),
  orderFulfillmentStatus: z.string().nullish(),
  orderPaymentStatus: z.string().nullish(),
  cancelStatus: z.object({ cancelState: text }).nullish(),
  pricingSummary: z.object({
    priceSubtotal: optionalAmount,
    deliveryCost: optionalAmount,
    deliveryDiscount: optionalAmount,
    priceDiscount: optionalAmount,
    tax: optionalAmount,
    total: ebayAmountWire,
  }),
  buyer: z.object({ username: text, buyerRegistrationAddress: ebayContactWire.nullish() }).nullish(),
  fulfillmentStartInstructions: z.array(z.object({ shippingStep: z.object({ shipTo: ebayContactWire.nullish() }).nullish() })).nullish(),
  lineItems: z.array(ebayLineItemWire).nullish(),
})

export const ebayOrderPageWire = z.object({
  total: z.number().int().nullish(),
  next: text,
  orders: z.array(ebayOrderWire).nullish(),
})

export const ebayUserWire = z.object({ userId: z.string().min(1), username: z.string().nullish() })

export type EbayAmount = z.output<typeof ebayAmountWire>
export type EbayOrder = z.output<typeof ebayOrderWire>
export type EbayContact = z.output<typeof ebayContactWire>
/** What eBay sends (before parsing): the simulator builds these. */
export type EbayOrderWire = z.input<typeof ebayOrderWire>
