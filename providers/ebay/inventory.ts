/**
 * inventory.update on eBay through Sell Inventory bulkUpdatePriceQuantity (POST
 * /sell/inventory/v1/bulk_update_price_quantity, at most 25 SKUs a call): quantity as the inventory item's
 * shipToLocationAvailability.quantity, price on each of the SKU's offers (found with getOffers?sku=, in the
 * offer's own currency). eBay answers per SKU and offer at once, so every item is settled when the job is created.
 */
import { chunk, failedItems, parseWire, requireInventoryIdentifier, assertInventoryItems, type InventoryItemWith, type InventorySubmission, type OperationContext } from '../../src/core/provider-kit/index.js'
import type { z } from 'zod'
import type { InventoryItem, InventoryItemReport } from '../../src/models/index.js'
import { ebayBulkPriceQuantityWire, ebayOffersWire } from './wire.js'

const EBAY = { id: 'ebay', name: 'eBay' }
type Item = InventoryItemWith<'sku'>
/** bulkUpdatePriceQuantity takes up to 25 requests (the method's documented limit). */
export const EBAY_BULK_LIMIT = 25

async function priceRequest<C>(ctx: OperationContext<C>, item: Item) {
  const response = await ctx.request({ path: '/sell/inventory/v1/offer', query: { sku: item.sku }, operation: 'inventory.update' })
  const offers = parseWire(EBAY, ebayOffersWire, response.data, 'a getOffers answer').offers ?? []
  return offers.map((offer) => ({ offerId: offer.offerId, price: { value: item.price!, currency: offer.pricingSummary?.price?.currency ?? 'USD' } }))
}

/** The batch's bulkUpdatePriceQuantity requests; a SKU whose offers cannot be read fails alone. */
async function batchRequests<C>(ctx: OperationContext<C>, items: Item[]) {
  const requests = []
  const refused: InventoryItemReport[] = []
  for (const item of items) {
    try {
      const offers = item.price !== undefined ? await priceRequest(ctx, item) : undefined
      requests.push({ sku: item.sku, ...(item.quantity !== undefined ? { shipToLocationAvailability: { quantity: item.quantity } } : {}), ...(offers ? { offers } : {}) })
    } catch (error) {
      refused.push(...failedItems([item], error))
    }
  }
  return { requests, refused }
}

function reportOf(item: Item, answers: z.output<typeof ebayBulkPriceQuantityWire>['responses']): InventoryItemReport {
  const own = answers.filter((a) => a.sku === item.sku)
  if (own.length === 0) return { sku: item.sku, status: 'failed', error: { code: null, message: 'eBay did not answer for this SKU' } }
  const refused = own.find((a) => a.statusCode >= 300)
  if (!refused) return { sku: item.sku, status: 'succeeded' }
  const error = refused.errors?.[0]
  return { sku: item.sku, status: 'failed', error: { code: error?.errorId == null ? String(refused.statusCode) : String(error.errorId), message: error?.longMessage ?? error?.message ?? `status ${refused.statusCode}` } }
}

async function updateBatch<C>(ctx: OperationContext<C>, items: Item[]): Promise<InventoryItemReport[]> {
  const { requests, refused } = await batchRequests(ctx, items)
  const sent = items.filter((item) => !refused.some((r) => r.sku === item.sku))
  if (sent.length === 0) return refused
  try {
    const response = await ctx.request({ method: 'POST', path: '/sell/inventory/v1/bulk_update_price_quantity', json: { requests }, idempotent: true })
    const answers = parseWire(EBAY, ebayBulkPriceQuantityWire, response.data, 'a bulkUpdatePriceQuantity answer').responses
    return [...refused, ...sent.map((item) => reportOf(item, answers))]
  } catch (error) {
    // Earlier batches may already be applied: this batch's items fail with eBay's reason.
    return [...refused, ...failedItems(sent, error)]
  }
}

export async function updateEbayInventory<C>(ctx: OperationContext<C>, { items }: { items: InventoryItem[] }): Promise<InventorySubmission> {
  const keyed = requireInventoryIdentifier(items, 'sku', 'eBay')
  assertInventoryItems(keyed, (item) => (item.list_price !== undefined ? { field: 'list_price', message: 'eBay offers have one price here; leave list_price out' } : null), 'eBay takes no list price in a price/quantity update')
  const settled: InventoryItemReport[] = []
  for (const batch of chunk(keyed, EBAY_BULK_LIMIT)) settled.push(...(await updateBatch(ctx, batch)))
  return { refs: [], settled }
}
