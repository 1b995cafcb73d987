/**
 * The outbox: `recordEvent(tx, …)` writes an event in the caller's transaction, so the event exists if and only
 * if the state change that caused it committed. The delivery worker (delivery.ts) sends it afterwards.
 */
import { sql } from 'drizzle-orm'
import { newId } from '../ids.js'
import type { Database } from '../../db/types.js'
import type { RecordEventInput, UnifiedEvent } from './types.js'

/** A drizzle database or a transaction of one: both run queries. */
export type Executor = Pick<Database, 'execute' | 'select' | 'insert' | 'update' | 'delete'>

/** Rows of a raw `execute` on either driver (postgres.js returns an array, PGlite `{rows}`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}

export const objectKeyOf = (connectionId: string | null | undefined, objectType: string, objectId: string) =>
  `${connectionId ?? '-'}/${objectType}/${objectId}`

/**
 * Inserts one event into the outbox inside `tx`. It is `pending` when the tenant has a webhook endpoint at that
 * moment, otherwise `no_endpoint` (listed by GET /v1/events, sent only on redelivery). Returns the event.
 */
export async function recordEvent(tx: Executor, input: RecordEventInput): Promise<UnifiedEvent> {
  const now = input.now ?? new Date()
  const event: UnifiedEvent = {
    id: newId('evt'),
    type: input.type,
    occurred_at: (input.occurredAt ?? now).toISOString(),
    tenant_id: input.tenantId,
    connection_id: input.connectionId ?? null,
    provider: input.provider ?? null,
    data: input.data,
    ...(input.previous ? { previous: input.previous } : {}),
  }
  await tx.execute(sql`
    insert into events (id, tenant_id, connection_id, provider, type, object_key, occurred_at, payload, status, next_attempt_at, created_at)
    values (
      ${event.id}, ${event.tenant_id}, ${event.connection_id}, ${event.provider}, ${event.type},
      ${objectKeyOf(input.connectionId, input.objectType, input.objectId)}, ${event.occurred_at}::timestamptz,
      ${JSON.stringify(event)}::jsonb,
      case when exists (select 1 from webhook_endpoints where tenant_id = ${event.tenant_id}) then 'pending' else 'no_endpoint' end,
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    )`)
  return event
}
