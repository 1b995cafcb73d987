/**
 * eBay mappings fed schema-valid answers generated from eBay's Sell Fulfillment OpenAPI v1.20.7 document:
 * no exception other than a provider_error naming the field, orders valid per the unified model, a positive
 * discount, times in ISO UTC.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedOrder } from '../../providers/ebay/mapping.js'
import { ebayOrderPageWire, ebayOrderWire, ebayUserWire } from '../../providers/ebay/wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { arbitraryFrom, loadDocument, responseSchema } from '../helpers/spec-sample.js'
import { expectUnifiedOrder, mapsOrRefuses, tally } from './unified-invariants.js'

const EBAY = { id: 'ebay', name: 'eBay' }
const fulfillment = loadDocument('ebay/sell_fulfillment_v1_oas3.json')
const identity = loadDocument('ebay/commerce_identity_v1_oas3.json')

describe('eBay mappings over generated Sell Fulfillment answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => expect(tally.mapped).toBeGreaterThan(10))

  it('getOrders pages', () => {
    fc.assert(
      fc.property(arbitraryFrom(fulfillment, responseSchema(fulfillment, '/order')), (body) => {
        mapsOrRefuses(() => {
          for (const order of parseWire(EBAY, ebayOrderPageWire, body).orders ?? []) expectUnifiedOrder(toUnifiedOrder(order, 'conn_prop'))
        })
      }),
      { numRuns: 300 },
    )
  })

  it('getOrder: discounts positive, totals in the order currency', () => {
    fc.assert(
      fc.property(arbitraryFrom(fulfillment, responseSchema(fulfillment, '/order/{orderId}')), (body) => {
        mapsOrRefuses(() => {
          const order = toUnifiedOrder(parseWire(EBAY, ebayOrderWire, body), 'conn_prop')
          expectUnifiedOrder(order)
          expect(order.total?.currency).toBe(order.currency)
          if (order.discount_total) expect(order.discount_total.amount).not.toMatch(/^-/)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('getUser answers parse or are refused by field', () => {
    fc.assert(fc.property(arbitraryFrom(identity, responseSchema(identity, '/user/')), (body) => void mapsOrRefuses(() => parseWire(EBAY, ebayUserWire, body))))
  })
})
