import { createCostBuckets, createMemoryCostStore } from '../core/quotas/cost.js'
import { KopruError } from '../core/errors.js'
import type { GatewayMetrics } from '../core/metrics.js'
import { quotaKey, type QuotaSlot, type QuotaStore, type QuotaTicket } from '../core/quotas/store.js'
import { acquiredAnswer } from './quota-window.js'

/** The part of a Durable Object namespace binding kopru uses (fetch-style stubs work on every compatibility date). */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> }
}

export interface DurableObjectQuotasOptions {
  namespace: DurableObjectNamespaceLike
  metrics: GatewayMetrics
  /** Keeps a fire-and-forget call alive past the response (the invocation's `ctx.waitUntil`). */
  background(promise: Promise<unknown>): void
  /** Longest a slot may be held before the object counts it as sent (request timeout and then some). */
  maxHoldMs: number
}

const unavailable = (cause?: unknown) =>
  new KopruError('provider_unavailable', 'the quota store (Durable Object) did not answer; the provider was not called', { cause })

/** Quota windows in Durable Objects: every isolate of the deployment takes its slots from the same object. */
export function createDurableObjectQuotas({ namespace, metrics, background, maxHoldMs }: DurableObjectQuotasOptions): QuotaStore {
  const stubOf = (key: string) => namespace.get(namespace.idFromName(key))
  const post = (key: string, action: string, body: unknown) =>
    stubOf(key).fetch(`https://quota.kopru${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  async function acquire(ticket: QuotaTicket): Promise<QuotaSlot> {
    const key = quotaKey(ticket)
    const labels = { provider: ticket.provider, group: ticket.quota.group }
    let answer: unknown
    try {
      const response = await post(key, '/acquire', {
        provider: ticket.provider,
        scope_key: ticket.scopeKey,
        group: ticket.quota.group,
        limit: ticket.quota.limit,
        interval_ms: ticket.quota.intervalMs,
        scope: ticket.quota.scope,
        tenant_id: ticket.tenantId,
        deadline: ticket.deadline,
        max_hold_ms: maxHoldMs,
      })
      answer = await response.json()
    } catch (error) {
      throw unavailable(error)
    }
    const parsed = acquiredAnswer.safeParse(answer)
    if (!parsed.success) throw unavailable()
    if ('rejected' in parsed.data) {
      metrics.quotaRejections.inc(labels)
      throw new KopruError('rate_limited', parsed.data.rejected.detail, {
        provider: { id: ticket.provider },
        headers: { 'Retry-After': parsed.data.rejected.retry_after },
      })
    }
    const { slot, waited_ms, not_before } = parsed.data
    // Granted ahead of its window's end: leave at that end (the object's clock; ours is synchronised with it).
    const early = (not_before ?? 0) - Date.now()
    if (early > 0) await new Promise((resolve) => setTimeout(resolve, early))
    const waitedMs = waited_ms + Math.max(0, early)
    metrics.quotaWait.observe(labels, waitedMs / 1000)
    let released = false
    return {
      key,
      waitedMs,
      release(sent) {
        if (released) return
        released = true
        // When the answer arrived here: the object hears of it one trip later, and the window starts at the answer.
        background(post(key, '/release', { slot, sent, answered_at: Date.now() }))
      },
    }
  }

  return {
    acquire,
    // Cost buckets stay per isolate at the edge (docs/edge.md): resynced from each answer's throttleStatus.
    costs: createCostBuckets({ store: createMemoryCostStore(), metrics }),
    observe(key, feedback) {
      if (!feedback.pauseUntil && !feedback.ratePerSecond) return
      background(post(key, '/observe', { pause_until: feedback.pauseUntil, rate_per_second: feedback.ratePerSecond }))
    },
    close: async () => {},
  }
}
