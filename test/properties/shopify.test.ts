/**
 * Shopify mappings fed generated GraphQL Admin answers (from Shopify's published schema, test/fixtures/specs/shopify/)
 * and generated Admin REST webhook payloads. Shopify publishes no machine-readable REST document, so
 * the payloads come from the JSON schema of kopru's own wire schemas (the resource reference, as read), with
 * every optional field sometimes absent or null: no exception other than a provider_error naming the field,
 * orders and products valid per the unified model, times in ISO UTC.
 */
import fc from 'fast-check'
import { z } from 'zod'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedOrder, toUnifiedProduct } from '../../providers/shopify/mapping.js'
import { shopifyOrderResponseWire, shopifyProductResponseWire } from '../../providers/shopify/wire.js'
import { isKopruError, parseWire } from '../../src/core/provider-kit/index.js'
import { arbitraryFrom } from '../helpers/spec-sample.js'
import { arbitraryAnswer } from '../helpers/graphql-sample.js'
import { shopifySchema } from '../helpers/shopify-schema.js'
import { gqlToUnifiedOrder, gqlToUnifiedProduct } from '../../providers/shopify/graphql-mapping.js'
import { orderDataWire, ordersDataWire, productDataWire, productsDataWire } from '../../providers/shopify/graphql-wire.js'
import { ORDER_QUERY, ORDERS_QUERY, PRODUCT_QUERY, PRODUCTS_QUERY } from '../../providers/shopify/queries.js'
import { expectUnifiedOrder, expectUnifiedProduct, mapsOrRefuses, tally } from './unified-invariants.js'

const SHOPIFY = { id: 'shopify', name: 'Shopify' }
const documentOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>

describe('Shopify mappings over generated Admin REST answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => expect(tally.mapped).toBeGreaterThan(10))

  it('Order resource', () => {
    const document = documentOf(shopifyOrderResponseWire)
    fc.assert(
      fc.property(arbitraryFrom(document, document), (body) => {
        mapsOrRefuses(() => expectUnifiedOrder(toUnifiedOrder(parseWire(SHOPIFY, shopifyOrderResponseWire, body).order, 'conn_prop')))
      }),
      { numRuns: 300 },
    )
  })

  it('Product resource', () => {
    const document = documentOf(shopifyProductResponseWire)
    fc.assert(
      fc.property(arbitraryFrom(document, document), (body) => {
        mapsOrRefuses(() => expectUnifiedProduct(toUnifiedProduct(parseWire(SHOPIFY, shopifyProductResponseWire, body).product, 'conn_prop', 'kopru-demo.myshopify.com', 'USD')))
      }),
      { numRuns: 300 },
    )
  })
})

/**
 * A schema-valid answer must map. The one refusal allowed: Shopify's CurrencyCode enum has USDC, which is not
 * ISO 4217 and so not a unified currency (a shop's own currency, which `shopMoney` is in, is always ISO).
 */
function mapsOrRefusesOnlyUsdc(run: () => void) {
  try {
    run()
    tally.mapped++
  } catch (error) {
    tally.refused++
    if (!isKopruError(error)) throw error
    expect(error.code).toBe('provider_error')
    expect(error.errors?.filter((e) => e.message !== 'not an ISO 4217 currency code') ?? [error.message]).toEqual([])
  }
}

describe('Shopify mappings over generated GraphQL Admin answers (from Shopify\'s published 2025-10 schema)', () => {
  const schema = shopifySchema()
  beforeEach(() => tally.reset())
  afterEach(() => expect(tally.mapped).toBeGreaterThan(10))

  it.each([
    ['orders', ORDERS_QUERY, (data: unknown) => parseWire(SHOPIFY, ordersDataWire, data).orders.nodes.forEach((o) => expectUnifiedOrder(gqlToUnifiedOrder(o, 'conn_prop')))],
    ['order', ORDER_QUERY, (data: unknown) => {
      const { order } = parseWire(SHOPIFY, orderDataWire, data)
      if (order) expectUnifiedOrder(gqlToUnifiedOrder(order, 'conn_prop'))
    }],
    ['products', PRODUCTS_QUERY, (data: unknown) => parseWire(SHOPIFY, productsDataWire, data).products.nodes.forEach((p) => expectUnifiedProduct(gqlToUnifiedProduct(p, 'conn_prop', 'kopru-demo.myshopify.com', 'USD')))],
    ['product', PRODUCT_QUERY, (data: unknown) => {
      const { product } = parseWire(SHOPIFY, productDataWire, data)
      if (product) expectUnifiedProduct(gqlToUnifiedProduct(product, 'conn_prop', 'kopru-demo.myshopify.com', 'USD'))
    }],
  ] as const)('%s', (_name, query, read) => {
    fc.assert(fc.property(arbitraryAnswer(schema, query), (data) => mapsOrRefusesOnlyUsdc(() => read(data))), { numRuns: 200 })
  })
})
