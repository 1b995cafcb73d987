import { connectionEvents } from '../db/schema.js'
import type { Database } from '../db/types.js'
import { newId } from './ids.js'

export type ConnectionEventType = 'connection.created' | 'connection.reauthorized' | 'connection.needs_reauth'

export interface ConnectionEvent {
  type: ConnectionEventType
  tenantId: string
  connectionId: string
  data: Record<string, unknown>
}

/**
 * Records a connection lifecycle event. It runs inside the caller's transaction (`db` may be a transaction),
 * so the event exists exactly when the state change does. The default writes `connection_events`; the
 * events outbox can replace it through `GatewayOptions.recordConnectionEvent`.
 */
export type ConnectionEventRecorder = (db: Database, event: ConnectionEvent) => Promise<void>

export const recordConnectionEvent: ConnectionEventRecorder = async (db, event) => {
  await db.insert(connectionEvents).values({
    id: newId('cev'),
    tenantId: event.tenantId,
    connectionId: event.connectionId,
    type: event.type,
    data: event.data,
    createdAt: new Date(),
  })
}
