import type { CostBuckets } from './cost.js'
import type { QuotaFeedback } from './feedback.js'
import type { QuotaSlot, QuotaTicket } from './limiters.js'

export type { QuotaSlot, QuotaTicket } from './limiters.js'

/**
 * Where a provider quota's window lives. Three implementations share the semantics of limiters.ts (sliding
 * window of held slots, feedback from `Retry-After` / rate-limit headers, wait budget then `rate_limited`):
 * - in-process: `createQuotaLimiters()` (one Node process, or one Worker isolate);
 * - Redis: `createQuotaLimiters({ datastore })` with Bottleneck clustering (src/node/redis-quotas.ts);
 * - Durable Object: `createDurableObjectQuotas()` (src/edge/durable-quotas.ts), one object per quota key,
 *   shared by every isolate of a Worker deployment.
 */
export interface QuotaStore {
  acquire(ticket: QuotaTicket): Promise<QuotaSlot>
  /** Applies what the provider said about its quota (`slot.key` names the group the request counted against). */
  observe(key: string, feedback: QuotaFeedback): void
  /**
   * What the window of `key` holds right now (slots taken in the current window, the limit in force, queue, pause),
   * or undefined when this store has no window for it (nothing sent lately). Optional: a store may not know.
   */
  usage?(key: string): Promise<QuotaUsage | undefined>
  /** Cost-based buckets (points restored per second, e.g. Shopify's GraphQL query cost; cost.ts). */
  costs: CostBuckets
  close(): Promise<void>
}

/** A snapshot of one quota window, for the console. */
export interface QuotaUsage {
  /** Slots taken in the current window (held until one window after their answer). */
  used: number
  /** The limit in force (lower than declared when the provider said so). */
  limit: number
  intervalMs: number
  /** Requests of this instance queued for a slot. */
  waiting: number
  /** Epoch ms until which the provider asked for a pause, or 0. */
  pausedUntil: number
}

/** The limiter key of a ticket: one window per (provider, scope, group). */
export const quotaKey = (ticket: Pick<QuotaTicket, 'provider' | 'scopeKey' | 'quota'>) =>
  `${ticket.provider}:${ticket.scopeKey}:${ticket.quota.group}`
