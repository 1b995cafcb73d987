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
