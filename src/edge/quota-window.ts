import { z } from 'zod'
import { KopruError } from '../core/errors.js'
import { createLogger } from '../core/logger.js'
import { createMetrics } from '../core/metrics.js'
import { createQuotaLimiters } from '../core/quotas/limiters.js'
import type { QuotaSlot } from '../core/quotas/store.js'

/** What an isolate asks the quota object; the wire between kopru's own pieces is parsed all the same. */
export const acquireBody = z.object({
  provider: z.string(),
  scope_key: z.string(),
  group: z.string(),
  limit: z.number().int().positive(),
  interval_ms: z.number().int().positive(),
  scope: z.enum(['credential', 'app']),
  tenant_id: z.string(),
  deadline: z.number(),
  max_hold_ms: z.number().int().positive(),
})
export const releaseBody = z.object({ slot: z.string(), sent: z.boolean(), answered_at: z.number().optional() })
export const observeBody = z.object({ pause_until: z.number().optional(), rate_per_second: z.number().positive().optional() })

export const acquiredAnswer = z.union([
  z.object({ slot: z.string(), waited_ms: z.number(), not_before: z.number().optional() }),
  z.object({ rejected: z.object({ detail: z.string(), retry_after: z.string() }) }),
])

const json = (body: unknown, status = 200) => Response.json(body, { status })

/**
 * A waiter is handed a slot this long before its window ends, with `not_before` = that end: the answer's trip to
 * the isolate then overlaps the window instead of following it.
 */
export const GRANT_AHEAD_MS = 200

/**
 * The Durable Object holding one quota window (one object per provider, scope and group: `idFromName(key)`).
 * It runs the in-process limiter of src/core/quotas/limiters.ts, so the window, the queue with its fairness and
 * the wait budget behave exactly as on Node; every isolate's request takes its slot here. A slot whose holder
 * never reports back (isolate evicted mid-call) counts as sent after `max_hold_ms`.
 */
export class QuotaWindow {
  private readonly limiters = createQuotaLimiters({ metrics: createMetrics(), log: createLogger({ level: 'warn' }), grantAheadMs: GRANT_AHEAD_MS })
  private readonly slots = new Map<string, { slot: QuotaSlot; grantedAt: number; timer: ReturnType<typeof setTimeout> }>()
  private key = ''

  async fetch(request: Request): Promise<Response> {
    const action = new URL(request.url).pathname
    const body: unknown = await request.json().catch(() => null)
    if (action === '/acquire') return this.acquire(acquireBody.safeParse(body))
    if (action === '/release') {
      const parsed = releaseBody.safeParse(body)
      if (parsed.success) this.release(parsed.data.slot, parsed.data.sent, parsed.data.answered_at)
      return json({ ok: parsed.success }, parsed.success ? 200 : 400)
    }
    if (action === '/observe') {
      const parsed = observeBody.safeParse(body)
      if (parsed.success && this.key) {
        this.limiters.observe(this.key, { pauseUntil: parsed.data.pause_until, ratePerSecond: parsed.data.rate_per_second })
      }
      return json({ ok: parsed.success }, parsed.success ? 200 : 400)
    }
    return json({ error: 'unknown action' }, 404)
  }

  private async acquire(parsed: z.ZodSafeParseResult<z.infer<typeof acquireBody>>): Promise<Response> {
    if (!parsed.success) return json({ error: 'bad acquire body' }, 400)
    const t = parsed.data
    try {
      const slot = await this.limiters.acquire({
        provider: t.provider,
        scopeKey: t.scope_key,
        tenantId: t.tenant_id,
        deadline: t.deadline,
        quota: { group: t.group, limit: t.limit, intervalMs: t.interval_ms, scope: t.scope },
      })
      this.key = slot.key
      const id = crypto.randomUUID()
      const grantedAt = slot.notBefore ?? Date.now()
      this.slots.set(id, { slot, grantedAt, timer: setTimeout(() => this.release(id, true), grantedAt - Date.now() + t.max_hold_ms) })
      return json({ slot: id, waited_ms: slot.waitedMs, ...(slot.notBefore ? { not_before: slot.notBefore } : {}) })
    } catch (error) {
      if (!(error instanceof KopruError) || error.code !== 'rate_limited') throw error
      return json({ rejected: { detail: error.message, retry_after: error.headers?.['Retry-After'] ?? '1' } })
    }
  }

  /**
   * `answeredAt` is the isolate's clock when the answer arrived (the release message comes later); it is trusted
   * only between the grant and now, and the window's safety margin absorbs the skew of synchronised clocks.
   */
  private release(id: string, sent: boolean, answeredAt?: number) {
    const held = this.slots.get(id)
    if (!held) return
    this.slots.delete(id)
    clearTimeout(held.timer)
    held.slot.release(sent, answeredAt === undefined ? undefined : Math.max(held.grantedAt, answeredAt))
  }
}
