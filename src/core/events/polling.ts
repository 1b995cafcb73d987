import { intervalRunner } from '../interval-runner.js'
/**
 * Polling sync for what has no webhooks (or as the safety net Trendyol recommends next to its webhooks): every
 * active connection is polled per resource with a cursor stored in `poll_state`, through the adapter's own
 * operations — so through `ctx.request()` and the provider's quota — and only real changes become events
 * (observe.ts). Connections in `needs_reauth` are not polled until they are re-authorized.
 */
import { sql } from 'drizzle-orm'
import type { ConnectionService, ResolvedConnection } from '../connections.js'
import { KopruError } from '../errors.js'
import { randomToken } from '../ids.js'
import type { Logger } from '../logger.js'
import type { ContextFactory } from '../pipeline.js'
import type { OperationContext, ProviderDefinition } from '../provider-kit/types.js'
import type { ObservedObject } from '../provider-kit/webhooks.js'
import type { Registry } from '../registry.js'
import { backgroundScope } from '../request-scope.js'
import type { Database } from '../../db/types.js'
import { observe } from './observe.js'
import { rowsOf } from './outbox.js'
import { wallClock, type Clock } from './types.js'

export interface PollResult {
  observed: ObservedObject[]
  cursor: Record<string, unknown>
}

/** Something pollable: which providers have it, and one poll from a cursor. */
export interface PollResource {
  name: string
  appliesTo(provider: ProviderDefinition): boolean
  poll(ctx: OperationContext, input: { cursor: Record<string, unknown> | null; now: Date; lookbackMs: number }): Promise<PollResult>
}

/** Overlap re-read on every poll: absorbs provider clock skew; the fingerprints make it free of duplicates. */
const ORDERS_OVERLAP_MS = 5 * 60_000
/** Upper bound of unified list pages one poll may walk (each page is at most a few provider calls). */
const MAX_PAGES_PER_POLL = 25

/** Marketplace orders through `orders.list`, cursor = the newest `updated_at` seen. */
export const ordersResource: PollResource = {
  name: 'orders',
  appliesTo: (provider) => typeof provider.operations['orders.list'] === 'function',
  async poll(ctx, { cursor, now, lookbackMs }) {
    const list = ctx.provider.operations['orders.list']!
    const since = typeof cursor?.updated_after === 'string' ? new Date(Date.parse(cursor.updated_after) - ORDERS_OVERLAP_MS) : undefined
    const observed: ObservedObject[] = []
    let newest = typeof cursor?.updated_after === 'string' ? cursor.updated_after : null
    let page: unknown = undefined
    for (let pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
      const result = await list(ctx, { limit: 200, page, createdAfter: new Date(now.getTime() - lookbackMs), updatedAfter: since })
      for (const order of result.data) {
        observed.push({ type: 'order', data: order })
        if (!newest || order.updated_at > newest) newest = order.updated_at
      }
      page = result.next
      if (page === null || page === undefined) break
    }
    return { observed, cursor: newest ? { updated_after: newest } : {} }
  },
}

export const builtInPollResources: readonly PollResource[] = [ordersResource]

export interface PollerOptions {
  db: Database
  registry: Registry
  connections: ConnectionService
  contextFor: ContextFactory
  log: Logger
  clock?: Clock
  resources?: readonly PollResource[]
  /** Interval per resource name; a resource without one is polled every `defaultIntervalMs`. */
  intervals?: Record<string, number>
  defaultIntervalMs?: number
  /** How far back a poll looks for changed objects (orders change status for weeks after creation). */
  lookbackMs?: number
  /** Connections polled per pass. */
  batchSize?: number
  leaseMs?: number
}

type PollerSettings = Required<Omit<PollerOptions, 'clock' | 'resources' | 'intervals'>> & {
  clock: Clock
  resources: readonly PollResource[]
  intervals: Record<string, number>
}

const iso = (ms: number) => new Date(ms).toISOString()
const intervalOf = (s: PollerSettings, resource: string) => s.intervals[resource] ?? s.defaultIntervalMs

/** New connections get a poll_state row per resource their provider has, due at once. */
async function enroll(s: PollerSettings, now: number) {
  const { db, registry, resources } = s
  for (const resource of resources) {
    const providers = registry.list().filter((provider) => resource.appliesTo(provider)).map((provider) => provider.id)
    if (providers.length === 0) continue
    await db.execute(sql`
      insert into poll_state (connection_id, resource, next_poll_at)
      select c.id, ${resource.name}, ${iso(now)}::timestamptz from connections c
       where c.provider in (${sql.join(providers.map((id) => sql`${id}`), sql`, `)})
         and not exists (select 1 from poll_state p where p.connection_id = c.id and p.resource = ${resource.name})
      on conflict do nothing`)
  }
}

