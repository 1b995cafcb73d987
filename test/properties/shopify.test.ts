/**
 * Shopify mappings fed generated Admin REST answers. Shopify publishes no machine-readable REST document, so
 * the payloads come from the JSON schema of kopru's own wire schemas (the resource reference, as read), with
 * every optional field sometimes absent or null: no exception other than a provider_error naming the field,
 * orders and products valid per the unified model, times in ISO UTC.
 */
import fc from 'fast-check'
import { z } from 'zod'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedOrder, toUnifiedProduct } from '../../providers/shopify/mapping.js'
import { shopifyOrderResponseWire, shopifyProductResponseWire } from '../../providers/shopify/wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { arbitraryFrom } from '../helpers/spec-sample.js'
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
