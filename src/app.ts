import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { createBaseUrlResolver, type EnvSource } from './core/base-urls.js'
import { createConnectionService } from './core/connections.js'
import type { Keyring } from './core/crypto.js'
import { KopruError } from './core/errors.js'
import { createLogger, type Logger } from './core/logger.js'
import { createContextFactory, createOperationRunner } from './core/pipeline.js'
import type { ProviderDefinition } from './core/provider-kit/types.js'
import { createMetrics, type GatewayMetrics } from './core/metrics.js'
import type { QuotaDatastore, QuotaLimitersOptions } from './core/quotas/limiters.js'
import { createQuotaLimiters } from './core/quotas/limiters.js'
import { quotaResolver, type QuotaOverrides } from './core/quotas/overrides.js'
import { createRegistry } from './core/registry.js'
import { createRequestScopes } from './core/request-scope.js'
import { createBreakers, type BreakerOptions } from './core/resilience/breaker.js'
import type { RetryOptions } from './core/resilience/retry.js'
import type { UpstreamDeps } from './core/upstream.js'
import type { GatewayServices } from './core/services.js'
import { fetchTransport, type Transport } from './core/transport.js'
import { connectionRepository } from './db/connections.js'
import { tenantRepository } from './db/tenants.js'
import type { Database } from './db/types.js'
import { adminAuth, createTenantAuth } from './http/auth.js'
import { requestScope } from './http/observe.js'
import { notFound, onError, problemResponse } from './http/problem.js'
import { requestId } from './http/request-id.js'
import type { GatewayEnv } from './http/types.js'
import { validationHook } from './http/validation.js'
import { adminRoutes } from './routes/admin.js'
import { connectionRoutes } from './routes/connections.js'
import { docsRoutes } from './routes/docs.js'
import { opsRoutes } from './routes/ops.js'
import { orderRoutes } from './routes/orders.js'
import { providerRoutes } from './routes/providers.js'
import { proxyRoutes } from './routes/proxy.js'
import { providers as builtInProviders } from '../providers/index.js'

export interface GatewayOptions {
  db: Database
  keyring: Keyring
  adminKey: string
  providers?: readonly ProviderDefinition[]
  /** Where `KOPRU_PROVIDER_<ID>_BASE_URL` and friends are read from (process.env, Worker bindings). */
  env?: EnvSource
  /** Base URLs of built-in simulators; used for the sandbox environment in demo mode. */
  simulatorUrls?: Record<string, string>
  transport?: Transport
  logger?: Logger
  upstreamTimeoutMs?: number
  maxBodyBytes?: number
  /** `off` lifts provider quotas (throughput benchmarks, accounts with negotiated limits); `KOPRU_QUOTAS`. */
  quotas?: 'on' | 'off'
  /** Longest a call waits for a quota slot before `rate_limited` (`KOPRU_MAX_QUEUE_MS`, default 10 s). */
  maxQueueMs?: number
  /** Shared limiter state across processes (Bottleneck on Redis), from src/node/redis-quotas.ts. */
  quotaDatastore?: QuotaDatastore
  /** Operator overrides of declared quotas: `{ trendyol: { orders: { limit: 100, intervalMs: 10_000 } } }`. */
  quotaOverrides?: QuotaOverrides
  limiters?: Pick<QuotaLimitersOptions, 'maxLimiters' | 'idleMs'>
  breaker?: BreakerOptions
  retry?: RetryOptions
  metrics?: GatewayMetrics
}

export type Gateway = OpenAPIHono<GatewayEnv> & { services: GatewayServices }

/** The whole gateway as one Hono app: serve it, or mount it with `parent.route('/kopru', gateway)`. */
export function createGateway(options: GatewayOptions): Gateway {
  const log = options.logger ?? createLogger()
  const registry = createRegistry(options.providers ?? builtInProviders)
  const tenants = tenantRepository(options.db)
  const metrics = options.metrics ?? createMetrics()
  const timeoutMs = options.upstreamTimeoutMs ?? 30_000
  const maxQueueMs = options.maxQueueMs ?? 10_000
  const scopes = createRequestScopes()
  const breakers = createBreakers({ metrics, log, options: options.breaker })
  metrics.registry.collect(breakers.collect)
  const upstream: UpstreamDeps = {
    transport: options.transport ?? fetchTransport,
    resolveBaseUrl: createBaseUrlResolver(options.env ?? {}, options.simulatorUrls),
    timeoutMs,
    userAgent: 'kopru/0.1',
    metrics,
    breakers,
    quotas:
      options.quotas === 'off'
        ? undefined
        : createQuotaLimiters({ metrics, log, datastore: options.quotaDatastore, maxHoldMs: timeoutMs + 5_000, ...options.limiters }),
    quotaFor: quotaResolver(options.quotaOverrides),
    maxQueueMs,
    scopes,
    retry: options.retry ?? {},
  }
  const contextFor = createContextFactory(upstream, log)
  const connections = createConnectionService({
    repository: connectionRepository(options.db),
    keyring: options.keyring,
    registry,
    log,
    contextFor,
  })
  const tenantAuth = createTenantAuth({ tenants })
  const services: GatewayServices = {
    db: options.db,
    tenants,
    connections,
    runner: createOperationRunner({ connections, contextFor, upstream }),
    registry,
    keyring: options.keyring,
    log,
    forgetApiKey: tenantAuth.forgetKey,
    metrics,
    close: async () => {
      await upstream.quotas?.close()
    },
  }

  const app = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook })
  app.onError(onError)
  app.notFound(notFound)
  app.use('*', requestId({ log }))
  app.use('*', requestScope({ scopes, metrics, maxQueueMs }))
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 2 * 1024 * 1024,
      onError: (c) =>
        problemResponse(c, new KopruError('payload_too_large', `the request body exceeds ${options.maxBodyBytes ?? 2 * 1024 * 1024} bytes`)),
    }),
  )
  app.use('/admin/*', adminAuth({ adminKey: options.adminKey }))
  app.use('/v1/*', tenantAuth.middleware)

  for (const routes of [opsRoutes, adminRoutes, providerRoutes, connectionRoutes, orderRoutes, proxyRoutes]) {
    app.route('/', routes(services))
  }
  docsRoutes(app)
  return Object.assign(app, { services })
}
