import Bottleneck from 'bottleneck'
import { LRUCache } from 'lru-cache'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { QuotaDefinition } from '../provider-kit/types.js'
import type { QuotaFeedback } from './feedback.js'
import { createCostBuckets, createMemoryCostStore, type CostStore } from './cost.js'

/**
 * Bottleneck settings that make limiters share state between gateway processes (Redis clustering);
 * built on Node by src/node/redis-quotas.ts, absent at the edge and in single-process setups.
 */
export interface QuotaDatastore {
  options: Bottleneck.ConstructorOptions
  /** Prefix of limiter ids in the shared store (deployments or test runs sharing one Redis). */
  namespace?: string
  /** Cost-based buckets shared by the processes (see cost.ts). */
  costs?: CostStore
  close(): Promise<void>
}

export interface QuotaLimitersOptions {
  metrics: GatewayMetrics
  log: Logger
  datastore?: QuotaDatastore
  /** Limiters kept while idle; busy ones are never dropped (their history is the quota). */
  maxLimiters?: number
  idleMs?: number
  /** Longest a slot may be held (request timeout and then some); a crashed holder frees it after this. */
  maxHoldMs?: number
  /** Extra spacing after the provider's window, for providers' coarse clocks (default 2% of the window, ≤ 250 ms). */
  safetyMs?: (intervalMs: number) => number
}

export interface QuotaTicket {
  provider: string
  quota: QuotaDefinition
  scopeKey: string
  /** Fair share between tenants of one app-wide quota: a tenant's backlog never queues ahead of others' first requests. */
  tenantId: string
  /** Latest instant (epoch ms) the request may start; past it the caller gets `rate_limited` at once. */
  deadline: number
}

export interface QuotaSlot {
  key: string
  waitedMs: number
  /** Frees the slot: `sent` slots stay taken for the provider's window after the answer arrived. */
  release(sent: boolean): void
}

