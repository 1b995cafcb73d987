/**
 * Wire shapes of the SP-API answers kopru reads, from amzn/selling-partner-api-models
 * (models/orders-api-model/orders_2026-01-01.json, models/sellers-api-model/sellers.json; see
 * test/fixtures/specs/amazon/README.md). Lenient where the models are (almost every field is optional,
 * unknown enum values stay strings), strict where kopru depends on a value (ids, dates, amounts, and the
 * datasets kopru asks for with `includedData` that carry the status).
 */
import { z } from 'zod'
import { wireCurrencyCode, wireDecimalString, wireInstant } from '../../src/core/provider-kit/index.js'

/** Money of Orders 2026-01-01: both members are required by the model (`Decimal` is a string). */
export const amazonMoneyWire = z.object({ amount: wireDecimalString, currencyCode: wireCurrencyCode })

const text = z.string().nullish()

/** CustomerAddress (includedData RECIPIENT): every member optional; Amazon sends empty strings for absent lines. */
export const amazonAddressWire = z.object({
  name: text,
  companyName: text,
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  city: text,
  districtOrCounty: text,
  stateOrRegion: text,
  municipality: text,
  postalCode: text,
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code').nullish(),
  phone: text,
  addressType: text,
})

/** OrderProceedsBreakdown / ItemProceedsBreakdown: `type` ITEM | SHIPPING | GIFT_WRAP | COD_FEE | TAX | DISCOUNT | DELIVERY_TIP | OTHER. */
const breakdownWire = z.object({ type: z.string().min(1), subtotal: amazonMoneyWire })

export const amazonOrderItemWire = z.object({
  orderItemId: z.string().min(1),
  quantityOrdered: z.number().int().min(0),
  product: z.object({
    asin: text,
    title: text,
    sellerSku: text,
    price: z.object({ unitPrice: amazonMoneyWire.optional() }).optional(),
  }),
  proceeds: z.object({ proceedsTotal: amazonMoneyWire.optional(), breakdowns: z.array(breakdownWire).optional() }).optional(),
  fulfillment: z.object({ quantityFulfilled: z.number().int().min(0).optional(), quantityUnfulfilled: z.number().int().min(0).optional() }).optional(),
})

/** OrderPackage (includedData PACKAGES, merchant-fulfilled orders only). */
export const amazonPackageWire = z.object({
  packageReferenceId: z.string(),
  carrier: text,
  trackingNumber: text,
  shipTime: wireInstant.optional(),
  packageStatus: z.object({ status: z.string() }).optional(),
  packageItems: z.array(z.object({ orderItemId: z.string(), quantity: z.number().int() })).optional(),
})

export const amazonOrderWire = z.object({
  orderId: z.string().min(1),
  createdTime: wireInstant,
  lastUpdatedTime: wireInstant,
  salesChannel: z.object({ channelName: z.string(), marketplaceId: z.string().optional(), marketplaceName: z.string().optional() }),
  buyer: z.object({ buyerName: text, buyerEmail: text, buyerCompanyName: text }).optional(),
  recipient: z.object({ deliveryAddress: amazonAddressWire.optional() }).optional(),
  proceeds: z.object({ grandTotal: amazonMoneyWire.optional(), breakdowns: z.array(breakdownWire).optional() }).optional(),
  // kopru always asks for FULFILLMENT: the order's status lives there, so an order without it cannot be mapped.
  fulfillment: z.object({ fulfillmentStatus: z.string().min(1), fulfilledBy: z.string().optional() }, { error: 'missing although includedData=FULFILLMENT was asked for' }),
  orderItems: z.array(amazonOrderItemWire),
  packages: z.array(amazonPackageWire).optional(),
})

/** searchOrders: `{orders, pagination?: {nextToken?}}`. */
export const amazonSearchOrdersWire = z.object({
  orders: z.array(amazonOrderWire),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
})

/** getOrder: `{order}`. */
export const amazonGetOrderWire = z.object({ order: amazonOrderWire })

export const amazonParticipationsWire = z.object({
  payload: z.array(
    z.object({
      marketplace: z.object({ id: z.string().min(1), defaultCurrencyCode: wireCurrencyCode.optional() }),
      participation: z.object({ isParticipating: z.boolean() }),
    }),
  ),
})

export type AmazonMoney = z.output<typeof amazonMoneyWire>
export type AmazonOrder = z.output<typeof amazonOrderWire>
export type AmazonOrderItem = z.output<typeof amazonOrderItemWire>
export type AmazonAddress = z.output<typeof amazonAddressWire>

/** What Amazon sends (before parsing): the simulator builds these. */
export type AmazonOrderWire = z.input<typeof amazonOrderWire>
export type AmazonOrderItemWire = z.input<typeof amazonOrderItemWire>
export type AmazonPackageWire = z.input<typeof amazonPackageWire>
