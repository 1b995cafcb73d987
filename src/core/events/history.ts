/**
 * The recorded events of a tenant as the API (`/v1/events`) and the console show them: listing newest first with
 * an opaque cursor, one event with its delivery state, and redelivery with a fresh retry schedule.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { assertSameFilters, filterFingerprint } from '../cursor.js'
import { base64UrlToBytes, bytesToBase64Url, fromUtf8, utf8 } from '../encoding.js'
import { KopruError } from '../errors.js'
import { events } from '../../db/schema.js'
import type { Database } from '../../db/types.js'
import type { EndpointRepository } from './endpoints.js'
import { rowsOf } from './outbox.js'
import type { EventStatus } from '../../db/schema.js'
import type { Clock } from './types.js'

type EventRow = typeof events.$inferSelect

const iso = (value: Date | null) => (value ? value.toISOString() : null)

/** The event as delivered plus its delivery state (attempts, last answer, when it was delivered). */
export const eventView = (row: EventRow) => ({
  ...(row.payload as Record<string, unknown>),
  delivery: {
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    last_attempt_at: iso(row.lastAttemptAt),
    last_status: row.lastStatus,
    last_error: row.lastError,
    delivered_at: iso(row.deliveredAt),
  },
})
export type EventView = ReturnType<typeof eventView>

export interface EventListQuery {
  limit: number
  cursor?: string
  type?: string
  status?: EventStatus
  connection_id?: string
}

function decodeSeq(cursor: string | undefined, filters: Record<string, unknown>): number | undefined {
  if (cursor === undefined) return undefined
  let parsed: { q?: unknown; f?: unknown } = {}
  try {
    parsed = JSON.parse(fromUtf8.decode(base64UrlToBytes(cursor))) as typeof parsed
  } catch {
    // same answer as a cursor from elsewhere
  }
  if (typeof parsed.q === 'number' && Number.isSafeInteger(parsed.q)) {
    assertSameFilters(parsed.f, filters)
    return parsed.q
  }
  throw new KopruError('invalid_request', 'cursor is not one this list issued', { errors: [{ path: 'cursor', message: 'pass next_cursor back unchanged' }] })
}

export function eventHistory({ db, endpoints, clock }: { db: Database; endpoints: EndpointRepository; clock: Clock }) {
  /** `tenantId` undefined: every tenant's events (operators). */
  async function list(tenantId: string | undefined, query: EventListQuery) {
    const filters = { type: query.type, status: query.status, connection_id: query.connection_id }
    const before = decodeSeq(query.cursor, filters)
    const rows = await db
      .select()
      .from(events)
      .where(
        and(
          tenantId !== undefined ? eq(events.tenantId, tenantId) : undefined,
          query.type ? eq(events.type, query.type) : undefined,
          query.status ? eq(events.status, query.status) : undefined,
          query.connection_id ? eq(events.connectionId, query.connection_id) : undefined,
          before !== undefined ? lt(events.seq, before) : undefined,
        ),
      )
      .orderBy(desc(events.seq))
      .limit(query.limit + 1)
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    const next = rows.length > query.limit && last ? bytesToBase64Url(utf8.encode(JSON.stringify({ q: last.seq, f: filterFingerprint(filters) }))) : null
    return { data: page.map(eventView), next_cursor: next }
  }

  /** One event; another tenant's is `not_found`. `tenantId` undefined: any tenant's (operators). */
  async function get(tenantId: string | undefined, id: string) {
    const [row] = await db
      .select()
      .from(events)
      .where(and(tenantId !== undefined ? eq(events.tenantId, tenantId) : undefined, eq(events.id, id)))
    if (!row) throw new KopruError('not_found', `event '${id}' does not exist`)
    return { tenantId: row.tenantId, event: eventView(row) }
  }

  /** Sends the event again (delivered, dead or never sent) with a fresh schedule; it keeps its id and its place. */
  async function redeliver(tenantId: string | undefined, id: string) {
    const { tenantId: owner } = await get(tenantId, id)
    if (!(await endpoints.get(owner))) throw new KopruError('conflict', 'no webhook endpoint is set; PUT /v1/webhook-endpoint first')
    const now = new Date(clock.now()).toISOString()
    const updated = rowsOf<{ id: string }>(
      await db.execute(sql`
        update events set status = 'pending', attempts = 0, next_attempt_at = ${now}::timestamptz,
               lease_owner = null, lease_until = null, last_error = null, delivered_at = null
         where id = ${id} and tenant_id = ${owner} and (status <> 'pending' or lease_until is null or lease_until <= ${now}::timestamptz)
        returning id`),
    )
    if (updated.length === 0) throw new KopruError('conflict', `event '${id}' is being delivered right now`)
    return (await get(owner, id)).event
  }

  return { list, get, redeliver }
}

export type EventHistory = ReturnType<typeof eventHistory>
