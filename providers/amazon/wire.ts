/**
 * Wire shapes of the SP-API answers kopru reads, from amzn/selling-partner-api-models
 * (models/orders-api-model/ordersV0.json, models/sellers-api-model/sellers.json; see
 * test/fixtures/specs/amazon/README.md). Lenient where the models are (almost every field is optional,
 * unknown enum values stay strings), strict where kopru depends on a value (ids, dates, amounts).
 */
import { z } from 'zod'
import { wireCurrencyCode, wireDecimalString, wireInstant } from '../../src/core/provider-kit/index.js'

/** Money: both members are optional in the model; kopru uses an amount only when both are given. */
export const amazonMoneyWire = z.object({ CurrencyCode: wireCurrencyCode.optional(), Amount: wireDecimalString.optional() })

const text = z.string().nullish()

export const amazonAddressWire = z.object({
  Name: text,
  CompanyName: text,
  AddressLine1: text,
  AddressLine2: text,
  AddressLine3: text,
  City: text,
  County: text,
  District: text,
  StateOrRegion: text,
  PostalCode: text,
  CountryCode: z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code').nullish(),
  Phone: text,
})

export const amazonOrderWire = z.object({
  AmazonOrderId: z.string().min(1),
  PurchaseDate: wireInstant,
  LastUpdateDate: wireInstant,
  OrderStatus: z.string().min(1),
  FulfillmentChannel: z.string().optional(),
  OrderTotal: amazonMoneyWire.optional(),
  MarketplaceId: z.string().optional(),
  BuyerInfo: z.object({ BuyerEmail: text, BuyerName: text }).optional(),
  ShippingAddress: amazonAddressWire.optional(),
})

export const amazonOrderItemWire = z.object({
  OrderItemId: z.string().min(1),
  ASIN: z.string(),
  SellerSKU: text,
  Title: text,
  QuantityOrdered: z.number().int().min(0),
  ItemPrice: amazonMoneyWire.optional(),
  ItemTax: amazonMoneyWire.optional(),
  ShippingPrice: amazonMoneyWire.optional(),
  ShippingDiscount: amazonMoneyWire.optional(),
  PromotionDiscount: amazonMoneyWire.optional(),
})

export const amazonOrdersPageWire = z.object({
  payload: z.object({ Orders: z.array(amazonOrderWire), NextToken: z.string().optional() }),
})

export const amazonOrderResponseWire = z.object({ payload: amazonOrderWire })

export const amazonOrderItemsPageWire = z.object({
  payload: z.object({ OrderItems: z.array(amazonOrderItemWire), NextToken: z.string().optional() }),
})

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
