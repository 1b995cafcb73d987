/**
 * When a held quota slot frees (src/core/quotas/window.ts): exactly one window (plus the safety margin) after the
 * answer, read from the timestamps — a timer that is late under CPU load delays nobody — and, in the Durable
 * Object, handed to a waiter ahead of time with the instant it may leave (`not_before`), never earlier.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createMetrics } from '../../src/core/metrics.js'
import { createQuotaLimiters } from '../../src/core/quotas/limiters.js'
import { MinHeap } from '../../src/core/quotas/min-heap.js'
import { quotaKey } from '../../src/core/quotas/store.js'
import type { QuotaTicket } from '../../src/core/quotas/window.js'
import { GRANT_AHEAD_MS, QuotaWindow } from '../../src/edge/quota-window.js'

const log = createLogger({ level: 'silent' })
const ticket = (limit = 1): QuotaTicket => ({
  provider: 'acme',
  quota: { group: 'orders', limit, intervalMs: 1000, scope: 'credential' },
  scopeKey: 'seller-1',
  tenantId: 'ten_a',
  deadline: Date.now() + 60_000,
})
/** 1 s window + 2 % safety margin. */
const HELD_MS = 1020

describe('quota slot release timing', () => {
  afterEach(() => vi.useRealTimers())

  it('frees a slot at its window end by the clock, even when no timer has fired yet', async () => {
    vi.useFakeTimers()
    const limiters = createQuotaLimiters({ metrics: createMetrics(), log })
    const slot = await limiters.acquire(ticket())
    slot.release(true)
    // The clock moves past the window's end, but no timer runs (a loaded event loop): the slot is free all the same.
    vi.setSystemTime(Date.now() + HELD_MS)
    const next = await limiters.acquire(ticket())
    expect(next.waitedMs).toBe(0)
    await limiters.close()
  })

  it('frees each of many held slots at its own window end, whatever order the answers came in', async () => {
    vi.useFakeTimers()
    const limiters = createQuotaLimiters({ metrics: createMetrics(), log })
    const start = Date.now()
    const slots = [await limiters.acquire(ticket(3)), await limiters.acquire(ticket(3)), await limiters.acquire(ticket(3))]
    vi.setSystemTime(start + 300)
    // Answers heard now, in the order 300, 100, 200 ms after the grant (a Durable Object hears of them late).
    slots[0]!.release(true)
    slots[1]!.release(true, start + 100)
    slots[2]!.release(true, start + 200)
    const used = async (at: number) => {
      vi.setSystemTime(start + at)
      return (await limiters.usage!(quotaKey(ticket(3))))?.used
    }
    // No timer runs: each slot frees by the clock alone, exactly one window (+ margin) after its own answer.
    expect([await used(100 + HELD_MS - 1), await used(100 + HELD_MS), await used(200 + HELD_MS), await used(300 + HELD_MS - 1), await used(300 + HELD_MS)]).toEqual([3, 2, 1, 1, 0])
    await limiters.close()
  })

  it('keeps its answered holds soonest first (the min-heap under the window)', () => {
    const heap = new MinHeap<number>((n) => n)
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1009)
    for (const value of values) heap.push(value)
    const out: number[] = []
    while (heap.size > 0) out.push(heap.pop()!)
    expect(out).toEqual([...values].sort((a, b) => a - b))
  })

  it('hands a queued request its slot ahead, to leave exactly at the window end; never before', async () => {
    vi.useFakeTimers()
    const limiters = createQuotaLimiters({ metrics: createMetrics(), log, grantAheadMs: 200 })
    const first = await limiters.acquire(ticket())
    const queued = limiters.acquire(ticket())
    await vi.advanceTimersByTimeAsync(100)
    const answeredAt = Date.now() - 50 // the holder says the answer arrived 50 ms before it told us
    first.release(true, answeredAt)
    await vi.advanceTimersByTimeAsync(HELD_MS - 50 - 200)
    const second = await queued
    expect(second.notBefore).toBe(answeredAt + HELD_MS)
    await limiters.close()
  })

  it('in the Durable Object: the window runs from the answer at the isolate, and a waiter gets its slot ahead with not_before', async () => {
    vi.useFakeTimers()
    const object = new QuotaWindow()
    const post = async (action: string, body: unknown) =>
      (await object.fetch(new Request(`https://quota.kopru${action}`, { method: 'POST', body: JSON.stringify(body) }))).json() as Promise<Record<string, any>>
    const acquire = { provider: 'acme', scope_key: 'seller-1', group: 'orders', limit: 1, interval_ms: 1000, scope: 'credential', tenant_id: 'ten_a', deadline: Date.now() + 60_000, max_hold_ms: 30_000 }
    const start = Date.now()
    const first = await post('/acquire', acquire)
    const waiting = post('/acquire', acquire)
    await vi.advanceTimersByTimeAsync(300)
    // The answer reached the isolate at +100; its release message arrives at +300.
    await post('/release', { slot: first.slot, sent: true, answered_at: start + 100 })
    await vi.advanceTimersByTimeAsync(100 + HELD_MS - 300 - GRANT_AHEAD_MS)
    const second = await waiting
    expect(second.not_before).toBe(start + 100 + HELD_MS)
    // An answer time from before the grant (a skewed clock) is not believed: the window then runs from the grant.
    const third = post('/acquire', acquire)
    await post('/release', { slot: second.slot, sent: true, answered_at: 0 })
    await vi.advanceTimersByTimeAsync(HELD_MS)
    expect((await third).not_before ?? Date.now()).toBeGreaterThanOrEqual(second.not_before + HELD_MS)
  })
})