interface LimiterEntry {
  key: string
  provider: string
  group: string
  limit: number
  intervalMs: number
  /** Created on first need (see limiterOf). */
  limiter: Bottleneck | undefined
  pausedUntil: number
  waiting: number
  waitingByTenant: Map<string, number>
  /** Estimated release instants of the slots this process holds. */
  holds: Set<{ until: number }>
  /** Local mode: jobs Bottleneck started that wait for a slot still held by a fast-path request. */
  gate: (() => void)[]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * One Bottleneck limiter per (provider, scope, group), created on first use and dropped when idle.
 *
 * The quota is a sliding window of `limit` slots: a request holds its slot from the moment it leaves
 * until one full window after its answer arrived. Two requests through the same slot therefore reach the
 * provider more than a window apart, so no window of the provider's — fixed at first request, aligned to
 * the clock, or sliding — ever sees more than `limit`. Bursts of up to `limit` go out at once.
 * - Clustered (Redis): Bottleneck's `maxConcurrent = limit` counts the held slots in Redis, so the bound
 *   holds across processes; a crashed process's slots are freed by Bottleneck's client timeout and job
 *   expiration.
 * - Local: the held slots are counted here; a request finding a free slot and nobody queued takes it at
 *   once, and otherwise waits in Bottleneck (`maxConcurrent = 1`), whose priorities give fairness.
 */
export function createQuotaLimiters(options: QuotaLimitersOptions) {
  const { metrics, log, datastore } = options
  const idleMs = options.idleMs ?? 60_000
  const maxHoldMs = options.maxHoldMs ?? 60_000
  const safetyMs = options.safetyMs ?? ((intervalMs: number) => Math.min(250, Math.ceil(intervalMs * 0.02)))
  const draining = new Map<string, LimiterEntry>()
  const busy = (entry: LimiterEntry) => entry.waiting > 0 || entry.holds.size > 0 || entry.pausedUntil > Date.now()
  const cache = new LRUCache<string, LimiterEntry>({
    max: options.maxLimiters ?? 20_000,
    ttl: idleMs,
    updateAgeOnGet: true,
    dispose(entry, key, reason) {
      if (reason === 'set') return
      if (busy(entry)) draining.set(key, entry)
      else void retire(entry)
    },
  })
  let lastPurge = Date.now()

  /** Stops a clustered limiter's heartbeat; a local limiter without jobs holds no timers. */
  function retire(entry: LimiterEntry): Promise<void> {
    if (!datastore) return Promise.resolve()
    return Promise.resolve()
      .then(() => entry.limiter?.disconnect(false))
      .catch(() => {})
  }

  function settle(entry: LimiterEntry) {
    if (draining.get(entry.key) === entry && !busy(entry)) {
      draining.delete(entry.key)
      void retire(entry)
    }
  }

  function entryFor(ticket: QuotaTicket): LimiterEntry {
    const key = `${ticket.provider}:${ticket.scopeKey}:${ticket.quota.group}`
    const found = cache.get(key) ?? draining.get(key)
    if (found) {
      if (draining.get(key) === found) {
        draining.delete(key)
        cache.set(key, found)
      }
      return found
    }
    if (Date.now() - lastPurge > idleMs) {
      lastPurge = Date.now()
      cache.purgeStale()
    }
    const { limit, intervalMs } = ticket.quota
    const entry: LimiterEntry = {
      key,
      provider: ticket.provider,
      group: ticket.quota.group,
      limit,
      intervalMs,
      limiter: undefined,
      pausedUntil: 0,
      waiting: 0,
      waitingByTenant: new Map(),
      holds: new Set(),
      gate: [],
    }
    // Clustered limiters must exist from the start (they carry the shared state); local ones only
    // once a request has to queue — most connections never do, and 100k idle Bottlenecks cost memory.
    if (datastore) limiterOf(entry)
    cache.set(key, entry)
    return entry
  }

  function limiterOf(entry: LimiterEntry): Bottleneck {
    if (entry.limiter) return entry.limiter
    const limiter = new Bottleneck({
      ...datastore?.options,
      id: `${datastore?.namespace ?? 'kopru'}:${entry.key}`,
      // Clustered: Redis counts the held slots. Local: our own hold count is authoritative and
      // Bottleneck is the fair priority queue, handing out one waiting request at a time.
      maxConcurrent: datastore ? entry.limit : 1,
    })
    limiter.on('error', (error) => log.error('quota limiter error', { limiter: entry.key, error: String(error?.message ?? error) }))
    if (datastore) {
      limiter.on('message', (message) => {
        const until = /^pause:(\d+)$/.exec(message)?.[1]
        if (until) entry.pausedUntil = Math.max(entry.pausedUntil, Number(until))
      })
    }
    entry.limiter = limiter
    return limiter
  }

  /** How long a request entering the queue now would wait, from what this process can see. */
  function estimateWait(entry: LimiterEntry, now: number): number {
    const pause = Math.max(0, entry.pausedUntil - now)
    const free = entry.limit - entry.holds.size
    if (entry.waiting < free) return pause
    const releases = [...entry.holds].map((hold) => hold.until).sort((a, b) => a - b)
    const index = entry.waiting - Math.max(0, free)
    const round = Math.floor(index / entry.limit)
    const release = releases[index % entry.limit] ?? now
    const window = entry.intervalMs + safetyMs(entry.intervalMs)
    return Math.max(pause, release - now + round * window)
  }

  function rateLimited(ticket: QuotaTicket, waitMs: number, why: string): KopruError {
    metrics.quotaRejections.inc({ provider: ticket.provider, group: ticket.quota.group })
    const seconds = Math.max(1, Math.ceil(waitMs / 1000))
    return new KopruError('rate_limited', `${why}; the ${ticket.quota.group} quota (${ticket.quota.limit} per ${ticket.quota.intervalMs / 1000} s) frees up in about ${seconds} s`, {
      provider: { id: ticket.provider },
      headers: { 'Retry-After': String(seconds) },
    })
  }

  async function acquire(ticket: QuotaTicket): Promise<QuotaSlot> {
    const entry = entryFor(ticket)
    const enqueued = Date.now()
    const estimate = estimateWait(entry, enqueued)
    if (enqueued + estimate > ticket.deadline) {
      throw rateLimited(ticket, estimate, 'the provider quota cannot serve this request within its wait budget')
    }
    // Local fast path: a free slot and nobody queued means no reason to go through Bottleneck's queue,
    // whose every job costs several event-loop turns (~8 ms measured). Clustered limiters always use
    // Bottleneck: the running count lives in Redis.
    if (!datastore && entry.waiting === 0 && entry.holds.size < entry.limit && entry.pausedUntil <= enqueued) {
      const slot = grant(entry, () => {}, enqueued)
      metrics.quotaWait.observe({ provider: entry.provider, group: entry.group }, 0)
      return slot
    }
    const tenantWaiting = entry.waitingByTenant.get(ticket.tenantId) ?? 0
    entry.waitingByTenant.set(ticket.tenantId, tenantWaiting + 1)
    entry.waiting++
    let state: 'queued' | 'started' | 'abandoned' = 'queued'
    const leaveQueue = () => {
      entry.waiting--
      const left = (entry.waitingByTenant.get(ticket.tenantId) ?? 1) - 1
      if (left <= 0) entry.waitingByTenant.delete(ticket.tenantId)
      else entry.waitingByTenant.set(ticket.tenantId, left)
    }

    return new Promise<QuotaSlot>((resolve, reject) => {
      const giveUp = setTimeout(() => {
        if (state !== 'queued') return
        state = 'abandoned'
        leaveQueue()
        settle(entry)
        reject(rateLimited(ticket, estimateWait(entry, Date.now()), 'no quota slot freed up within the wait budget'))
      }, Math.max(0, ticket.deadline - enqueued))

      const job = () =>
        new Promise<void>((done) => {
          const take = () => {
            if (state === 'abandoned') return done()
            // Local mode: the one job Bottleneck let through waits here for a held slot to free up.
            if (!datastore && entry.holds.size >= entry.limit) return void entry.gate.push(take)
            clearTimeout(giveUp)
            state = 'started'
            leaveQueue()
            const slot = grant(entry, datastore ? done : () => {}, enqueued)
            if (!datastore) done()
            const pause = entry.pausedUntil - Date.now()
            if (pause > 0 && entry.pausedUntil > ticket.deadline) {
              slot.release(false)
              return reject(rateLimited(ticket, pause, 'the provider asked for a pause longer than the wait budget'))
            }
            void sleep(pause).then(() => {
              slot.waitedMs = Date.now() - enqueued
              metrics.quotaWait.observe({ provider: entry.provider, group: entry.group }, slot.waitedMs / 1000)
              resolve(slot)
            })
          }
          take()
        })

      limiterOf(entry)
        .schedule({ priority: Math.min(9, tenantWaiting), expiration: entry.intervalMs + maxHoldMs }, job)
        .catch((error: unknown) => {
          if (state === 'queued') {
            state = 'abandoned'
            clearTimeout(giveUp)
            leaveQueue()
            settle(entry)
            reject(new KopruError('internal', 'the quota store failed', { cause: error }))
          } else if (!(error instanceof Bottleneck.BottleneckError)) {
            log.error('quota job failed', { limiter: entry.key, error: String(error) })
          }
        })
    })
  }

  /** Takes a slot: held until one window after the answer (or freed at once when nothing was sent). */
  function grant(entry: LimiterEntry, done: () => void, enqueued: number): QuotaSlot {
    const hold = { until: Date.now() + entry.intervalMs }
    entry.holds.add(hold)
    let released = false
    const free = () => {
      entry.holds.delete(hold)
      done()
      while (entry.gate.length > 0 && entry.holds.size < entry.limit) entry.gate.shift()!()
      settle(entry)
    }
    return {
      key: entry.key,
      waitedMs: Date.now() - enqueued,
      release(sent) {
        if (released) return
        released = true
        if (!sent) return free()
        const window = entry.intervalMs + safetyMs(entry.intervalMs)
        hold.until = Date.now() + window
        setTimeout(free, window)
      },
    }
  }

  /** Applies what the provider said about its quota to the group the request counted against. */
  function observe(key: string, feedback: QuotaFeedback) {
    const entry = cache.get(key) ?? draining.get(key)
    if (!entry) return
    if (feedback.pauseUntil && feedback.pauseUntil > entry.pausedUntil) {
      entry.pausedUntil = feedback.pauseUntil
      metrics.quotaPauses.inc({ provider: entry.provider, group: entry.group })
      log.warn('provider quota paused', { provider: entry.provider, group: entry.group, ms: feedback.pauseUntil - Date.now() })
      if (datastore) limiterOf(entry).publish(`pause:${feedback.pauseUntil}`).catch(() => {})
    }
    if (feedback.ratePerSecond) {
      const granted = Math.max(1, Math.floor((feedback.ratePerSecond * entry.intervalMs) / 1000))
      if (granted < entry.limit) {
        entry.limit = granted
        if (datastore) limiterOf(entry).updateSettings({ maxConcurrent: granted })
        log.info('provider quota lowered to what the provider reports', { provider: entry.provider, group: entry.group, limit: granted })
      }
    }
  }

  metrics.registry.collect(() => {
    metrics.quotaQueueDepth.reset()
    const depth = new Map<string, { provider: string; group: string; value: number }>()
    const add = (entry: LimiterEntry) => {
      const id = `${entry.provider}\u0001${entry.group}`
      const row = depth.get(id) ?? { provider: entry.provider, group: entry.group, value: 0 }
      row.value += entry.waiting
      depth.set(id, row)
    }
    for (const entry of cache.values()) add(entry)
    for (const entry of draining.values()) add(entry)
    for (const row of depth.values()) metrics.quotaQueueDepth.set({ provider: row.provider, group: row.group }, row.value)
  })

  return {
    acquire,
    observe,
    costs: createCostBuckets({ store: datastore?.costs ?? createMemoryCostStore(), metrics }),
    size: () => cache.size + draining.size,
    async close() {
      const entries = [...cache.values(), ...draining.values()]
      cache.clear()
      draining.clear()
      await Promise.all(entries.map(retire))
    },
  }
}

export type QuotaLimiters = ReturnType<typeof createQuotaLimiters>
