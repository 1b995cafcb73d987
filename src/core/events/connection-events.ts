/**
 * Connection lifecycle events into the outbox, for code that reports them as
 * `(tx, {type, tenantId, connectionId, data})` (the OAuth token manager's recorder shape): the event is recorded
 * in the caller's transaction with the connection as its object, so a connection's events stay in order.
 */
import { recordEvent, type Executor } from './outbox.js'
import { eventTypes, type EventType } from './types.js'

export interface ConnectionLifecycleEvent {
  type: string
  tenantId: string
  connectionId: string
  data: Record<string, unknown>
}

export async function recordConnectionLifecycleEvent(tx: Executor, event: ConnectionLifecycleEvent): Promise<void> {
  if (!(eventTypes as readonly string[]).includes(event.type)) throw new Error(`unknown event type ${event.type}`)
  await recordEvent(tx, {
    type: event.type as EventType,
    tenantId: event.tenantId,
    connectionId: event.connectionId,
    provider: typeof event.data.provider === 'string' ? event.data.provider : null,
    objectType: 'connection',
    objectId: event.connectionId,
    data: { id: event.connectionId, ...event.data },
  })
}
