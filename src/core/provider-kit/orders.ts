import type { FulfillmentStatus, Order, OrderStatus, PaymentStatus } from '../../models/order.js'
import type { ListOrdersInput } from './types.js'

/** One row of a provider's order-status table: the three unified statuses it stands for. */
export interface UnifiedOrderStatuses {
  status: OrderStatus
  fulfillment: FulfillmentStatus
  payment: PaymentStatus
}

/** The safe value for a provider status no table knows: still listed, as open, with payment unknown. */
export const unknownOrderStatuses: UnifiedOrderStatuses = { status: 'open', fulfillment: 'processing', payment: 'unknown' }

/** The provider statuses a unified status covers, from a provider's status table. */
export const providerStatusesFor = <K extends string>(table: Record<K, UnifiedOrderStatuses>, status: OrderStatus): K[] =>
  (Object.keys(table) as K[]).filter((key) => table[key].status === status)

/** A provider that filters by one status at a time gets it only when the unified status maps to exactly one. */
export const singleProviderStatus = <K extends string>(table: Record<K, UnifiedOrderStatuses>, status: OrderStatus | undefined): K | undefined => {
  if (!status) return undefined
  const statuses = providerStatusesFor(table, status)
  return statuses.length === 1 ? statuses[0] : undefined
}

/** The unified list filters a provider cannot apply itself, applied after it answered. */
export const unifiedOrderFilter = (input: Pick<ListOrdersInput, 'status' | 'updatedAfter' | 'createdAfter' | 'createdBefore'>) => (order: Order) =>
  (!input.status || order.status === input.status) &&
  (!input.updatedAfter || new Date(order.updated_at) >= input.updatedAfter) &&
  (!input.createdAfter || new Date(order.created_at) >= input.createdAfter) &&
  (!input.createdBefore || new Date(order.created_at) <= input.createdBefore)
