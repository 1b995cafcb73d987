/**
 * Etsy mappings fed schema-valid answers generated from Etsy's Open API v3 document: no exception other than
 * a provider_error naming the field, money exactly amount / divisor (line totals exactly unit × quantity, in
 * any currency), times in ISO UTC.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedOrder, toUnifiedProduct } from '../../providers/etsy/mapping.js'
import { etsyListingWire, etsyMeWire, etsyPageWire, etsyReceiptWire } from '../../providers/etsy/wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { arbitraryFrom, loadDocument, responseSchema } from '../helpers/spec-sample.js'
import { expectUnifiedOrder, expectUnifiedProduct, mapsOrRefuses, tally } from './unified-invariants.js'

const ETSY = { id: 'etsy', name: 'Etsy' }
const spec = loadDocument('etsy/etsy_oas_3.0.0.json')

describe('Etsy mappings over generated Open API v3 answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => expect(tally.mapped).toBeGreaterThan(10))

  it('getShopReceipt: exact money, whole addresses', () => {
    fc.assert(
      fc.property(arbitraryFrom(spec, responseSchema(spec, '/v3/application/shops/{shop_id}/receipts/{receipt_id}')), (body) => {
        mapsOrRefuses(() => {
          const receipt = parseWire(ETSY, etsyReceiptWire, body)
          const order = toUnifiedOrder(receipt, 'conn_prop')
          expectUnifiedOrder(order, { exactLines: true })
          const grand = receipt.grandtotal
          expect(Number(order.total!.amount) * grand.divisor).toBeCloseTo(grand.amount, 6)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('getShopReceipts pages', () => {
    fc.assert(
      fc.property(arbitraryFrom(spec, responseSchema(spec, '/v3/application/shops/{shop_id}/receipts')), (body) => {
        mapsOrRefuses(() => {
          for (const receipt of parseWire(ETSY, etsyPageWire(etsyReceiptWire), body).results) expectUnifiedOrder(toUnifiedOrder(receipt, 'conn_prop'), { exactLines: true })
        })
      }),
      { numRuns: 300 },
    )
  })

  it('getListing', () => {
    fc.assert(
      fc.property(arbitraryFrom(spec, responseSchema(spec, '/v3/application/listings/{listing_id}')), (body) => {
        mapsOrRefuses(() => expectUnifiedProduct(toUnifiedProduct(parseWire(ETSY, etsyListingWire, body), 'conn_prop')))
      }),
      { numRuns: 300 },
    )
  })

  it('getMe answers parse or are refused by field', () => {
    fc.assert(fc.property(arbitraryFrom(spec, responseSchema(spec, '/v3/application/users/me')), (body) => void mapsOrRefuses(() => parseWire(ETSY, etsyMeWire, body))))
  })
})
