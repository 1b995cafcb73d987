/**
 * Connection lifecycle events: one recorder, one payload per type (docs/events.md). Every event carries the
 * connection as `GET /v1/connections/{id}` shows it; `connection.needs_reauth` adds `reason`, `connection.updated`
 * adds `changed` (the members that changed).
 */
import type { Database } from '../db/types.js'
import { connectionView, type ConnectionSnapshot } from './connections/types.js'
import { recordConnectionLifecycleEvent } from './events/connection-events.js'

export type ConnectionEventType = 'connection.created' | 'connection.reauthorized' | 'connection.needs_reauth' | 'connection.updated'

export interface ConnectionEvent {
  type: ConnectionEventType
  tenantId: string
  connectionId: string
  data: Record<string, unknown>
}

/**
 * Where connection events go, inside the caller's transaction (`db` may be a transaction), so the event exists
 * exactly when the state change does. The default writes to the events outbox; an embedding app can route them
 * elsewhere through `GatewayOptions.recordConnectionEvent`.
 */
export type ConnectionEventRecorder = (db: Database, event: ConnectionEvent) => Promise<void>

export const outboxConnectionEvents: ConnectionEventRecorder = (db, event) => recordConnectionLifecycleEvent(db, event)

/** @deprecated the outbox sink; name kept for embedders that passed it on. */
export const recordConnectionEvent = outboxConnectionEvents

/** What each type adds to the connection view. */
export interface ConnectionEventExtras {
  'connection.created': Record<string, never>
  'connection.reauthorized': Record<string, never>
  'connection.needs_reauth': { reason: string } & Record<string, unknown>
  'connection.updated': { changed: string[] }
}

export type RecordConnectionEvent = <T extends ConnectionEventType>(
  tx: Database,
  type: T,
  connection: ConnectionSnapshot,
  ...extra: T extends 'connection.needs_reauth' | 'connection.updated' ? [ConnectionEventExtras[T]] : []
) => Promise<void>

/** The recorder every part of the core uses; `sink` is the embedder's choice (the outbox by default). */
export function connectionEventRecorder(sink: ConnectionEventRecorder = outboxConnectionEvents): RecordConnectionEvent {
  return (tx, type, connection, ...extra) =>
    sink(tx, {
      type,
      tenantId: connection.info.tenantId,
      connectionId: connection.info.id,
      data: { ...connectionView(connection), ...extra[0] },
    })
}
