/**
 * Wire shapes of the Listings Items API 2021-08-01 answers kopru reads, from amzn/selling-partner-api-models
 * models/listings-items-api-model/listingsItems_2021-08-01.json (kept under test/fixtures/specs/amazon/).
 */
import { z } from 'zod'
import { wireCurrencyCode, wireInstant } from '../../src/core/provider-kit/index.js'

const amazonListingMoneyWire = z.object({ currencyCode: wireCurrencyCode, amount: z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number().finite()]) })

export const amazonListingSummaryWire = z.object({
  marketplaceId: z.string().min(1),
  asin: z.string().optional(),
  productType: z.string(),
  status: z.array(z.string()),
  itemName: z.string().optional(),
  createdDate: wireInstant,
  lastUpdatedDate: wireInstant,
  mainImage: z.object({ link: z.string() }).optional(),
})

export const amazonListingItemWire = z.object({
  sku: z.string().min(1),
  summaries: z.array(amazonListingSummaryWire).optional(),
  offers: z.array(z.object({ marketplaceId: z.string(), offerType: z.string(), price: amazonListingMoneyWire })).optional(),
  fulfillmentAvailability: z.array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().min(0).optional() })).optional(),
  issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).optional(),
})

export const amazonListingSearchWire = z.object({
  numberOfResults: z.number().int().min(0),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
  items: z.array(amazonListingItemWire),
})

export const amazonSubmissionWire = z.object({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).optional(),
})

export type AmazonListingItem = z.output<typeof amazonListingItemWire>
export type AmazonListingItemWire = z.input<typeof amazonListingItemWire>
