import type { InventoryItem } from '../../models/inventory.js'
import { KopruError } from '../errors.js'

export type InventoryIdentifier = 'sku' | 'barcode'
export type InventoryItemWith<F extends InventoryIdentifier> = InventoryItem & Record<F, string>

const otherName: Record<InventoryIdentifier, InventoryIdentifier> = { sku: 'barcode', barcode: 'sku' }

/**
 * The items with the identifier the provider keys its listings by, or a 400 naming every item that lacks it
 * (`body.items.N.barcode`), before anything is sent: the job is never accepted with items that must fail.
 */
export function requireInventoryIdentifier<F extends InventoryIdentifier>(
  items: readonly InventoryItem[],
  field: F,
  providerName: string,
): InventoryItemWith<F>[] {
  const missing = items.flatMap((item, index) => (item[field] === undefined ? [index] : []))
  if (missing.length > 0) {
    throw new KopruError('invalid_request', `${providerName} identifies listings by ${field}; ${missing.length} item(s) have none`, {
      errors: missing.slice(0, 50).map((index) => ({
        path: `body.items.${index}.${field}`,
        message: `${providerName} needs the ${field}` + (items[index]![otherName[field]] !== undefined ? ` (a ${otherName[field]} alone cannot be used)` : ''),
      })),
    })
  }
  return items as InventoryItemWith<F>[]
}

/** Refuses the request up front when any item breaks a provider rule; `check` returns the message for one item. */
export function assertInventoryItems(
  items: readonly InventoryItem[],
  check: (item: InventoryItem) => { field: string; message: string } | null,
  summary: string,
): void {
  const errors = items.flatMap((item, index) => {
    const problem = check(item)
    return problem ? [{ path: `body.items.${index}.${problem.field}`, message: problem.message }] : []
  })
  if (errors.length > 0) throw new KopruError('invalid_request', summary, { errors: errors.slice(0, 50) })
}

/**
 * `inventory.job` of a provider whose `inventory.update` answers every item at once (its refs are always
 * empty, so the job is final when submitted): nothing is ever left to poll.
 */
export async function settledInventoryJob(): Promise<{ status: 'completed'; items: [] }> {
  return { status: 'completed', items: [] }
}

/** The report for every item of a batch the provider refused as a whole (its error code and message). */
export function failedItems<I extends Pick<InventoryItem, 'sku' | 'barcode'>>(items: readonly I[], error: unknown) {
  const code = error instanceof KopruError ? (error.provider?.code ?? error.code) : 'internal'
  const message = error instanceof Error ? error.message : String(error)
  return items.map((item) => ({ sku: item.sku ?? null, barcode: item.barcode ?? null, status: 'failed' as const, error: { code, message } }))
}
