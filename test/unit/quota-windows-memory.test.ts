/**
 * Memory of the in-process quota windows (src/core/quotas/limiters.ts): a window that is idle and learnt nothing
 * from the provider is dropped as soon as its last slot frees, so connections used once do not keep one each.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createMetrics } from '../../src/core/metrics.js'
import { createQuotaLimiters } from '../../src/core/quotas/limiters.js'
import type { QuotaTicket } from '../../src/core/quotas/window.js'

const log = createLogger({ level: 'silent' })
const ticket = (scopeKey: string): QuotaTicket => ({
  provider: 'acme',
  quota: { group: 'orders', limit: 2, intervalMs: 1000, scope: 'credential' },
  scopeKey,
  tenantId: 'ten_a',
  deadline: Date.now() + 60_000,
})

describe('quota windows of connections used once', () => {
  afterEach(() => vi.useRealTimers())

  it('drop an idle window when its slot frees: at once if nothing was sent, one window after the answer if it was', async () => {
    vi.useFakeTimers()
    const limiters = createQuotaLimiters({ metrics: createMetrics(), log })
    const unsent = await limiters.acquire(ticket('seller-1'))
    expect(limiters.size()).toBe(1)
    unsent.release(false)
    expect(limiters.size()).toBe(0)

    const sent = await limiters.acquire(ticket('seller-2'))
    sent.release(true)
    // The slot stays held for the provider's window (plus the safety margin): the window is kept meanwhile.
    await vi.advanceTimersByTimeAsync(500)
    expect(limiters.size()).toBe(1)
    await vi.advanceTimersByTimeAsync(600)
    expect(limiters.size()).toBe(0)
    await limiters.close()
  })

  it('keep a window whose limit the provider lowered, and count a dropped window again from zero', async () => {
    vi.useFakeTimers()
    const limiters = createQuotaLimiters({ metrics: createMetrics(), log })
    const slot = await limiters.acquire(ticket('seller-3'))
    limiters.observe(slot.key, { ratePerSecond: 1 })
    slot.release(false)
    expect(limiters.size()).toBe(1)

    // seller-4 used both its slots; they free one window later and the next two go at once again.
    const first = await Promise.all([limiters.acquire(ticket('seller-4')), limiters.acquire(ticket('seller-4'))])
    for (const s of first) s.release(true)
    await vi.advanceTimersByTimeAsync(1100)
    expect(limiters.size()).toBe(1)
    const again = await Promise.all([limiters.acquire(ticket('seller-4')), limiters.acquire(ticket('seller-4'))])
    expect(again.map((s) => s.waitedMs)).toEqual([0, 0])
    await limiters.close()
  })
})
