/**
 * Wire shapes of the GraphQL Admin API answers kopru reads (shopify.dev/docs/api/admin-graphql, version in
 * api.ts): the response envelope (`data`, `errors[]` with `extensions.code` such as THROTTLED, and
 * `extensions.cost` per "GraphQL Admin API rate limits"), Order, Product, ProductVariant, Fulfillment,
 * mutation payloads with `userErrors`. Money is `MoneyV2 {amount: Decimal string, currencyCode}`, ids are GIDs.
 */
import { z } from 'zod'
import { wireCurrencyCode as wireCurrency, wireDecimalString as wireDecimal, wireInstant } from '../../src/core/provider-kit/index.js'

const text = z.string().nullish()
export const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d{1,20}$`), `not a Shopify ${type} id`)

export const costWire = z.object({
  requestedQueryCost: z.number().min(0),
  actualQueryCost: z.number().min(0).nullable(),
  throttleStatus: z.object({ maximumAvailable: z.number().positive(), currentlyAvailable: z.number().min(0), restoreRate: z.number().positive() }),
})

export const graphqlEnvelopeWire = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(z.object({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional(), extensions: z.object({ code: z.string().optional() }).passthrough().optional() }))
    .optional(),
  extensions: z.object({ cost: costWire.optional() }).passthrough().optional(),
})

/**
 * Shopify's mutation fields are all nullable (the payload is null when a top-level error stops the mutation);
 * `code` exists only on the typed user errors (`InventorySetQuantitiesUserError`, …), not on `UserError`.
 */
export const userErrorsWire = z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: text }))

const moneyBag = z.object({ shopMoney: z.object({ amount: wireDecimal, currencyCode: wireCurrency }) })
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() })

export const gqlAddressWire = z.object({
  name: text,
  firstName: text,
  lastName: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  zip: text,
  countryCodeV2: z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code').nullish(),
  phone: text,
})

export const gqlOrderWire = z.object({
  id: gid('Order'),
  name: z.string(),
  createdAt: wireInstant,
  updatedAt: wireInstant.nullish(),
  cancelledAt: wireInstant.nullish(),
  closedAt: wireInstant.nullish(),
  displayFinancialStatus: text,
  displayFulfillmentStatus: z.string(),
  currencyCode: wireCurrency,
  email: text,
  phone: text,
  subtotalPriceSet: moneyBag.nullish(),
  totalPriceSet: moneyBag,
  totalTaxSet: moneyBag.nullish(),
  totalDiscountsSet: moneyBag.nullish(),
  totalShippingPriceSet: moneyBag.nullish(),
  customer: z.object({ firstName: text, lastName: text, defaultPhoneNumber: z.object({ phoneNumber: text }).nullish(), defaultEmailAddress: z.object({ emailAddress: text }).nullish() }).nullish(),
  shippingAddress: gqlAddressWire.nullish(),
  billingAddress: gqlAddressWire.nullish(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: gid('LineItem'),
        sku: text,
        title: z.string(),
        quantity: z.number().int().min(0),
        unfulfilledQuantity: z.number().int().min(0),
        originalUnitPriceSet: moneyBag,
        product: z.object({ id: gid('Product') }).nullish(),
        taxLines: z.array(z.object({ rate: z.number().min(0).max(100).nullish() })).default([]),
      }),
    ),
  }),
  fulfillments: z.array(z.object({ createdAt: wireInstant.nullish(), trackingInfo: z.array(z.object({ company: text, number: text, url: text })).default([]) })).default([]),
})

export const gqlProductWire = z.object({
  id: gid('Product'),
  title: z.string(),
  vendor: text,
  productType: text,
  status: z.string(),
  handle: z.string(),
  updatedAt: wireInstant.nullish(),
  onlineStoreUrl: text,
  variants: z.object({
    nodes: z.array(z.object({ id: gid('ProductVariant'), sku: text, barcode: text, price: wireDecimal, compareAtPrice: wireDecimal.nullish(), inventoryQuantity: z.number().int().nullish() })),
  }),
  media: z.object({ nodes: z.array(z.object({ preview: z.object({ image: z.object({ url: z.string() }).nullish() }).nullish() })) }).default({ nodes: [] }),
})

export const ordersDataWire = z.object({ orders: z.object({ nodes: z.array(gqlOrderWire), pageInfo }) })
export const orderDataWire = z.object({ order: gqlOrderWire.nullable() })
export const productsDataWire = z.object({ products: z.object({ nodes: z.array(gqlProductWire), pageInfo }) })
export const productDataWire = z.object({ product: gqlProductWire.nullable() })
export const shopDataWire = z.object({ shop: z.object({ name: z.string(), currencyCode: wireCurrency, myshopifyDomain: z.string() }), location: z.object({ id: gid('Location') }).nullish() })

export const variantsBySkuWire = z.object({
  productVariants: z.object({ nodes: z.array(z.object({ id: gid('ProductVariant'), sku: text, product: z.object({ id: gid('Product') }), inventoryItem: z.object({ id: gid('InventoryItem') }) })) }),
})
export const inventorySetWire = z.object({ inventorySetQuantities: z.object({ inventoryAdjustmentGroup: z.object({ id: z.string() }).nullish(), userErrors: userErrorsWire }).nullable() })
export const variantsBulkUpdateWire = z.object({ productVariantsBulkUpdate: z.object({ userErrors: userErrorsWire }).nullable() })

export const fulfillmentOrdersWire = z.object({
  order: z
    .object({
      fulfillmentOrders: z.object({
        nodes: z.array(
          z.object({
            id: gid('FulfillmentOrder'),
            status: z.string(),
            lineItems: z.object({ nodes: z.array(z.object({ id: gid('FulfillmentOrderLineItem'), remainingQuantity: z.number().int().min(0), lineItem: z.object({ id: gid('LineItem') }) })) }),
          }),
        ),
      }),
    })
    .nullable(),
})
export const fulfillmentCreateWire = z.object({
  fulfillmentCreate: z.object({
    fulfillment: z.object({ id: gid('Fulfillment'), status: z.string(), trackingInfo: z.array(z.object({ company: text, number: text, url: text })).default([]) }).nullish(),
    userErrors: userErrorsWire,
  }).nullable(),
})
export const webhookCreateWire = z.object({ webhookSubscriptionCreate: z.object({ webhookSubscription: z.object({ id: gid('WebhookSubscription') }).nullish(), userErrors: userErrorsWire }).nullable() })
export const webhookDeleteWire = z.object({ webhookSubscriptionDelete: z.object({ deletedWebhookSubscriptionId: z.string().nullish(), userErrors: userErrorsWire }).nullable() })

export type GqlOrder = z.output<typeof gqlOrderWire>
export type GqlProduct = z.output<typeof gqlProductWire>
export type GqlAddress = z.output<typeof gqlAddressWire>
