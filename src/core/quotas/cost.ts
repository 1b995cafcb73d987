import { KopruError } from '../errors.js'
import type { GatewayMetrics } from '../metrics.js'
import type { CostFeedback, QuotaDefinition } from '../provider-kit/types.js'

/**
 * A cost-based quota (Shopify's GraphQL Admin API, see shopify.dev "GraphQL Admin API rate limits"): a bucket
 * of `capacity` points refilled at `restorePerSecond`; a query may start only when the bucket holds its
 * *requested* cost, and the provider charges its *actual* cost afterwards. kopru keeps its own copy of the
 * bucket: the requested cost is taken before the call, (requested − actual) is given back from the answer,
 * and the provider's own reading of the bucket (`currentlyAvailable`) resyncs the estimate (minus what
 * kopru still holds for calls in flight) the first time and whenever it shows less than kopru believes.
 */
export interface CostBucketSpec {
  capacity: number
  restorePerSecond: number
}

export type CostTake = { ok: true } | { ok: false; waitMs: number }

export interface CostSettlement {
  /** What the take reserved. */
  reserved: number
  /** What the provider charged (0 when nothing reached it); unknown: the reservation is kept as charged. */
  actual?: number
  /** The provider's reading of its bucket after the call. */
  available?: number
  /** The bucket the provider reports (plans differ: Standard 100/s, Plus 1000/s). */
  spec?: CostBucketSpec
}

/** Where buckets live: memory (one process) or Redis (src/node/redis-quotas.ts, shared by instances). */
export interface CostStore {
  /** Shared stores: refunds settled by other processes wake nobody here, so waiters look again this often. */
  pollMs?: number
  take(key: string, cost: number, spec: CostBucketSpec): Promise<CostTake>
  settle(key: string, settlement: CostSettlement): Promise<void>
}

interface BucketState {
  available: number
  at: number
  /** Points taken for calls not yet answered. */
  held: number
  spec: CostBucketSpec
  /** Until the provider has reported its bucket, the declared figures are a guess: one call at a time. */
  synced: boolean
}

/** How often an unsynced bucket is asked again while its first call is out. */
export const UNSYNCED_RETRY_MS = 25

/** The arithmetic both stores apply (the Redis store runs the same steps in Lua). */
function refill(state: BucketState, now: number) {
  const gained = (Math.max(0, now - state.at) / 1000) * state.spec.restorePerSecond
  state.available = Math.min(state.spec.capacity, state.available + gained)
  state.at = now
}

export function createMemoryCostStore(now: () => number = Date.now): CostStore {
  const buckets = new Map<string, BucketState>()
  const stateOf = (key: string, spec: CostBucketSpec) => {
    let state = buckets.get(key)
    if (!state) buckets.set(key, (state = { available: spec.capacity, at: now(), held: 0, spec, synced: false }))
    refill(state, now())
    return state
  }
  return {
    async take(key, cost, spec) {
      const state = stateOf(key, spec)
      if (!state.synced && state.held > 0) return { ok: false, waitMs: UNSYNCED_RETRY_MS }
      if (state.available >= cost) {
        state.available -= cost
        state.held += cost
        return { ok: true }
      }
      return { ok: false, waitMs: Math.max(1, Math.ceil(((cost - state.available) * 1000) / state.spec.restorePerSecond)) }
    },
    async settle(key, { reserved, actual, available, spec }) {
      const state = buckets.get(key)
      if (!state) return
      refill(state, now())
      state.held = Math.max(0, state.held - reserved)
      if (spec) state.spec = spec
      if (actual !== undefined) state.available += reserved - actual
      // The reading already counts some of the calls still held here (answered, not yet settled), so it only
      // replaces the estimate at first sight or when it is below the estimate even before those calls.
      if (available !== undefined && (!state.synced || available < state.available)) {
        state.available = available - state.held
        state.synced = true
      }
      state.available = Math.min(state.spec.capacity, state.available)
      if (state.synced && state.held === 0 && state.available >= state.spec.capacity && !spec) buckets.delete(key)
    },
  }
}