async function claim(s: PollerSettings, now: number) {
  const { db, leaseMs, batchSize } = s
  const result = await db.execute(sql`
    update poll_state ps set lease_until = ${iso(now + leaseMs)}::timestamptz
      from connections c
     where c.id = ps.connection_id
       and (ps.connection_id, ps.resource) in (
         select s.connection_id, s.resource from poll_state s join connections k on k.id = s.connection_id
          where k.status = 'active' and s.next_poll_at <= ${iso(now)}::timestamptz
            and (s.lease_until is null or s.lease_until <= ${iso(now)}::timestamptz)
          order by s.next_poll_at limit ${batchSize}
          for update of s skip locked)
    returning ps.connection_id, ps.resource, ps.cursor, c.tenant_id`)
  return rowsOf<{ connection_id: string; resource: string; cursor: Record<string, unknown> | string | null; tenant_id: string }>(result)
}

async function pollOne(s: PollerSettings, row: Awaited<ReturnType<typeof claim>>[number]): Promise<number> {
  const { db, connections, contextFor, log, clock, resources, lookbackMs } = s
  const resource = resources.find((candidate) => candidate.name === row.resource)
  const started = clock.now()
  const key = sql`connection_id = ${row.connection_id} and resource = ${row.resource}`
  let connection: ResolvedConnection | undefined
  try {
    if (!resource) throw new Error(`unknown poll resource ${row.resource}`)
    connection = await connections.get(row.tenant_id, row.connection_id)
    const cursor = typeof row.cursor === 'string' ? (JSON.parse(row.cursor) as Record<string, unknown>) : row.cursor
    const ctx = contextFor(connection, backgroundScope(`poll_${randomToken(16)}`), `poll.${resource.name}`)
    const result = await resource.poll(ctx, { cursor, now: new Date(started), lookbackMs })
    const owner = connection
    let emitted = 0
    await db.transaction(async (tx) => {
      for (const object of result.observed) {
        // The first poll of a connection is its baseline: objects from before the connection are not news.
        const event = await observe(tx, {
          connection: { id: owner.info.id, tenantId: owner.info.tenantId, provider: owner.provider.id },
          object,
          now: new Date(clock.now()),
          preexisting: cursor === null ? { before: owner.createdAt, announce: 'quiet' } : undefined,
        })
        if (event) emitted++
      }
      await tx.execute(sql`
        update poll_state set cursor = ${JSON.stringify(result.cursor)}::jsonb, last_polled_at = ${iso(started)}::timestamptz,
               next_poll_at = ${iso(started + intervalOf(s, resource.name))}::timestamptz, lease_until = null, last_error = null
         where ${key}`)
    })
    log.debug('polled', { connection_id: row.connection_id, resource: row.resource, observed: result.observed.length, events: emitted })
    return emitted
  } catch (error) {
    // A quota answer says when to come back; anything else waits one interval (the cursor is kept).
    const retryAfter = error instanceof KopruError ? Number(error.headers?.['Retry-After']) : NaN
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : intervalOf(s, row.resource)
    const message = (error as Error).message.slice(0, 500)
    log.warn('poll failed', { connection_id: row.connection_id, resource: row.resource, error: message })
    await db.execute(sql`
      update poll_state set next_poll_at = ${iso(started + wait)}::timestamptz, lease_until = null, last_error = ${message}
       where ${key}`)
    return 0
  }
}

export function createPoller(options: PollerOptions) {
  const s: PollerSettings = {
    clock: wallClock,
    resources: builtInPollResources,
    intervals: {},
    defaultIntervalMs: 60_000,
    lookbackMs: 14 * 24 * 3600_000,
    batchSize: 5,
    leaseMs: 5 * 60_000,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as PollerSettings
  const { clock, log } = s

  /** One pass: enroll new connections, claim due (connection, resource) pairs, poll them one by one. */
  async function runOnce(): Promise<{ polled: number; events: number }> {
    const now = clock.now()
    await enroll(s, now)
    const rows = await claim(s, now)
    let events = 0
    for (const row of rows) events += await pollOne(s, row)
    return { polled: rows.length, events }
  }

  return intervalRunner(runOnce, log, 'poll pass failed')
}

export type Poller = ReturnType<typeof createPoller>
