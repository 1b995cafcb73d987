/**
 * Amazon listings mapping fed schema-valid answers generated from Amazon's own Listings Items 2021-08-01 model:
 * no exception other than a provider_error naming the field, products valid per the unified model.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedListing } from '../../providers/amazon/listings.js'
import { amazonListingItemWire, amazonListingSearchWire } from '../../providers/amazon/listings-wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { Product } from '../../src/models/index.js'
import { arbitraryFrom, loadDocument, responseSchema } from '../helpers/spec-sample.js'
import { mapsOrRefuses, tally } from './unified-invariants.js'

const AMAZON = { id: 'amazon', name: 'Amazon' }
const listings = loadDocument('amazon/listingsItems_2021-08-01.json')

describe('Amazon listings mapping over generated Listings Items answers', () => {
  beforeEach(() => tally.reset())
  afterEach(() => {
    expect(tally.mapped).toBeGreaterThan(10)
  })

  it('getListingsItem: a valid product keyed by the SKU', () => {
    fc.assert(
      fc.property(arbitraryFrom(listings, responseSchema(listings, '/listings/2021-08-01/items/{sellerId}/{sku}')), (body) => {
        mapsOrRefuses(() => {
          const product = toUnifiedListing(parseWire(AMAZON, amazonListingItemWire, body), 'ATVPDKIKX0DER', 'conn_prop', body)
          expect(Product.safeParse(product).success).toBe(true)
          expect(product.id).toBe((body as { sku: string }).sku)
        })
      }),
    )
  })

  it('searchListingsItems: every item becomes a product', () => {
    fc.assert(
      fc.property(arbitraryFrom(listings, responseSchema(listings, '/listings/2021-08-01/items/{sellerId}')), (body) => {
        mapsOrRefuses(() => {
          const page = parseWire(AMAZON, amazonListingSearchWire, body)
          for (const item of page.items) expect(Product.safeParse(toUnifiedListing(item, 'ATVPDKIKX0DER', 'conn_prop', item)).success).toBe(true)
        })
      }),
    )
  })
})
