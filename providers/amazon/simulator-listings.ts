/**
 * Listings Items API 2021-08-01 of the Amazon simulator. Sources: amzn/selling-partner-api-models
 * models/listings-items-api-model/listingsItems_2021-08-01.json (commit 34dc93fe, 2026-08-05; kept under
 * test/fixtures/specs/amazon/): getListingsItem (404 NotFound for an unknown SKU), searchListingsItems
 * (`pageSize` ≤ 20, `pagination.nextToken` passed back as `pageToken`, `numberOfResults`), patchListingsItem
 * (ListingsItemSubmissionResponse: ACCEPTED with a submissionId, or INVALID with ERROR issues); the
 * `fulfillment_availability` / `purchasable_offer` attribute shapes of developer-docs.amazon.com/sp-api/docs/
 * listings-items-api-v2021-08-01-use-case-guide.
 */
import type { Context, Hono } from 'hono'
import type { AmazonListingItemWire } from './listings-wire.js'

type SpError = (c: Context, status: 400 | 403 | 404, code: string, message: string, details?: string) => Response

export interface SimulatedListing {
  item: AmazonListingItemWire
  /** Every patch accepted for this SKU, as sent. */
  patches: unknown[]
}

/** `count` seeded listings SKU-0001… on Amazon.com (30 by default), all but the last five buyable. */
export function seedListings(now: number, marketplaceId: string, count = 30): Map<string, SimulatedListing> {
  const listings = new Map<string, SimulatedListing>()
  for (let i = 1; i <= count; i++) {
    const sku = `SKU-${String(i).padStart(4, '0')}`
    const at = new Date(now - i * 3600_000).toISOString()
    listings.set(sku, {
      patches: [],
      item: {
        sku,
        summaries: [{ marketplaceId, asin: `B0LIST${String(i).padStart(4, '0')}`, productType: 'HOME', status: i <= count - 5 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'], itemName: `Stoneware mug ${i}`, createdDate: at, lastUpdatedDate: at }],
        offers: [{ marketplaceId, offerType: 'B2C', price: { currencyCode: 'USD', amount: `${10 + i}.99` } }],
        fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: i }],
        issues: [],
      },
    })
  }
  return listings
}

interface Patch { op: string; path: string; value?: Record<string, any>[] }

function applyPatches(listing: SimulatedListing, patches: Patch[]) {
  for (const patch of patches) {
    const value = patch.value?.[0]
    if (patch.path === '/attributes/fulfillment_availability' && value) listing.item.fulfillmentAvailability = [{ fulfillmentChannelCode: value.fulfillment_channel_code, quantity: value.quantity }]
    const price = value?.our_price?.[0]?.schedule?.[0]?.value_with_tax
    if (patch.path === '/attributes/purchasable_offer' && price !== undefined) {
      listing.item.offers = [{ marketplaceId: value!.marketplace_id, offerType: 'B2C', price: { currencyCode: value!.currency, amount: String(price) } }]
    }
  }
  listing.patches.push(patches)
}

export function mountListings(app: Hono, listings: Map<string, SimulatedListing>, spError: SpError) {
  const base = '/listings/2021-08-01/items/:sellerId'
  app.get(base, (c) => {
    if (!c.req.query('marketplaceIds')) return spError(c, 400, 'InvalidInput', 'Missing required marketplaceIds.')
    const size = Number(c.req.query('pageSize') ?? 10)
    if (!Number.isInteger(size) || size < 1 || size > 20) return spError(c, 400, 'InvalidInput', 'pageSize must be between 1 and 20.')
    const token = c.req.query('pageToken')
    const offset = token ? Number(/^lp-(\d+)$/.exec(token)?.[1] ?? NaN) : 0
    if (!Number.isInteger(offset)) return spError(c, 400, 'InvalidInput', 'Invalid pageToken.')
    const all = [...listings.values()].map((l) => l.item)
    const more = offset + size < all.length
    return c.json({ numberOfResults: all.length, ...(more ? { pagination: { nextToken: `lp-${offset + size}` } } : {}), items: all.slice(offset, offset + size) })
  })
  app.get(`${base}/:sku`, (c) => {
    const listing = listings.get(c.req.param('sku'))
    return listing ? c.json(listing.item) : spError(c, 404, 'NotFound', `SKU '${c.req.param('sku')}' not found in marketplace.`)
  })
  app.patch(`${base}/:sku`, async (c) => {
    const sku = c.req.param('sku')
    const body = (await c.req.json().catch(() => null)) as { productType?: string; patches?: Patch[] } | null
    if (!body?.productType || !Array.isArray(body.patches) || body.patches.length === 0) return spError(c, 400, 'InvalidInput', 'Request body must have productType and at least one patch.')
    const submissionId = crypto.randomUUID().replaceAll('-', '')
    const listing = listings.get(sku)
    if (!listing) {
      const issue = { code: '8541', message: `The SKU '${sku}' does not match any listing of this seller.`, severity: 'ERROR', attributeNames: [] }
      return c.json({ sku, status: 'INVALID', submissionId, issues: [issue] })
    }
    applyPatches(listing, body.patches)
    return c.json({ sku, status: 'ACCEPTED', submissionId, issues: [] })
  })
}
