import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createMetrics } from '../../src/core/metrics.js'
import { readQuotaFeedback, retryAfterMs } from '../../src/core/quotas/feedback.js'
import { quotaScopeKey } from '../../src/core/quotas/scope.js'
import { createBreakers } from '../../src/core/resilience/breaker.js'
import { backoffMs, neverReachedProvider, retryableStatus } from '../../src/core/resilience/retry.js'

const now = Date.UTC(2026, 10, 28, 12, 0, 0)
const silent = createLogger({ level: 'silent' })

describe('provider quota feedback', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2', now)).toBe(2000)
    expect(retryAfterMs('0.5', now)).toBe(500)
    expect(retryAfterMs(new Date(now + 7000).toUTCString(), now)).toBe(7000)
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs(null, now)).toBeUndefined()
  })

  it.each([
    ['429 with Retry-After pauses for it', 429, { 'retry-after': '3' }, { pauseUntil: now + 3000 }],
    ['429 without Retry-After pauses one second', 429, {}, { pauseUntil: now + 1000 }],
    ['503 with Retry-After pauses for it', 503, { 'retry-after': '5' }, { pauseUntil: now + 5000 }],
    ['503 without Retry-After says nothing about quota', 503, {}, {}],
    ['X-RateLimit-Remaining 0 with a delta reset', 200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4' }, { pauseUntil: now + 4000 }],
    ['RateLimit-Remaining 0 with an epoch reset', 200, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 + 9) }, { pauseUntil: now + 9000 }],
    ['remaining above zero says nothing', 200, { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '4' }, {}],
    ['a full Shopify bucket pauses for one leak', 200, { 'x-shopify-shop-api-call-limit': '40/40' }, { pauseUntil: now + 500 }],
    ['a Shopify bucket with room says nothing', 200, { 'x-shopify-shop-api-call-limit': '12/40' }, {}],
    ['Amazon reports its granted rate', 200, { 'x-amzn-ratelimit-limit': '0.5' }, { ratePerSecond: 0.5 }],
  ])('%s', (_name, status, headers, expected) => {
    expect(readQuotaFeedback(status, new Headers(headers), now)).toEqual(expected)
  })
})

describe('quota scope', () => {
  it('shares one key between connections of the same account, ignoring rotating tokens, and leaks no secret', async () => {
    const a = await quotaScopeKey('credential', { api_key: 'k', api_secret: 's3cret', access_token: 'one' })
    const b = await quotaScopeKey('credential', { api_secret: 's3cret', api_key: 'k', access_token: 'two' })
    const c = await quotaScopeKey('credential', { api_key: 'other', api_secret: 's3cret' })
    expect(a).toBe(b)
    expect(a).not.toBe(c)
    expect(a).toMatch(/^[0-9a-f]{24}$/)
    expect(await quotaScopeKey('app', { api_key: 'k' })).toBe('app')
  })
})

describe('retry policy', () => {
  it('backs off exponentially with full jitter under a cap', () => {
    expect(backoffMs(0, { random: () => 0.999 })).toBe(199)
    expect(backoffMs(3, { random: () => 0.5 })).toBe(800)
    expect(backoffMs(10, { random: () => 0.999 })).toBe(4995)
    expect(backoffMs(2, { random: () => 0 })).toBe(0)
  })
  it('retries only answers that mean "not done, try again"', () => {
    expect([408, 429, 502, 503, 504].every(retryableStatus)).toBe(true)
    expect([200, 400, 401, 404, 409, 500, 501].some(retryableStatus)).toBe(false)
  })
  it('knows when a request never left: refused or unresolvable, at any depth of causes', () => {
    expect(neverReachedProvider(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))).toBe(true)
    expect(neverReachedProvider({ code: 'ENOTFOUND' })).toBe(true)
    expect(neverReachedProvider(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe(false)
    expect(neverReachedProvider(new Error('other side closed'))).toBe(false)
  })
})

describe('circuit breaker', () => {
  it('opens after consecutive failures, lets one probe through after openMs, closes on its success', () => {
    let clock = now
    const metrics = createMetrics()
    const breakers = createBreakers({ metrics, log: silent, options: { failureThreshold: 3, openMs: 1000, now: () => clock } })
    const permit = () => breakers.permit('acme', 'Acme', 'api.acme.test')
    permit().failure()
    permit().success() // a success resets the count
    for (let i = 0; i < 3; i++) permit().failure()
    expect(breakers.state('acme', 'api.acme.test')).toBe('open')
    expect(() => permit()).toThrowError(/paused while it recovers/)
    clock += 999
    expect(() => permit()).toThrowError()
    clock += 1
    const probe = permit()
    expect(() => permit()).toThrowError() // one probe at a time
    probe.failure()
    expect(breakers.state('acme', 'api.acme.test')).toBe('open')
    clock += 1000
    permit().success()
    expect(breakers.state('acme', 'api.acme.test')).toBe('closed')
    permit().success()
    expect(metrics.registry.render()).toMatch(/kopru_circuit_opened_total\{provider="acme",host="api.acme.test"\} 2/)
  })
  it('a cancelled probe lets the next caller probe', () => {
    let clock = now
    const breakers = createBreakers({ metrics: createMetrics(), log: silent, options: { failureThreshold: 1, openMs: 10, now: () => clock } })
    breakers.permit('a', 'A', 'h').failure()
    clock += 10
    breakers.permit('a', 'A', 'h').cancel()
    expect(() => breakers.permit('a', 'A', 'h').success()).not.toThrow()
  })
})

describe('metrics exposition', () => {
  it('renders counters, gauges and cumulative histogram buckets with escaped labels', () => {
    const metrics = createMetrics()
    metrics.tokenRefreshes.inc({ provider: 'etsy', outcome: 'ok' })
    metrics.tokenRefreshes.inc({ provider: 'etsy', outcome: 'ok' })
    metrics.upstreamLatency.observe({ provider: 'p"x', operation: 'orders.get' }, 0.02)
    metrics.upstreamLatency.observe({ provider: 'p"x', operation: 'orders.get' }, 3)
    const text = metrics.registry.render()
    expect(text).toContain('kopru_token_refreshes_total{provider="etsy",outcome="ok"} 2\n')
    expect(text).toContain('kopru_upstream_request_duration_seconds_bucket{provider="p\\"x",operation="orders.get",le="0.025"} 1\n')
    expect(text).toContain('kopru_upstream_request_duration_seconds_bucket{provider="p\\"x",operation="orders.get",le="5"} 2\n')
    expect(text).toContain('kopru_upstream_request_duration_seconds_bucket{provider="p\\"x",operation="orders.get",le="+Inf"} 2\n')
    expect(text).toContain('kopru_upstream_request_duration_seconds_sum{provider="p\\"x",operation="orders.get"} 3.02\n')
    expect(text).toContain('# TYPE kopru_circuit_state gauge\n')
  })
})
