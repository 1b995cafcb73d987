import { isKopruError } from '../errors.js'
import type { InventoryItem, InventoryItemReport } from '../../models/inventory.js'
import type { InventorySubmission } from './types.js'

/** Splits `items` into runs of at most `size`, keeping their order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer: ${size}`)
  const out: T[][] = []
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size))
  return out
}

/**
 * Submits items in provider-sized batches for `inventory.update`. `submit` sends one batch and returns the
 * provider's reference to poll. When a batch is refused after earlier ones were accepted, its items settle
 * as failed with the provider's reason, so the accepted batches stay tracked and nothing is dropped; a
 * refusal of the very first batch is thrown (nothing reached the provider).
 */
export async function submitInBatches<I extends Pick<InventoryItem, 'sku' | 'barcode'>>(
  items: readonly I[],
  size: number,
  submit: (batch: I[]) => Promise<unknown>,
): Promise<InventorySubmission> {
  const refs: unknown[] = []
  const settled: InventoryItemReport[] = []
  for (const batch of chunk(items, size)) {
    try {
      refs.push(await submit(batch))
    } catch (error) {
      if (refs.length === 0 && settled.length === 0) throw error
      const code = isKopruError(error) ? (error.provider?.code ?? error.code) : 'internal'
      const message = error instanceof Error ? error.message : String(error)
      for (const item of batch) settled.push({ sku: item.sku ?? null, barcode: item.barcode ?? null, status: 'failed', error: { code, message } })
    }
  }
  return { refs, settled }
}
