/** Unified event types and the envelope every delivery carries (docs/events.md). */

export const eventTypes = [
  'order.created',
  'order.updated',
  'order.status_changed',
  /** A shipment was created through kopru (`POST /v1/shipments`). */
  'shipment.created',
  'shipment.status_changed',
  /** An invoice moved on its way issuing → issued | failed, or was cancelled (src/db/invoices.ts). */
  'invoice.status_changed',
  'inventory.job_completed',
  'connection.created',
  'connection.needs_reauth',
  /** A connection in `needs_reauth` was authorized again (OAuth reconnect). */
  'connection.reauthorized',
  /** A connection's credentials or settings changed (PATCH, or an OAuth re-consent while it was active). */
  'connection.updated',
] as const
export type EventType = (typeof eventTypes)[number]

export const eventStatuses = ['pending', 'delivered', 'dead', 'no_endpoint'] as const

/** What a receiver gets as the JSON body (and what `GET /v1/events` lists). */
export interface UnifiedEvent {
  id: string
  type: EventType
  occurred_at: string
  tenant_id: string
  connection_id: string | null
  provider: string | null
  /** The unified object (Order, Shipment, inventory job, connection). */
  data: unknown
  /** On `*.status_changed`: the status fields before the change. */
  previous?: Record<string, unknown>
}

export interface RecordEventInput {
  type: EventType
  tenantId: string
  connectionId?: string | null
  provider?: string | null
  /** The object the event is about; events of one object are delivered in order. */
  objectType: string
  objectId: string
  data: unknown
  previous?: Record<string, unknown>
  occurredAt?: Date
  /** The clock's now (tests move it); defaults to the wall clock. */
  now?: Date
}

/** A clock the delivery worker, the poller and the tests share; production uses the wall clock. */
export interface Clock {
  now(): number
}
export const wallClock: Clock = { now: () => Date.now() }
