import { createBaseUrlResolver } from '../../src/core/base-urls.js'
import { createLogger } from '../../src/core/logger.js'
import { createContextFactory } from '../../src/core/pipeline.js'
import { backgroundScope } from '../../src/core/request-scope.js'
import type { OperationContext, ProviderDefinition } from '../../src/core/provider-kit/types.js'
import { createUndiciTransport } from '../../src/node/undici-transport.js'
import { testUpstreamDeps } from './upstream.js'

/**
 * The `ctx` an adapter gets inside the gateway (same upstream path: base URL override, auth, timeout,
 * undici over real HTTP), for simulator tests of one provider without the HTTP routes in front.
 */
export function adapterContext<C>(
  provider: ProviderDefinition<C>,
  { baseUrl, credentials, timeoutMs = 5_000 }: { baseUrl: string; credentials: unknown; timeoutMs?: number },
): OperationContext<C> & { logs: string[] } {
  const logs: string[] = []
  const env = { [`KOPRU_PROVIDER_${provider.id.toUpperCase().replace(/-/g, '_')}_BASE_URL`]: baseUrl }
  const upstream = testUpstreamDeps({ transport: createUndiciTransport(), resolveBaseUrl: createBaseUrlResolver(env), timeoutMs, userAgent: 'kopru-test' })
  const contextFor = createContextFactory(upstream, createLogger({ level: 'debug', sink: (line) => logs.push(line) }))
  const parsed = provider.auth.schema.parse(credentials)
  const ctx = contextFor(
    {
      info: { id: 'conn_test', tenantId: 'ten_test', provider: provider.id, environment: 'sandbox', settings: {}, metadata: {} },
      status: 'active' as never,
      provider,
      credentials: parsed,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    backgroundScope(`req_${Math.random().toString(36).slice(2, 10)}`),
    'test',
  ) as OperationContext<C>
  return Object.assign(ctx, { logs })
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 10, 20, 7, 0, 0)) {
  let now = start
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) }
}