export interface CostReservation {
  cost: number
  waitedMs: number
  /** After the answer: refunds (requested − actual) and resyncs from the provider's report. */
  settle(feedback: CostFeedback | undefined, sent: boolean): void
}

interface Waiter {
  cost: number
  deadline: number
  enqueued: number
  resolve(reservation: CostReservation): void
  reject(error: unknown): void
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * Per bucket, the requests of this process wait in arrival order and only the first asks the store, so a
 * cheap query never overtakes an expensive one forever; the first retries when the store says the points will
 * be there, or as soon as a refund arrives.
 */
export function createCostBuckets({ store, metrics }: { store: CostStore; metrics: GatewayMetrics }) {
  const queues = new Map<string, { waiters: Waiter[]; wake: (() => void) | undefined }>()

  function rateLimited(provider: string, quota: QuotaDefinition, waitMs: number, why: string) {
    metrics.quotaRejections.inc({ provider, group: quota.group })
    const seconds = Math.max(1, Math.ceil(waitMs / 1000))
    return new KopruError('rate_limited', `${why}; the ${quota.group} cost bucket frees up in about ${seconds} s`, {
      provider: { id: provider },
      headers: { 'Retry-After': String(seconds) },
    })
  }

  async function pump(key: string, provider: string, quota: QuotaDefinition & { cost: NonNullable<QuotaDefinition['cost']> }) {
    const queue = queues.get(key)!
    while (queue.waiters.length > 0) {
      const head = queue.waiters[0]!
      let taken: CostTake
      try {
        taken = await store.take(key, head.cost, quota.cost)
      } catch (error) {
        queue.waiters.shift()
        head.reject(new KopruError('internal', 'the quota store failed', { cause: error }))
        continue
      }
      if (taken.ok) {
        queue.waiters.shift()
        head.resolve(reservation(key, head))
        continue
      }
      if (Date.now() + taken.waitMs > head.deadline) {
        queue.waiters.shift()
        head.reject(rateLimited(provider, quota, taken.waitMs, 'the provider cost bucket cannot cover this request within its wait budget'))
        continue
      }
      await Promise.race([sleep(Math.min(taken.waitMs, store.pollMs ?? taken.waitMs)), new Promise<void>((resolve) => (queue.wake = resolve))])
      queue.wake = undefined
    }
    queues.delete(key)
  }

  function reservation(key: string, waiter: Waiter): CostReservation {
    const waitedMs = Date.now() - waiter.enqueued
    metrics.quotaWait.observe({ provider: key.split(':')[0]!, group: key.split(':').at(-1)! }, waitedMs / 1000)
    let settled = false
    return {
      cost: waiter.cost,
      waitedMs,
      settle(feedback, sent) {
        if (settled) return
        settled = true
        const actual = sent ? feedback?.actual : 0
        const spec = feedback?.capacity && feedback.restorePerSecond ? { capacity: feedback.capacity, restorePerSecond: feedback.restorePerSecond } : undefined
        void store
          .settle(key, { reserved: waiter.cost, actual, available: sent ? feedback?.available : undefined, spec })
          .catch(() => {})
          .then(() => queues.get(key)?.wake?.())
      },
    }
  }

  return {
    /** Takes `cost` points of the bucket before a call, waiting for them within the request's deadline. */
    reserve(ticket: { provider: string; quota: QuotaDefinition; scopeKey: string; cost: number; deadline: number }): Promise<CostReservation> {
      const { provider, quota, scopeKey, deadline } = ticket
      const spec = quota.cost!
      const key = `${provider}:${scopeKey}:${quota.group}`
      // A query dearer than the whole bucket could never run: it waits for a full bucket instead.
      const cost = Math.min(Math.max(0, ticket.cost), spec.capacity)
      return new Promise<CostReservation>((resolve, reject) => {
        const waiter: Waiter = { cost, deadline, enqueued: Date.now(), resolve, reject }
        const queue = queues.get(key)
        if (queue) return void queue.waiters.push(waiter)
        queues.set(key, { waiters: [waiter], wake: undefined })
        void pump(key, provider, { ...quota, cost: spec })
      })
    },
  }
}

export type CostBuckets = ReturnType<typeof createCostBuckets>
