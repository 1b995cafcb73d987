/**
 * Price and stock through updatePriceAndInventory (POST /integration/inventory/sellers/{sellerId}/products/
 * price-and-inventory, at most 1000 items) and getBatchRequestResult (GET /integration/product/sellers/
 * {sellerId}/products/batch-requests/{batchRequestId}, kept 4 hours).
 */
import { z } from 'zod'
import {
  KopruError,
  requireInventoryIdentifier,
  submitInBatches,
  type InventoryProgress,
  type InventorySubmission,
} from '../../src/core/provider-kit/index.js'
import type { InventoryItem } from '../../src/models/index.js'
import { readAnswer, sellerPath, type Ctx } from './context.js'
import { batchCreatedAt, toTrendyolInventoryItem, trendyolBatchProgress } from './mapping.js'
import { trendyolBatchAccepted, trendyolBatchResult } from './wire.js'

/** "You can update a maximum of 1000 items (sku) in stock-price update transactions." */
export const TRENDYOL_INVENTORY_BATCH_LIMIT = 1000
/** "You can see the batch request results … up to 4 hours later." */
const RESULT_RETENTION_MS = 4 * 3600_000

/** How old a batch is, from the creation time its id ends with; null when the id does not say. */
function batchAge(batchRequestId: string): number | null {
  const created = batchCreatedAt(batchRequestId)
  return created ? Date.now() - created.getTime() : null
}

/** What the gateway stores per Trendyol batch: its id and the barcodes sent in it. */
const batchRef = z.object({ batchRequestId: z.string().min(1), barcodes: z.array(z.string()) })
type BatchRef = z.infer<typeof batchRef>

export async function updateInventory(ctx: Ctx, input: { items: InventoryItem[] }): Promise<InventorySubmission> {
  // updatePriceAndInventory keys every row by barcode; a seller's stockCode cannot address a listing there.
  const items = requireInventoryIdentifier(input.items, 'barcode', 'Trendyol')
  return submitInBatches(items, TRENDYOL_INVENTORY_BATCH_LIMIT, async (batch): Promise<BatchRef> => {
    const response = await ctx.request({
      method: 'POST',
      path: `${sellerPath(ctx, 'inventory')}/products/price-and-inventory`,
      json: { items: batch.map(toTrendyolInventoryItem) },
      quotaGroup: 'inventory',
    })
    const { batchRequestId } = readAnswer(trendyolBatchAccepted, response)
    return { batchRequestId, barcodes: batch.map((item) => item.barcode) }
  })
}

export async function getInventoryJob(ctx: Ctx, { refs }: { refs: unknown[] }): Promise<InventoryProgress> {
  const progress: InventoryProgress = { status: 'completed', items: [] }
  for (const raw of refs) {
    const parsed = batchRef.safeParse(raw)
    if (!parsed.success) {
      ctx.log.error('stored Trendyol batch reference is malformed; its items will fail', { ref: raw })
      continue
    }
    const { batchRequestId, barcodes } = parsed.data
    const response = await ctx.request({
      path: `${sellerPath(ctx, 'product')}/products/batch-requests/${encodeURIComponent(batchRequestId)}`,
      quotaGroup: 'batch-results',
      accept: [404],
    })
    const expired = () => {
      const message = 'Trendyol no longer has the result of this batch (results are kept for 4 hours)'
      for (const barcode of barcodes) progress.items.push({ barcode, status: 'failed', error: { code: 'result_expired', message } })
    }
    if (response.status === 404) {
      // Not visible yet (the batch is still being queued): ask again later.
      const age = batchAge(batchRequestId)
      if (age !== null && age < RESULT_RETENTION_MS) progress.status = 'processing'
      else expired()
      continue
    }
    const batch = trendyolBatchProgress(readAnswer(trendyolBatchResult, response), barcodes, ctx.log)
    // Trendyol also answers an id it has forgotten with 200 PROCESSING and no items: past retention, that never ends.
    if (!batch.done && batch.items.length === 0 && (batchAge(batchRequestId) ?? 0) >= RESULT_RETENTION_MS) {
      expired()
      continue
    }
    if (!batch.done) progress.status = 'processing'
    progress.items.push(...batch.items)
  }
  return progress
}
