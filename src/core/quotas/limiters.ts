import { LRUCache } from 'lru-cache'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import { acquireSlot, type AcquireEnvironment } from './acquire.js'
import { createCostBuckets, createMemoryCostStore } from './cost.js'
import type { QuotaFeedback } from './feedback.js'
import { quotaKey, type QuotaStore, type QuotaUsage } from './store.js'
import { SlidingWindow, type QuotaDatastore, type QuotaTicket, type WindowEnvironment } from './window.js'

export type { QuotaDatastore, QuotaSlot, QuotaTicket } from './window.js'

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
  /**
   * Hands a waiter a slot whose window ends within this many ms, with `notBefore` = that end, so the holder can be
   * on its way when it ends (the Durable Object: the answer's trip to the isolate is off the critical path). 0: never.
   */
  grantAheadMs?: number
}

/**
 * One sliding window (window.ts) per (provider, scope, group), created on first use and dropped when idle;
 * busy windows are kept draining until idle (their history is the quota).
 */
export function createQuotaLimiters(options: QuotaLimitersOptions): QuotaStore & { size(): number } {
  const { metrics, log, datastore } = options
  const idleMs = options.idleMs ?? 60_000
  const safetyMs = options.safetyMs ?? ((intervalMs: number) => Math.min(250, Math.ceil(intervalMs * 0.02)))
  const draining = new Map<string, SlidingWindow>()
  const cache = new LRUCache<string, SlidingWindow>({
    max: options.maxLimiters ?? 20_000,
    ttl: idleMs,
    updateAgeOnGet: true,
    dispose(window, key, reason) {
      if (reason === 'set') return
      if (window.busy()) draining.set(key, window)
      else void window.retire()
    },
  })
  // A window whose last slot freed and that learnt nothing is dropped at once: with many connections each used
  // now and then, keeping them all for `idleMs` was most of the quota memory (bench/RESULTS.md, memory).
  const onIdle = (window: SlidingWindow) => {
    if (draining.get(window.key) === window && !window.busy()) {
      draining.delete(window.key)
      void window.retire()
    } else if (window.forgettable() && cache.peek(window.key) === window) {
      cache.delete(window.key)
    }
  }
  const env: WindowEnvironment = { metrics, log, datastore, safetyMs, grantAheadMs: options.grantAheadMs, onIdle }
  const acquireEnv: AcquireEnvironment = { metrics, log, maxHoldMs: options.maxHoldMs ?? 60_000, onIdle }
  let lastPurge = Date.now()

  function windowFor(ticket: QuotaTicket): SlidingWindow {
    const key = quotaKey(ticket)
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
    const window = new SlidingWindow(key, ticket, env)
    cache.set(key, window)
    return window
  }

  metrics.registry.collect(() => collectQueueDepth(metrics, [...cache.values(), ...draining.values()]))

  return {
    acquire: (ticket: QuotaTicket) => acquireSlot(windowFor(ticket), ticket, acquireEnv),
    /** Applies what the provider said about its quota to the group the request counted against. */
    observe(key: string, feedback: QuotaFeedback) {
      ;(cache.get(key) ?? draining.get(key))?.observe(feedback)
    },
    usage: async (key: string) => {
      const window = cache.peek(key) ?? draining.get(key)
      return window ? usageOf(window) : undefined
    },
    costs: createCostBuckets({ store: datastore?.costs ?? createMemoryCostStore(), metrics }),
    size: () => cache.size + draining.size,
    async close() {
      const windows = [...cache.values(), ...draining.values()]
      cache.clear()
      draining.clear()
      await Promise.all(windows.map((window) => window.retire()))
    },
  }
}

/** Clustered, Bottleneck counts the slots held by every process; locally, this process's holds are the window. */
async function usageOf(window: SlidingWindow): Promise<QuotaUsage> {
  const used = window.clustered ? await window.limiter().running().catch(() => window.held(Date.now())) : window.held(Date.now())
  return { used, limit: window.limit, intervalMs: window.intervalMs, waiting: window.waiting, pausedUntil: window.pausedUntil > Date.now() ? window.pausedUntil : 0 }
}

function collectQueueDepth(metrics: GatewayMetrics, windows: SlidingWindow[]) {
  metrics.quotaQueueDepth.reset()
  const depth = new Map<string, { provider: string; group: string; value: number }>()
  for (const window of windows) {
    const id = `${window.provider}\u0001${window.group}`
    const row = depth.get(id) ?? { provider: window.provider, group: window.group, value: 0 }
    row.value += window.waiting
    depth.set(id, row)
  }
  for (const row of depth.values()) metrics.quotaQueueDepth.set({ provider: row.provider, group: row.group }, row.value)
}

export type QuotaLimiters = ReturnType<typeof createQuotaLimiters>
