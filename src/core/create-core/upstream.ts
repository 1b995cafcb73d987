import type { BaseUrlResolver } from '../base-urls.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { CoreOptions } from '../options.js'
import { createQuotaLimiters } from '../quotas/limiters.js'
import { quotaResolver } from '../quotas/overrides.js'
import { createSessionStore } from '../sessions.js'
import { createBreakers } from '../resilience/breaker.js'
import { fetchTransport } from '../transport.js'
import type { UpstreamDeps } from '../upstream.js'
import { createCallLog } from '../call-log/writer.js'
import { callLogRepository } from '../../db/call-log.js'
import { createTracing } from '../tracing/tracing.js'

/** Everything `ctx.request()` needs: transport, base URLs, quotas, breakers, retries, metrics. */
export function createUpstream(
  options: CoreOptions,
  { log, metrics, resolveBaseUrl }: { log: Logger; metrics: GatewayMetrics; resolveBaseUrl: BaseUrlResolver },
): UpstreamDeps {
  const timeoutMs = options.upstreamTimeoutMs ?? 30_000
  const breakers = createBreakers({ metrics, log, options: options.breaker })
  metrics.registry.collect(breakers.collect)
  return {
    transport: options.transport ?? fetchTransport,
    resolveBaseUrl,
    timeoutMs,
    userAgent: 'kopru/0.1',
    metrics,
    breakers,
    quotas:
      options.quotas === 'off'
        ? undefined
        : options.quotaStore ??
          createQuotaLimiters({ metrics, log, datastore: options.quotaDatastore, maxHoldMs: timeoutMs + 5_000, ...options.limiters }),
    quotaFor: quotaResolver(options.quotaOverrides),
    maxQueueMs: options.maxQueueMs ?? 10_000,
    retry: options.retry ?? {},
    sessions: createSessionStore(),
    callLog: createCallLog(callLogRepository(options.db), log, options.callLog),
    tracing: options.tracing ? createTracing(options.tracing === true ? {} : options.tracing) : undefined,
  }
}
