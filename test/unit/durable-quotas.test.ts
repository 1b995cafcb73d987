import { describe, expect, it } from 'vitest'
import { KopruError } from '../../src/core/errors.js'
import { createMetrics } from '../../src/core/metrics.js'
import type { QuotaTicket } from '../../src/core/quotas/store.js'
import { createDurableObjectQuotas, type DurableObjectNamespaceLike } from '../../src/edge/durable-quotas.js'
import { QuotaWindow } from '../../src/edge/quota-window.js'

/** A namespace as workerd gives it: one object per name, reached only through `fetch`. */
function namespace(): DurableObjectNamespaceLike & { objects: Map<string, QuotaWindow> } {
  const objects = new Map<string, QuotaWindow>()
  return {
    objects,
    idFromName: (name) => name,
    get(id) {
      const name = id as string
      if (!objects.has(name)) objects.set(name, new QuotaWindow())
      const object = objects.get(name)!
      return { fetch: (input, init) => object.fetch(new Request(input, init)) }
    },
  }
}

function store() {
  const pending: Promise<unknown>[] = []
  const ns = namespace()
  const quotas = createDurableObjectQuotas({ namespace: ns, metrics: createMetrics(), background: (p) => void pending.push(p), maxHoldMs: 5_000 })
  return { quotas, ns, settle: () => Promise.all(pending) }
}

const ticket = (deadlineMs: number, limit = 2): QuotaTicket => ({
  provider: 'trendyol',
  scopeKey: 'abc123',
  tenantId: 'ten_1',
  quota: { group: 'orders', limit, intervalMs: 60_000, scope: 'credential' },
  deadline: Date.now() + deadlineMs,
})

async function rejection(promise: Promise<unknown>): Promise<KopruError> {
  try {
    await promise
  } catch (error) {
    return error as KopruError
  }
  throw new Error('expected a rejection')
}

describe('quota windows in a Durable Object', () => {
  it('hands out the window, then answers rate_limited at once when the wait budget cannot be met', async () => {
    const { quotas, ns } = store()
    const a = await quotas.acquire(ticket(1000))
    await quotas.acquire(ticket(1000))
    expect(a.key).toBe('trendyol:abc123:orders')
    expect([...ns.objects.keys()]).toEqual(['trendyol:abc123:orders'])
    const error = await rejection(quotas.acquire(ticket(1000)))
    expect(error).toBeInstanceOf(KopruError)
    expect(error.code).toBe('rate_limited')
    expect(Number(error.headers?.['Retry-After'])).toBeGreaterThanOrEqual(59)
  })

  it('a slot released without sending is free again for the next isolate', async () => {
    const { quotas, settle } = store()
    const first = await quotas.acquire(ticket(1000, 1))
    first.release(false)
    await settle()
    const second = await quotas.acquire(ticket(1000, 1))
    expect(second.waitedMs).toBeLessThan(1000)
  })

  it("applies the provider's Retry-After feedback to every isolate's next request", async () => {
    const { quotas, settle } = store()
    const slot = await quotas.acquire(ticket(1000, 5))
    quotas.observe(slot.key, { pauseUntil: Date.now() + 30_000 })
    await settle()
    const error = await rejection(quotas.acquire(ticket(1000, 5)))
    expect(error.code).toBe('rate_limited')
  })

  it('an unreadable answer from the object is a retryable 503, never a 500', async () => {
    const broken: DurableObjectNamespaceLike = { idFromName: (name) => name, get: () => ({ fetch: async () => Response.json({ nope: true }) }) }
    const quotas = createDurableObjectQuotas({ namespace: broken, metrics: createMetrics(), background: () => {}, maxHoldMs: 5_000 })
    const error = await rejection(quotas.acquire(ticket(1000)))
    expect([error.code, error.status, error.retryable]).toEqual(['provider_unavailable', 503, true])
    const object = new QuotaWindow()
    expect((await object.fetch(new Request('https://quota.kopru/acquire', { method: 'POST', body: '{"limit":-1}' }))).status).toBe(400)
  })
})
