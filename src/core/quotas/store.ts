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
  /** Cost-based buckets (points restored per second, e.g. Shopify's GraphQL query cost; cost.ts). */
  costs: CostBuckets
  close(): Promise<void>
}

/** The limiter key of a ticket: one window per (provider, scope, group). */
export const quotaKey = (ticket: Pick<QuotaTicket, 'provider' | 'scopeKey' | 'quota'>) =>
  `${ticket.provider}:${ticket.scopeKey}:${ticket.quota.group}`
