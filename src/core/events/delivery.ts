/**
 * The delivery worker: claims due outbox rows with `FOR UPDATE SKIP LOCKED` and a lease (so several gateway
 * instances never take the same attempt, and a killed instance's claims become claimable when the lease
 * expires), sends them as Standard Webhooks, and records the outcome. Only the oldest pending event of each
 * object is claimable, so a later event never overtakes an earlier one that is not yet delivered or dead.
 */
import { sql } from 'drizzle-orm'
import { newId } from '../ids.js'
import type { Logger } from '../logger.js'
import type { Transport } from '../transport.js'
import type { Database } from '../../db/types.js'
import { exchangeRecord } from '../call-log/record.js'
import { retryAfterMs } from '../quotas/feedback.js'
import type { CallLog } from '../call-log/writer.js'
import type { EndpointRepository } from './endpoints.js'
import { ENDPOINT_DELETED, rowsOf } from './outbox.js'
import { webhookHeaders } from './signing.js'
import { wallClock, type Clock } from './types.js'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/**
 * Wait after the n-th failed attempt (index n-1). 11 attempts over about 23.6 hours; after the last one
 * the event is `dead`. Exponential-ish, like Svix/Standard Webhooks' recommended schedule.
 */
export const defaultRetrySchedule: readonly number[] = [
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  8 * HOUR,
]

/** A receiver's `Retry-After` may stretch a wait up to this much, never shorten it. */
const MAX_RETRY_AFTER_MS = HOUR

export interface DeliveryWorkerOptions {
  db: Database
  endpoints: EndpointRepository
  transport: Transport
  log: Logger
  clock?: Clock
  batchSize?: number
  /** How long a claim is exclusive; must exceed `timeoutMs`. A killed instance's events wait at most this long. */
  leaseMs?: number
  timeoutMs?: number
  schedule?: readonly number[]
  instanceId?: string
  userAgent?: string
  /** Delivered, dead and never-sent events older than this are deleted (pending ones never are). */
  retentionMs?: number
  /** Each attempt that reached for the endpoint is recorded here (kind `webhook_delivery`). */
  callLog?: CallLog
}

interface ClaimedRow {
  id: string
  tenant_id: string
  payload: Record<string, unknown> | string
  attempts: number
  /** The previous attempt's answer (the call log's retry reason). */
  last_status: number | null
}

type DeliverySettings = Required<Omit<DeliveryWorkerOptions, 'clock' | 'callLog'>> & { clock: Clock; callLog?: CallLog }

const iso = (ms: number) => new Date(ms).toISOString()

export interface DeliveryRun {
  claimed: number
  delivered: number
  failed: number
  dead: number
}

/**
 * Claims due events: a lease, one more attempt. A due event whose tenant has no endpoint any more (it committed
 * as `pending` while the endpoint was being deleted, or its retry was in flight then) is settled as
 * `no_endpoint` in the same statement instead: no attempt is counted and it is not returned.
 */
async function claim(s: DeliverySettings): Promise<{ rows: ClaimedRow[]; settled: number }> {
  const { db, clock, instanceId, leaseMs, batchSize } = s
  const now = clock.now()
  const result = await db.execute(sql`
    with due as (
      select e.id, exists (select 1 from webhook_endpoints w where w.tenant_id = e.tenant_id) as sendable
        from events e
       where e.status = 'pending'
         and e.next_attempt_at <= ${iso(now)}::timestamptz
         and (e.lease_until is null or e.lease_until <= ${iso(now)}::timestamptz)
         and not exists (
           select 1 from events p
            where p.tenant_id = e.tenant_id and p.object_key = e.object_key and p.status = 'pending' and p.seq < e.seq)
       order by e.seq
       limit ${batchSize}
       for update of e skip locked)
    update events
       set status = case when due.sendable then 'pending' else 'no_endpoint' end,
           lease_owner = case when due.sendable then ${instanceId} end,
           lease_until = case when due.sendable then ${iso(now + leaseMs)}::timestamptz end,
           attempts = attempts + case when due.sendable then 1 else 0 end,
           last_attempt_at = case when due.sendable then ${iso(now)}::timestamptz else last_attempt_at end,
           last_error = case when due.sendable then last_error else ${ENDPOINT_DELETED} end
      from due
     where events.id = due.id
    returning events.id, events.tenant_id, events.payload, events.attempts, events.last_status, due.sendable`)
  const claimed = rowsOf<ClaimedRow & { sendable: boolean }>(result)
  return { rows: claimed.filter((row) => row.sendable), settled: claimed.filter((row) => !row.sendable).length }
}

async function finish(
  s: DeliverySettings,
  row: ClaimedRow, outcome: { ok: boolean; status: number | null; error: string | null; retryAfterMs: number | null }) {
  const { db, clock, instanceId, schedule } = s
  const now = clock.now()
  const guard = sql`id = ${row.id} and lease_owner = ${instanceId} and attempts = ${row.attempts}`
  if (outcome.ok) {
    await db.execute(sql`
      update events set status = 'delivered', delivered_at = ${iso(now)}::timestamptz, last_status = ${outcome.status},
             last_error = null, lease_owner = null, lease_until = null
       where ${guard}`)
    return 'delivered' as const
  }
  const dead = row.attempts >= schedule.length + 1
  const wait = Math.max(schedule[row.attempts - 1] ?? 0, Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS))
  await db.execute(sql`
    update events set status = ${dead ? 'dead' : 'pending'}, next_attempt_at = ${iso(now + wait)}::timestamptz,
           last_status = ${outcome.status}, last_error = ${outcome.error?.slice(0, 500) ?? null},
           lease_owner = null, lease_until = null
     where ${guard}`)
  return dead ? ('dead' as const) : ('failed' as const)
}

