/**
 * When a held quota slot frees (src/core/quotas/window.ts): exactly one window (plus the safety margin) after the
 * answer, read from the timestamps — a timer that is late under CPU load delays nobody — and, in the Durable
 * Object, handed to a waiter ahead of time with the instant it may leave (`not_before`), never earlier.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createMetrics } from '../../src/core/metrics.js'
import { createQuotaLimiters } from '../../src/core/quotas/limiters.js'
import type { QuotaTicket } from '../../src/core/quotas/window.js'
import { createDurableObjectQuotas, type DurableObjectNamespaceLike } from '../../src/edge/durable-quotas.js'
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

  it('hands a queued request its slot ahead, to leave exactly at the window end; never before', async () => {
    vi.useFakeTimers()
    const limiters = createQuotaLimiters({ metrics: createMetrics(), log, grantAheadMs: 200 })
    const first = await limiters.acquire(ticket())
    const queued = limiters.acquire(ticket())
    const answeredAt = Date.now()
    first.release(true, answeredAt - 50) // the holder says the answer arrived 50 ms before it told us
    await vi.advanceTimersByTimeAsync(HELD_MS - 50 - 200)
    const second = await queued
    expect(second.notBefore).toBe(answeredAt - 50 + HELD_MS)
    await limiters.close()
  })

  it('in the Durable Object: an isolate waiting for a slot leaves at the window end, timed from its answer', async () => {
    const objects = new Map<string, QuotaWindow>()
    const ns: DurableObjectNamespaceLike = {
      idFromName: (name) => name,
      get(id) {
        const object = objects.get(id as string) ?? new QuotaWindow()
        objects.set(id as string, object)
        return { fetch: (input, init) => object.fetch(new Request(input, init)) }
      },
    }
    const pending: Promise<unknown>[] = []
    const quotas = createDurableObjectQuotas({ namespace: ns, metrics: createMetrics(), background: (p) => void pending.push(p), maxHoldMs: 5_000 })
    const first = await quotas.acquire(ticket())
    const waiting = quotas.acquire(ticket())
    const answered = Date.now()
    first.release(true)
    await Promise.all(pending)
    const second = await waiting
    const left = Date.now()
    // Not before one window after the answer (the object's safety margin), and not held for the message's trip.
    expect(left).toBeGreaterThanOrEqual(answered + HELD_MS)
    expect(second.waitedMs).toBeGreaterThanOrEqual(HELD_MS)
    expect(GRANT_AHEAD_MS).toBeGreaterThan(0)
  })
})
