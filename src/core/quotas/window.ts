import type { CostStore } from './cost.js'
import Bottleneck from 'bottleneck'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { QuotaDefinition } from '../provider-kit/types.js'
import type { QuotaFeedback } from './feedback.js'
import { MinHeap } from './min-heap.js'

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
  /** Granted ahead of time (`grantAheadMs`): the request may leave at this instant (epoch ms), not before. */
  notBefore?: number
  /**
   * Frees the slot: `sent` slots stay taken for the provider's window after the answer arrived — at `answeredAt`
   * when the holder says when (a Durable Object hears of the answer later than it arrived), else now.
   */
  release(sent: boolean, answeredAt?: number): void
}

/** What every window of one limiter set shares. */
export interface WindowEnvironment {
  metrics: GatewayMetrics
  log: Logger
  datastore?: QuotaDatastore
  /** Extra spacing after the provider's window, for providers' coarse clocks. */
  safetyMs(intervalMs: number): number
  /** A slot whose window ends within this many ms may be handed out now, to leave at that end (`notBefore`). */
  grantAheadMs?: number
  /** Called when a window may have become idle (its owner may retire it). */
  onIdle(window: SlidingWindow): void
}

/** A held slot: `until` is exact once the answer arrived (`answered`), an estimate while the call is out. */
interface Hold {
  until: number
  answered: boolean
  /** Tells the store the slot is free (clustered: Bottleneck's job ends; locally nothing). */
  done(): void
}

/** A request queued locally: lower `priority` first (its tenant's backlog when it came), then arrival order. */
export interface LocalWaiter {
  priority: number
  /** `at`: when the slot is free (now, or the end of a window granted ahead). */
  take(at: number): void
}

/**
 * One quota group of one provider scope as a sliding window of `limit` slots: a request holds its slot from the
 * moment it leaves until one full window after its answer arrived, so two requests through the same slot reach
 * the provider more than a window apart and no window of the provider's ever sees more than `limit`.
 * Locally a slot is free from its `until` instant on, read from the timestamps whenever a slot is wanted; timers
 * only wake the queue (a late timer under CPU load delays nobody who asks meanwhile). The queue is kept here:
 * fair by priority, and every slot that is free goes out in one pass. Clustered (Redis), Bottleneck's
 * `maxConcurrent = limit` counts the held slots across processes and a timer ends the job at `until`.
 */
export class SlidingWindow {
  readonly provider: string
  readonly group: string
  limit: number
  private readonly initialLimit: number
  readonly intervalMs: number
  /** Clustered mode only: the shared count of held slots and the queue across processes. */
  private limiterInstance: Bottleneck | undefined
  pausedUntil = 0
  waiting = 0
  private readonly waitingByTenant = new Map<string, number>()
  /** Release instants of the slots this process holds (exact once answered). */
  private readonly holds = new Set<Hold>()
  /**
   * Local mode: the answered holds, soonest free first. An entry may already be free (its timer fired first); it is
   * dropped when it reaches the top. Keeps `held()` from walking every hold on every check (bench/RESULTS.md).
   */
  private readonly expiring = new MinHeap<Hold>((hold) => hold.until)
  /** Local mode: the requests waiting for a slot. */
  private readonly queue: LocalWaiter[] = []

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
    return this.waiting > 0 || this.held(Date.now()) > 0 || this.pausedUntil > Date.now()
  }

  /** The slots held at `now`: locally, answered holds whose window has passed are free whether or not their timer fired. */
  held(now: number): number {
    if (!this.clustered) {
      for (let top = this.expiring.peek(); top && top.until <= now; top = this.expiring.peek()) this.free(this.expiring.pop()!)
    }
    return this.holds.size
  }

  /** Local mode: the answered hold that frees soonest and is still held. */
  private soonestAnswered(): Hold | undefined {
    let top = this.expiring.peek()
    while (top && !this.holds.has(top)) {
      this.expiring.pop()
      top = this.expiring.peek()
    }
    return top
  }

  private free(hold: Hold) {
    if (!this.holds.delete(hold)) return
    hold.done()
  }

  /** Local mode: when a slot can be claimed — now, or (granting ahead) the end of the window ending soonest. */
  private claim(now: number): number | undefined {
    if (this.held(now) < this.limit) return now
    const ahead = this.env.grantAheadMs ?? 0
    if (ahead <= 0) return undefined
    const soonest = this.soonestAnswered()
    if (!soonest || soonest.until > now + ahead) return undefined
    this.expiring.pop()
    this.free(soonest)
    return soonest.until
  }

  /** Local mode: hands every free slot to the best waiters, in one pass. */
  private drain() {
    while (this.queue.length > 0) {
      const at = this.claim(Date.now())
      if (at === undefined) return
      let best = 0
      for (let i = 1; i < this.queue.length; i++) if (this.queue[i]!.priority < this.queue[best]!.priority) best = i
      this.queue.splice(best, 1)[0]!.take(at)
    }
  }

  /** Local mode: waits for a slot (`take` is called once one is free; it must call `grant`). */
  wait(waiter: LocalWaiter) {
    this.queue.push(waiter)
    this.drain()
  }

  /** Local mode: takes a waiter out of the queue (its budget ran out); false when it already got its slot. */
  abandon(waiter: LocalWaiter): boolean {
    const index = this.queue.indexOf(waiter)
    if (index < 0) return false
    this.queue.splice(index, 1)
    return true
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
    const limiter = new Bottleneck({ ...datastore?.options, id: `${datastore?.namespace ?? 'kopru'}:${this.key}`, maxConcurrent: this.limit })
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

  /** A free slot and nobody queued: take it now. */
  canTakeAtOnce(now: number): boolean {
    return !this.env.datastore && this.waiting === 0 && this.pausedUntil <= now && this.held(now) < this.limit
  }

  /** How long a request entering the queue now would wait, from what this process can see. */
  estimateWait(now: number): number {
    const pause = Math.max(0, this.pausedUntil - now)
    const free = this.limit - this.held(now)
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
  grant(done: () => void, enqueued: number, at = Date.now()): QuotaSlot {
    const hold: Hold = { until: at + this.intervalMs, answered: false, done }
    this.holds.add(hold)
    let released = false
    const expire = () => {
      this.free(hold)
      this.drain()
      this.env.onIdle(this)
    }
    // Locally the timestamp frees the slot and the timer only wakes the queue (early by `grantAheadMs`, then again
    // at the end if nobody claimed it); clustered, the timer ends Bottleneck's job.
    const wake = () => {
      if (this.clustered || hold.until <= Date.now()) this.free(hold)
      this.drain()
      if (this.holds.has(hold)) return void setTimeout(wake, Math.max(0, hold.until - Date.now()))
      this.env.onIdle(this)
    }
    return {
      key: this.key,
      waitedMs: Date.now() - enqueued,
      ...(at > Date.now() ? { notBefore: at } : {}),
      release: (sent, answeredAt) => {
        if (released) return
        released = true
        if (!sent) return expire()
        const now = Date.now()
        // An answer time is believed between the grant (`at`) and now: never later, never before the slot could leave.
        hold.until = Math.max(at, Math.min(answeredAt ?? now, now)) + this.intervalMs + this.env.safetyMs(this.intervalMs)
        hold.answered = true
        if (!this.clustered) this.expiring.push(hold)
        const ahead = this.clustered ? 0 : (this.env.grantAheadMs ?? 0)
        setTimeout(wake, Math.max(0, hold.until - ahead - now))
        // Any event looks at the timestamps: slots whose window passed while their timer is late go out now.
        this.drain()
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
