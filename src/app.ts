import { OpenAPIHono } from '@hono/zod-openapi'
import { createBaseUrlResolver, type EnvSource } from './core/base-urls.js'
import { recordConnectionEvent, type ConnectionEventRecorder } from './core/connection-events.js'
import { createConnectService } from './core/connect.js'
import { createConnectionService } from './core/connections.js'
import type { Keyring } from './core/crypto.js'
import { KopruError } from './core/errors.js'
import { createCallLog, type CallLogOptions } from './core/call-log/writer.js'
import { callLogRepository } from './db/call-log.js'
import { createInventoryJobService } from './core/inventory-jobs.js'
import { createInventorySettler } from './core/inventory-settler.js'
import { createDeliveryWorker } from './core/events/delivery.js'
import { endpointRepository } from './core/events/endpoints.js'
import { createInboundHandler, type AppSecretResolver } from './core/events/inbound.js'
import { builtInPollResources, createPoller } from './core/events/polling.js'
import { wallClock, type Clock } from './core/events/types.js'
import { createLogger, type Logger } from './core/logger.js'
import { trackingPollResource } from './core/shipping/tracking-poll.js'
import { createOAuthApps } from './core/oauth/apps.js'
import { createTokenClient } from './core/oauth/client.js'
import { createTokenManager } from './core/tokens.js'
import { createContextFactory, createOperationRunner } from './core/pipeline.js'
import type { ProviderDefinition } from './core/provider-kit/types.js'
import { createMetrics, type GatewayMetrics } from './core/metrics.js'
import type { QuotaDatastore, QuotaLimitersOptions } from './core/quotas/limiters.js'
import { createQuotaLimiters } from './core/quotas/limiters.js'
import { quotaResolver, type QuotaOverrides } from './core/quotas/overrides.js'
import { createRegistry } from './core/registry.js'
import { createIdempotency } from './core/idempotency.js'
import { createShippingService } from './core/shipping/service.js'
import { createAccountingService } from './core/accounting/service.js'
import { issuingPollResource } from './core/accounting/issuing-poll.js'
import { invoiceRepository } from './db/invoices.js'
import { idempotencyRepository } from './db/idempotency.js'
import { shipmentRepository } from './db/shipments.js'
import { createBreakers, type BreakerOptions } from './core/resilience/breaker.js'
import type { RetryOptions } from './core/resilience/retry.js'
import type { UpstreamDeps } from './core/upstream.js'
import { createSessionStore } from './core/sessions.js'
import type { GatewayServices } from './core/services.js'
import { fetchTransport, type Transport } from './core/transport.js'
import { connectionRepository } from './db/connections.js'
import { connectSessionRepository, oauthAppRepository } from './db/oauth.js'
import { inventoryJobRepository } from './db/inventory-jobs.js'
import { tenantRepository } from './db/tenants.js'
import type { Database } from './db/types.js'
import { adminAuth, createTenantAuth } from './http/auth.js'
import { requestScope } from './http/observe.js'
import { notFound, onError, problemResponse } from './http/problem.js'
import { bodyLimit } from './http/body-limit.js'
import { requestId } from './http/request-id.js'
import { requestSecrets } from './http/request-secrets.js'
import type { GatewayEnv } from './http/types.js'
import { validationHook } from './http/validation.js'
import { adminRoutes } from './routes/admin.js'
import { connectRoutes } from './routes/connect.js'
import { connectionRoutes } from './routes/connections.js'
import { docsRoutes, type DocsAssets } from './routes/docs.js'
import { oauthAppRoutes } from './routes/oauth-apps.js'
import { fulfillmentRoutes } from './routes/fulfillments.js'
import { inventoryRoutes } from './routes/inventory.js'
import { eventRoutes } from './routes/events.js'
import { logRoutes } from './routes/logs.js'
import { opsRoutes } from './routes/ops.js'
import { orderRoutes } from './routes/orders.js'
import { productRoutes } from './routes/products.js'
import { providerRoutes } from './routes/providers.js'
import { proxyRoutes } from './routes/proxy.js'
import { rateRoutes } from './routes/rates.js'
import { shipmentRoutes } from './routes/shipments.js'
import { invoiceRoutes } from './routes/invoices.js'
import { orderInvoiceRoutes } from './routes/order-invoice.js'
import { trackingRoutes } from './routes/tracking.js'
import { webhookRoutes } from './routes/webhooks.js'
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
  /** Pauses between reconciliation lookups after a carrier's create answer was lost. */
  reconcileDelaysMs?: readonly number[]
  /**
   * KOPRU_PUBLIC_URL: base of connect links, the OAuth redirect URI and provider webhook registrations. A string
   * is used everywhere; a function (the Node entry's own listen address when none is configured) only for webhook
   * registration, while connect links then follow the base requests arrive on.
   */
  publicUrl?: string | (() => string | undefined)
  /** Clock for token expiry and connect sessions (tests move it). */
  now?: () => number
  /** Where connection lifecycle events go (default: the events outbox, in the same transaction). */
  recordConnectionEvent?: ConnectionEventRecorder
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
  /** Events: delivery, polling and inbound webhooks (docs/events.md). */
  events?: EventOptions
  /** The Node entry's start-up state: a reason while it is still seeding, then null (`/ready` is 503 until then). */
  notReady?: () => string | null
  /** The files of the /docs renderer (`nodeDocsAssets()` from `kopru/node`; the Workers entry bundles them). */
  docsAssets?: DocsAssets
  /** The call log of upstream exchanges (docs/observability.md). */
  callLog?: CallLogOptions
}

