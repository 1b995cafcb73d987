/**
 * inventory.update on Etsy: a listing's products are keyed by SKU inside it, so kopru finds each SKU's listing
 * (getListingsByShop `skus`), reads its inventory (getListingInventory), sets quantity and price on the SKU's
 * offering and writes the whole inventory back (updateListingInventory, which replaces every product).
 * Etsy answers synchronously: every item is settled when the job is created.
 */
import {
  assertInventoryItems,
  failedItems,
  parseWire,
  requireInventoryIdentifier,
  type InventoryItemWith,
  type InventorySubmission,
  type OperationContext,
} from '../../src/core/provider-kit/index.js'
import type { InventoryItem, InventoryItemReport } from '../../src/models/index.js'
import { etsyListingInventoryWire, etsyListingWire, etsyPageWire, type EtsyListingInventory } from './wire.js'

const ETSY = { id: 'etsy', name: 'Etsy' }
type Item = InventoryItemWith<'sku'>

/** SKU -> listing id over the shop's listings in every state a seller can stock (100 per page). */
async function listingsBySku<C>(ctx: OperationContext<C>, shopId: string, wanted: ReadonlySet<string>): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  for (const state of ['active', 'inactive', 'sold_out', 'draft'] as const) {
    for (let offset = 0; ; offset += 100) {
      const response = await ctx.request({ path: `/v3/application/shops/${shopId}/listings`, query: { state, limit: 100, offset }, operation: 'products.list' })
      const page = parseWire(ETSY, etsyPageWire(etsyListingWire), response.data, 'a getListingsByShop answer')
      for (const listing of page.results) for (const sku of listing.skus ?? []) if (wanted.has(sku) && !found.has(sku)) found.set(sku, listing.listing_id)
      if (found.size === wanted.size || page.results.length === 0 || offset + page.results.length >= page.count) break
    }
    if (found.size === wanted.size) break
  }
  return found
}

/** The updateListingInventory body: the read inventory with the items' quantity and price applied, in the PUT's field set. */
export function applyItems(inventory: EtsyListingInventory, items: readonly InventoryItem[]) {
  const bySku = new Map(items.map((item) => [item.sku, item]))
  const products = inventory.products
    .filter((product) => !product.is_deleted)
    .map((product) => {
      const item = product.sku ? bySku.get(product.sku) : undefined
      return {
        sku: product.sku ?? '',
        property_values: (product.property_values ?? []).map((v) => ({ property_id: v.property_id, value_ids: v.value_ids, scale_id: v.scale_id ?? null, property_name: v.property_name ?? '', values: v.values })),
        offerings: product.offerings
          .filter((offering) => !offering.is_deleted)
          .map((offering) => ({
            price: item?.price !== undefined ? Number(item.price) : offering.price.amount / offering.price.divisor,
            quantity: item?.quantity ?? offering.quantity,
            is_enabled: offering.is_enabled,
          })),
      }
    })
  return { products, price_on_property: inventory.price_on_property ?? [], quantity_on_property: inventory.quantity_on_property ?? [], sku_on_property: inventory.sku_on_property ?? [] }
}

async function updateListing<C>(ctx: OperationContext<C>, listingId: number, items: Item[]): Promise<InventoryItemReport[]> {
  try {
    const read = await ctx.request({ path: `/v3/application/listings/${listingId}/inventory` })
    const inventory = parseWire(ETSY, etsyListingInventoryWire, read.data, 'a getListingInventory answer')
    await ctx.request({ method: 'PUT', path: `/v3/application/listings/${listingId}/inventory`, json: applyItems(inventory, items), idempotent: true })
    return items.map((item) => ({ sku: item.sku, status: 'succeeded' }))
  } catch (error) {
    // Other listings may already be written: the job records this listing's items as failed with Etsy's reason.
    return failedItems(items, error)
  }
}

export async function updateEtsyInventory<C>(ctx: OperationContext<C>, { items }: { items: InventoryItem[] }, shopId: string): Promise<InventorySubmission> {
  const keyed = requireInventoryIdentifier(items, 'sku', 'Etsy')
  assertInventoryItems(keyed, (item) => (item.list_price !== undefined ? { field: 'list_price', message: 'Etsy offerings have one price; leave list_price out' } : null), 'Etsy has no list price')
  const listingOf = await listingsBySku(ctx, shopId, new Set(keyed.map((item) => item.sku)))
  const settled: InventoryItemReport[] = []
  const byListing = new Map<number, Item[]>()
  for (const item of keyed) {
    const listingId = listingOf.get(item.sku)
    if (listingId === undefined) settled.push({ sku: item.sku, status: 'failed', error: { code: 'sku_not_found', message: `no Etsy listing of this shop has the SKU '${item.sku}'` } })
    else byListing.set(listingId, [...(byListing.get(listingId) ?? []), item])
  }
  for (const [listingId, group] of byListing) settled.push(...(await updateListing(ctx, listingId, group)))
  return { refs: [], settled }
}
