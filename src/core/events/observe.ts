/**
 * Change detection shared by polling and inbound webhooks: a provider object is compared with the fingerprint
 * kopru stored when it last saw it, and only a real change becomes an event — in the same transaction as the
 * new fingerprint, so a change is never announced twice nor lost.
 */
import { sql } from 'drizzle-orm'
import { bytesToHex, utf8 } from '../encoding.js'
import type { ObservedObject } from '../provider-kit/webhooks.js'
import { recordEvent, rowsOf, type Executor } from './outbox.js'
import type { EventType, UnifiedEvent } from './types.js'

interface Rule {
  created: EventType | null
  statusChanged: EventType | null
  updated: EventType | null
  statusFields: readonly string[]
}

/** Which event a change of each object type produces; `null` records the new state silently. */
export const observationRules: Record<ObservedObject['type'], Rule> = {
  order: {
    created: 'order.created',
    statusChanged: 'order.status_changed',
    updated: 'order.updated',
    statusFields: ['status', 'fulfillment_status', 'payment_status', 'provider_status'],
  },
  shipment: { created: null, statusChanged: 'shipment.status_changed', updated: null, statusFields: ['status'] },
}

/** JSON with object keys sorted at every depth, so equal objects hash equally. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`
}

export async function fingerprintOf(data: unknown): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(stableJson(data)))))
}

export interface ObserveInput {
  connection: { id: string; tenantId: string; provider: string }
  object: ObservedObject
  now?: Date
  /**
   * How to announce the first sight of an object that existed before the connection: `quiet` (the baseline of a
   * connection's first poll) or `updated` (a webhook about an order kopru never saw: something changed, but what
   * is unknown). Objects created after the connection are always announced as created.
   */
  preexisting?: { before: Date; announce: 'quiet' | 'updated' }
}

/** Stores what was seen and records the event a change calls for; returns it, or null when nothing changed. */
export async function observe(tx: Executor, input: ObserveInput): Promise<UnifiedEvent | null> {
  const { connection, object } = input
  const rule = observationRules[object.type]
  const { raw: _raw, ...data } = object.data as typeof object.data & { raw?: unknown }
  const fingerprint = await fingerprintOf(data)
  const fields = data as unknown as Record<string, unknown>
  const status = Object.fromEntries(rule.statusFields.map((field) => [field, fields[field] ?? null]))
  const updatedAt = typeof fields.updated_at === 'string' ? fields.updated_at : null
  const now = input.now ?? new Date()
  const key = sql`connection_id = ${connection.id} and object_type = ${object.type} and object_id = ${data.id}`

  // The row lock taken here (insert, or select … for update) serializes concurrent observers of one object,
  // so the events of one object get increasing `seq` in the order their changes committed.
  const inserted = rowsOf(
    await tx.execute(sql`
      insert into observed_objects (connection_id, object_type, object_id, fingerprint, status, object_updated_at, updated_at)
      values (${connection.id}, ${object.type}, ${data.id}, ${fingerprint}, ${JSON.stringify(status)}::jsonb,
              ${updatedAt}::timestamptz, ${now.toISOString()}::timestamptz)
      on conflict do nothing
      returning object_id`),
  )
  const emit = (type: EventType | null, previous?: Record<string, unknown>) =>
    type
      ? recordEvent(tx, {
          type,
          tenantId: connection.tenantId,
          connectionId: connection.id,
          provider: connection.provider,
          objectType: object.type,
          objectId: data.id,
          data,
          previous,
          occurredAt: updatedAt ? new Date(updatedAt) : now,
          now,
        })
      : null
  if (inserted.length > 0) {
    const created = typeof fields.created_at === 'string' ? new Date(fields.created_at) : null
    const old = input.preexisting && created !== null && created < input.preexisting.before
    if (!old) return emit(rule.created)
    return input.preexisting!.announce === 'quiet' ? null : emit(rule.updated)
  }

  const [stored] = rowsOf<{ fingerprint: string; status: Record<string, unknown> | string; object_updated_at: string | Date | null }>(
    await tx.execute(sql`select fingerprint, status, object_updated_at from observed_objects where ${key} for update`),
  )
  if (!stored || stored.fingerprint === fingerprint) return null
  // A version older than the one already seen (a late or replayed delivery, an overlapping poll) changes nothing.
  if (updatedAt && stored.object_updated_at && new Date(updatedAt) < new Date(stored.object_updated_at)) return null
  await tx.execute(sql`
    update observed_objects set fingerprint = ${fingerprint}, status = ${JSON.stringify(status)}::jsonb,
           object_updated_at = ${updatedAt}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
     where ${key}`)
  const previous = typeof stored.status === 'string' ? (JSON.parse(stored.status) as Record<string, unknown>) : stored.status
  const statusChanged = rule.statusFields.some((field) => previous[field] !== status[field])
  return statusChanged ? emit(rule.statusChanged, previous) : emit(rule.updated)
}