export interface EventOptions {
  /** The clock of delivery, polling and replay checks; tests move it. */
  clock?: Clock
  deliveryBatchSize?: number
  deliveryTimeoutMs?: number
  deliveryLeaseMs?: number
  /** Wait after each failed attempt; one more attempt than entries, then `dead`. */
  retrySchedule?: readonly number[]
  /** Finished events are kept this long (default 30 days). */
  eventRetentionMs?: number
  /** Polling interval per resource (`orders`, …) in ms. */
  pollIntervals?: Record<string, number>
  pollLookbackMs?: number
  /** Inbound replay window (provider timestamps older than this are refused). */
  inboundReplayWindowMs?: number
  /** Let tenants point their webhook endpoint at loopback/private addresses (default false; the Node entry allows it outside production). */
  allowPrivateEndpoints?: boolean
  /** The operator's app secret for app-signed webhooks (Shopify); default `KOPRU_PROVIDER_<ID>_CLIENT_SECRET`. */
  appSecretFor?: AppSecretResolver
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
  const breakers = createBreakers({ metrics, log, options: options.breaker })
  const callLog = createCallLog(callLogRepository(options.db), log, options.callLog)
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
    retry: options.retry ?? {},
    sessions: createSessionStore(),
    callLog,
  }
  const now = options.now ?? Date.now
  const recordEvent = options.recordConnectionEvent ?? recordConnectionEvent
  const configuredPublicUrl = typeof options.publicUrl === 'string' ? options.publicUrl.replace(/\/+$/, '') : undefined
  const oauthApps = createOAuthApps({ repository: oauthAppRepository(options.db), keyring: options.keyring, env: options.env ?? {}, now })
  const tokenClient = createTokenClient({ transport: upstream.transport, timeoutMs: Math.min(upstream.timeoutMs, 15_000), now })
  const tokens = createTokenManager({
    db: options.db,
    keyring: options.keyring,
    apps: oauthApps,
    client: tokenClient,
    resolveBaseUrl: upstream.resolveBaseUrl,
    log,
    now,
    recordEvent,
    needsReauth: (connection, detail) => connect.needsReauthError(connection, detail),
    onChange: (connection) => connections.remember(connection),
    countRefresh: (provider, outcome) => metrics.tokenRefreshes.inc({ provider, outcome }),
  })
  const contextFor = createContextFactory(upstream, log, tokens)
  const eventOptions = options.events ?? {}
  const clock = eventOptions.clock ?? wallClock
  const env = options.env ?? {}
  const connections = createConnectionService({
    db: options.db,
    recordEvent,
    publicUrl: options.publicUrl,
    repository: connectionRepository(options.db),
    keyring: options.keyring,
    registry,
    log,
    contextFor,
    onForget: (connectionId) => upstream.sessions.clear(connectionId),
  })
  const connect = createConnectService({
    sessions: connectSessionRepository(options.db),
    connections,
    registry,
    apps: oauthApps,
    client: tokenClient,
    keyring: options.keyring,
    resolveBaseUrl: upstream.resolveBaseUrl,
    log,
    now,
    publicUrl: configuredPublicUrl,
  })
  const needsReauth = (connection: Parameters<typeof connect.needsReauthError>[0]) => connect.needsReauthError(connection)
  const tenantAuth = createTenantAuth({ tenants })
  const runner = createOperationRunner({ connections, contextFor, upstream, tokens, needsReauth })
  const endpoints = endpointRepository(options.db, options.keyring)
  const idempotency = createIdempotency({ repository: idempotencyRepository(options.db) })
  const shipping = createShippingService({
    runner,
    shipments: shipmentRepository(options.db),
    idempotency,
    log,
    reconcileDelaysMs: options.reconcileDelaysMs,
  })
  const accounting = createAccountingService({
    runner,
    invoices: invoiceRepository(options.db),
    idempotency,
    log,
    reconcileDelaysMs: options.reconcileDelaysMs,
  })
  const inventoryJobs = createInventoryJobService({ repository: inventoryJobRepository(options.db), runner })
  const services: GatewayServices = {
    db: options.db,
    tenants,
    connections,
    runner,
    inventoryJobs,
    inventorySettler: createInventorySettler({ repository: inventoryJobRepository(options.db), jobs: inventoryJobs, log }),
    shipping,
    accounting,
    registry,
    keyring: options.keyring,
    log,
    forgetApiKey: tenantAuth.forgetKey,
    notReady: options.notReady ?? (() => null),
    connect,
    oauthApps,
    sessions: upstream.sessions,
    tokens,
    events: {
      clock,
      endpoints,
      allowPrivateEndpoints: eventOptions.allowPrivateEndpoints ?? false,
      inbound: createInboundHandler({
        db: options.db,
        registry,
        keyring: options.keyring,
        log,
        clock,
        replayWindowMs: eventOptions.inboundReplayWindowMs,
        appSecretFor:
          eventOptions.appSecretFor ?? ((id) => env[`KOPRU_PROVIDER_${id.toUpperCase().replace(/-/g, '_')}_CLIENT_SECRET`] ?? null),
      }),
      delivery: createDeliveryWorker({
        db: options.db,
        endpoints,
        transport: upstream.transport,
        log,
        clock,
        batchSize: eventOptions.deliveryBatchSize,
        timeoutMs: eventOptions.deliveryTimeoutMs,
        leaseMs: eventOptions.deliveryLeaseMs,
        schedule: eventOptions.retrySchedule,
        retentionMs: eventOptions.eventRetentionMs,
      }),
      poller: createPoller({
        db: options.db,
        registry,
        connections,
        contextFor,
        log,
        clock,
        resources: [...builtInPollResources, trackingPollResource(shipping), issuingPollResource(accounting)],
        intervals: eventOptions.pollIntervals,
        lookbackMs: eventOptions.pollLookbackMs,
      }),
    },
    metrics,
    callLog,
    close: async () => {
      await callLog.flush()
      await upstream.quotas?.close()
    },
  }

  const app = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook })
  app.onError(onError)
  app.notFound(notFound)
  app.use('*', requestId({ log }))
  app.use('*', requestSecrets({ connections }))
  app.use('*', requestScope({ metrics, maxQueueMs }))
  const limitBody = bodyLimit({
    maxSize: options.maxBodyBytes ?? 2 * 1024 * 1024,
    onError: (c) =>
      problemResponse(c, new KopruError('payload_too_large', `the request body exceeds ${options.maxBodyBytes ?? 2 * 1024 * 1024} bytes`)),
  })
  // GET and HEAD carry no body; asking for one would make @hono/node-server build a whole web Request.
  app.use('*', async function bodySizeLimit(c, next) {
    return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)
  })
  app.use('/admin/*', adminAuth({ adminKey: options.adminKey }))
  app.use('/v1/*', tenantAuth.middleware)

  for (const routes of [
    opsRoutes,
    adminRoutes,
    oauthAppRoutes,
    providerRoutes,
    connectionRoutes,
    connectRoutes,
    orderRoutes,
    fulfillmentRoutes,
    orderInvoiceRoutes,
    productRoutes,
    inventoryRoutes,
    shipmentRoutes,
    trackingRoutes,
    rateRoutes,
    invoiceRoutes,
    proxyRoutes,
    eventRoutes,
    webhookRoutes,
    logRoutes,
  ]) {
    app.route('/', routes(services))
  }
  docsRoutes(app, options.docsAssets)
  // Mounted inside a parent app, everything under the mount point is kopru's: unknown paths get problem+json too.
  app.all('*', (c) => {
    c.set('unmatched', true)
    return notFound(c)
  })
  return Object.assign(app, { services })
}
