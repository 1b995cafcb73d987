/**
 * SP-API usage plans as the simulator enforces them: a token bucket per operation (rate per second, burst),
 * per the "Usage Plan" table of each operation in the models and developer-docs.amazon.com/sp-api/docs/
 * usage-plans-and-rate-limits-in-the-sp-api: a call takes one token, tokens come back at `rate`, at most `burst`
 * are held; without a token the call is `429 QuotaExceeded`. Every answer of a throttled operation carries
 * `x-amzn-RateLimit-Limit` (the rate) and `x-amzn-RequestId`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'

export interface UsagePlan {
  rate: number
  burst: number
}

export function tokenBucket(plan: UsagePlan, clock: SimulatorClock) {
  let tokens = plan.burst
  let at = clock.now()
  const stats = { allowed: 0, throttled: 0 }
  return {
    plan,
    stats,
    take(): boolean {
      const now = clock.now()
      tokens = Math.min(plan.burst, tokens + ((now - at) / 1000) * plan.rate)
      at = now
      if (tokens < 1) {
        stats.throttled++
        return false
      }
      tokens -= 1
      stats.allowed++
      return true
    },
    /** Empties the bucket (tests: an account that has used its burst). */
    drain() {
      tokens = 0
      at = clock.now()
    },
  }
}

export type TokenBucket = ReturnType<typeof tokenBucket>

/** Middleware for one operation's route: rate-limit headers on every answer, 429 QuotaExceeded without a token. */
export function usagePlan(bucket: TokenBucket, enabled: () => boolean): MiddlewareHandler {
  return async function usagePlanLimit(c: Context, next) {
    c.header('x-amzn-RequestId', crypto.randomUUID())
    c.header('x-amzn-RateLimit-Limit', String(bucket.plan.rate))
    if (enabled() && !bucket.take()) {
      return c.json({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] }, 429)
    }
    await next()
  }
}
