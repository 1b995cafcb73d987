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

/** `last_error` of an event that was pending when its tenant's endpoint was deleted: settled, never sent on its own. */
export const ENDPOINT_DELETED = 'not sent: the webhook endpoint was deleted before delivery (POST /v1/events/{id}/redeliver sends it)'

/**
 * Settles the tenant's pending events as `no_endpoint` when its endpoint is deleted (in that transaction), so they
 * are neither retried against nothing nor sent later to a re-created endpoint. An attempt in flight (live lease)
 * is left to record its outcome; the worker settles it if it must be retried (delivery.ts, `claim`).
 */
export async function settlePendingOfDeletedEndpoint(tx: Executor, tenantId: string, now: Date): Promise<number> {
  const rows = rowsOf(
    await tx.execute(sql`
      update events set status = 'no_endpoint', last_error = ${ENDPOINT_DELETED}
       where tenant_id = ${tenantId} and status = 'pending' and (lease_until is null or lease_until <= ${now.toISOString()}::timestamptz)
      returning id`),
  )
  return rows.length
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