type Outcome = { ok: boolean; status: number | null; error: string | null; retryAfterMs: number | null }

/**
 * One attempt in the call log: the tenant's endpoint host and path, status, duration and attempt number, under
 * the event id as request id (the payload, the signing secret and the signature are never recorded).
 */
function recordAttempt(s: DeliverySettings, row: ClaimedRow, url: URL, outcome: Outcome & { timedOut: boolean; ms: number }) {
  const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null)
  s.callLog?.push(
    exchangeRecord({
      tenantId: row.tenant_id,
      connectionId: text(payload.connection_id),
      provider: text(payload.provider) ?? 'kopru',
      operation: text(payload.type) ?? 'event',
      kind: 'webhook_delivery',
      method: 'POST',
      url,
      requestId: row.id,
      status: outcome.status,
      ms: outcome.ms,
      errorCode: outcome.ok ? null : outcome.status !== null ? 'receiver_error' : outcome.timedOut ? 'receiver_timeout' : 'receiver_unreachable',
      attempt: row.attempts - 1,
      retryReason: row.attempts > 1 ? (row.last_status === null ? 'no_answer' : String(row.last_status)) : null,
    }),
  )
}

async function send(s: DeliverySettings, row: ClaimedRow, endpoint: { url: string; secret: string } | undefined): Promise<Outcome> {
  if (!endpoint) return { ok: false, status: null, error: 'no webhook endpoint configured', retryAfterMs: null }
  const url = new URL(endpoint.url)
  const started = performance.now()
  const outcome = await post(s, row, url, endpoint.secret)
  recordAttempt(s, row, url, { ...outcome, ms: performance.now() - started })
  return outcome
}

async function post(s: DeliverySettings, row: ClaimedRow, url: URL, secret: string): Promise<Outcome & { timedOut: boolean }> {
  const { clock, transport, timeoutMs, userAgent } = s
  const payload = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload)
  const headers = new Headers(await webhookHeaders(secret, row.id, Math.floor(clock.now() / 1000), payload))
  headers.set('content-type', 'application/json')
  headers.set('user-agent', userAgent)
  try {
    const response = await transport({ url, method: 'POST', headers, body: payload, signal: AbortSignal.timeout(timeoutMs) })
    await response.text().catch(() => '')
    const ok = response.status >= 200 && response.status < 300
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), clock.now())
    return {
      ok,
      status: response.status,
      error: ok ? null : `receiver answered HTTP ${response.status}`,
      retryAfterMs: retryAfter && retryAfter > 0 ? retryAfter : null,
      timedOut: false,
    }
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError'
    const message = timedOut ? `no answer within ${timeoutMs} ms` : (error as Error).message
    return { ok: false, status: null, error: message, retryAfterMs: null, timedOut }
  }
}

/** Deletes finished events past the retention; returns how many. Runs at most hourly from `start`. */
async function prune(s: DeliverySettings): Promise<number> {
  const { db, clock, log, retentionMs } = s
  const cutoff = iso(clock.now() - retentionMs)
  const rows = rowsOf(
    await db.execute(sql`delete from events where status <> 'pending' and created_at < ${cutoff}::timestamptz returning id`),
  )
  if (rows.length > 0) log.info('pruned old events', { count: rows.length })
  return rows.length
}
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000
  const s: DeliverySettings = {
    clock: wallClock,
    batchSize: 20,
    leaseMs: Math.max(60_000, timeoutMs + 30_000),
    schedule: defaultRetrySchedule,
    instanceId: newId('dw'),
    userAgent: 'kopru-webhooks/0.1',
    retentionMs: 30 * 24 * HOUR,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    timeoutMs,
  } as DeliverySettings
  const { log, batchSize, clock, instanceId } = s

  /** One pass: claim up to `batchSize` due events, send them concurrently, record each outcome. */
  async function runOnce(): Promise<DeliveryRun> {
    const { rows, settled } = await claim(s)
    const run: DeliveryRun = { claimed: rows.length + settled, delivered: 0, failed: 0, dead: 0 }
    if (rows.length === 0) return run
    const targets = await s.endpoints.secretsFor([...new Set(rows.map((row) => row.tenant_id))])
    await Promise.all(
      rows.map(async (row) => {
        const outcome = await send(s, row, targets.get(row.tenant_id))
        const result = await finish(s, row, outcome)
        run[result]++
        if (result !== 'delivered') {
          log.warn('webhook delivery failed', { event_id: row.id, tenant_id: row.tenant_id, attempt: row.attempts, status: outcome.status, error: outcome.error, dead: result === 'dead' })
        }
      }),
    )
    log.debug('delivery pass', { instance: instanceId, ...run })
    return run
  }

  let lastPrune = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | undefined
  let stopped = true

  return {
    instanceId,
    runOnce,
    prune: () => prune(s),
    /** Runs passes back to back while batches come full, else every `intervalMs`. */
    start(intervalMs: number) {
      stopped = false
      const tick = () => {
        running = (async () => {
          if (clock.now() - lastPrune > HOUR) {
            lastPrune = clock.now()
            await prune(s).catch((error) => log.error('pruning events failed', { error: (error as Error).message }))
          }
          let full = true
          while (full && !stopped) {
            try {
              const run = await runOnce()
              full = run.claimed === batchSize
            } catch (error) {
              log.error('delivery pass failed', { error: (error as Error).message })
              full = false
            }
          }
        })().finally(() => {
          if (!stopped) timer = setTimeout(tick, intervalMs)
        })
      }
      tick()
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}


export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>
