import type { Database } from '../db/types.js'
import { recordConnectionLifecycleEvent } from './events/connection-events.js'

export type ConnectionEventType = 'connection.created' | 'connection.reauthorized' | 'connection.needs_reauth' | 'connection.updated'

export interface ConnectionEvent {
  type: ConnectionEventType
  tenantId: string
  connectionId: string
  data: Record<string, unknown>
}

/**
 * Records a connection lifecycle event inside the caller's transaction (`db` may be a transaction), so the event
 * exists exactly when the state change does. The default writes it to the events outbox (docs/events.md);
 * an embedding app can route it elsewhere through `GatewayOptions.recordConnectionEvent`.
 */
export type ConnectionEventRecorder = (db: Database, event: ConnectionEvent) => Promise<void>

export const recordConnectionEvent: ConnectionEventRecorder = (db, event) => recordConnectionLifecycleEvent(db, event)
