import { createLogger } from '../../src/core/logger.js'
import { createMetrics } from '../../src/core/metrics.js'
import { createBreakers } from '../../src/core/resilience/breaker.js'
import { createSessionStore } from '../../src/core/sessions.js'
import type { UpstreamDeps } from '../../src/core/upstream.js'

/** Upstream dependencies for tests that drive `ctx.request()` without a whole gateway: no quotas, no retries. */
export function testUpstreamDeps(deps: Pick<UpstreamDeps, 'transport' | 'resolveBaseUrl' | 'timeoutMs' | 'userAgent'>): UpstreamDeps {
  const metrics = createMetrics()
  return {
    ...deps,
    metrics,
    breakers: createBreakers({ metrics, log: createLogger({ level: 'silent' }) }),
    quotaFor: () => undefined,
    maxQueueMs: 10_000,
    retry: { retries: 0 },
    sessions: createSessionStore(),
  }
}
