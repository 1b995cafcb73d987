import type { CostStore } from './cost.js'
import Bottleneck from 'bottleneck'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { QuotaDefinition } from '../provider-kit/types.js'
import type { QuotaFeedback } from './feedback.js'

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

/** What every window of one limiter set shares. */
export interface WindowEnvironment {
  metrics: GatewayMetrics
  log: Logger
  datastore?: QuotaDatastore
  /** Extra spacing after the provider's window, for providers' coarse clocks. */
  safetyMs(intervalMs: number): number
  /** Called when a window may have become idle (its owner may retire it). */
  onIdle(window: SlidingWindow): void
}

/**
 * One quota group of one provider scope as a sliding window of `limit` slots: a request holds its slot from the
 * moment it leaves until one full window after its answer arrived, so two requests through the same slot reach
 * the provider more than a window apart and no window of the provider's ever sees more than `limit`.
 * Clustered (Redis), Bottleneck's `maxConcurrent = limit` counts the held slots across processes; locally the
 * held slots are counted here and Bottleneck (`maxConcurrent = 1`) is only the fair priority queue.
 */
export class SlidingWindow {
  readonly provider: string
  readonly group: string
  limit: number
  private readonly initialLimit: number
  readonly intervalMs: number
  /** Created on first need: most connections never queue, and 100k idle Bottlenecks cost memory. */
  private limiterInstance: Bottleneck | undefined
  pausedUntil = 0
  waiting = 0
  private readonly waitingByTenant = new Map<string, number>()
  /** Estimated release instants of the slots this process holds. */
  readonly holds = new Set<{ until: number }>()
  /** Local mode: jobs Bottleneck started that wait for a slot still held by a fast-path request. */
  readonly gate: (() => void)[] = []

  constructor(
    readonly key: string,
    ticket: QuotaTicket,
    private readonly env: WindowEnvironment,
  ) {
    this.provider = ticket.provider
    this.group = ticket.quota.group
    this.limit = ticket.quota.limit
    this.initialLimit = ticket.quota.limit
    this.intervalMs = ticket.quota.intervalMs
    // Clustered limiters must exist from the start: they carry the shared state.
    if (env.datastore) this.limiter()
  }

  get clustered(): boolean {
    return this.env.datastore !== undefined
  }

  busy(): boolean {
    return this.waiting > 0 || this.holds.size > 0 || this.pausedUntil > Date.now()
  }

  /**
   * Idle and knowing nothing a new window would not: no held slot, nobody queued, no pause left, the provider's own
   * limit (not one lowered by its feedback), and local (a clustered limiter carries the shared state).
   */
  forgettable(): boolean {
    return !this.clustered && !this.busy() && this.limit === this.initialLimit
  }

  limiter(): Bottleneck {
    if (this.limiterInstance) return this.limiterInstance
    const { datastore, log } = this.env
    const limiter = new Bottleneck({ ...datastore?.options, id: `${datastore?.namespace ?? 'kopru'}:${this.key}`, maxConcurrent: datastore ? this.limit : 1 })
    limiter.on('error', (error) => log.error('quota limiter error', { limiter: this.key, error: String(error?.message ?? error) }))
    if (datastore) {
      limiter.on('message', (message) => {
        const until = /^pause:(\d+)$/.exec(message)?.[1]
        if (until) this.pausedUntil = Math.max(this.pausedUntil, Number(until))
      })
    }
    this.limiterInstance = limiter
    return limiter
  }

  /** Stops a clustered limiter's heartbeat; a local limiter without jobs holds no timers. */
  retire(): Promise<void> {
    if (!this.env.datastore) return Promise.resolve()
    return Promise.resolve()
      .then(() => this.limiterInstance?.disconnect(false))
      .catch(() => {})
  }

  /** A free slot and nobody queued: no reason to go through Bottleneck's queue (several event-loop turns a job). */
  canTakeAtOnce(now: number): boolean {
    return !this.env.datastore && this.waiting === 0 && this.holds.size < this.limit && this.pausedUntil <= now
  }

  /** How long a request entering the queue now would wait, from what this process can see. */
  estimateWait(now: number): number {
    const pause = Math.max(0, this.pausedUntil - now)
    const free = this.limit - this.holds.size
    if (this.waiting < free) return pause
    const releases = [...this.holds].map((hold) => hold.until).sort((a, b) => a - b)
    const index = this.waiting - Math.max(0, free)
    const round = Math.floor(index / this.limit)
    const release = releases[index % this.limit] ?? now
    return Math.max(pause, release - now + round * (this.intervalMs + this.env.safetyMs(this.intervalMs)))
  }

  /** Joins the queue; returns how many of this tenant's requests were already waiting (its priority). */
  enqueue(tenantId: string): number {
    const before = this.waitingByTenant.get(tenantId) ?? 0
    this.waitingByTenant.set(tenantId, before + 1)
    this.waiting++
    return before
  }

  leaveQueue(tenantId: string) {
    this.waiting--
    const left = (this.waitingByTenant.get(tenantId) ?? 1) - 1
    if (left <= 0) this.waitingByTenant.delete(tenantId)
    else this.waitingByTenant.set(tenantId, left)
  }

  /** Takes a slot: held until one window after the answer (or freed at once when nothing was sent). */
  grant(done: () => void, enqueued: number): QuotaSlot {
    const hold = { until: Date.now() + this.intervalMs }
    this.holds.add(hold)
    let released = false
    const free = () => {
      this.holds.delete(hold)
      done()
      while (this.gate.length > 0 && this.holds.size < this.limit) this.gate.shift()!()
      this.env.onIdle(this)
    }
    return {
      key: this.key,
      waitedMs: Date.now() - enqueued,
      release: (sent) => {
        if (released) return
        released = true
        if (!sent) return free()
        const window = this.intervalMs + this.env.safetyMs(this.intervalMs)
        hold.until = Date.now() + window
        setTimeout(free, window)
      },
    }
  }

  /** Applies what the provider said about its quota (a pause, a lower rate). */
  observe(feedback: QuotaFeedback) {
    const { metrics, log, datastore } = this.env
    const where = { provider: this.provider, group: this.group }
    if (feedback.pauseUntil && feedback.pauseUntil > this.pausedUntil) {
      this.pausedUntil = feedback.pauseUntil
      metrics.quotaPauses.inc(where)
      log.warn('provider quota paused', { ...where, ms: feedback.pauseUntil - Date.now() })
      if (datastore) this.limiter().publish(`pause:${feedback.pauseUntil}`).catch(() => {})
    }
    if (feedback.ratePerSecond) {
      const granted = Math.max(1, Math.floor((feedback.ratePerSecond * this.intervalMs) / 1000))
      if (granted < this.limit) {
        this.limit = granted
        if (datastore) this.limiter().updateSettings({ maxConcurrent: granted })
        log.info('provider quota lowered to what the provider reports', { ...where, limit: granted })
      }
    }
  }

  rateLimited(ticket: QuotaTicket, waitMs: number, why: string): KopruError {
    this.env.metrics.quotaRejections.inc({ provider: ticket.provider, group: ticket.quota.group })
    const seconds = Math.max(1, Math.ceil(waitMs / 1000))
    return new KopruError('rate_limited', `${why}; the ${ticket.quota.group} quota (${ticket.quota.limit} per ${ticket.quota.intervalMs / 1000} s) frees up in about ${seconds} s`, {
      provider: { id: ticket.provider },
      headers: { 'Retry-After': String(seconds) },
    })
  }
}
