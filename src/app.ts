import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { createBaseUrlResolver, type EnvSource } from './core/base-urls.js'
import { recordConnectionEvent, type ConnectionEventRecorder } from './core/connection-events.js'
import { createConnectService } from './core/connect.js'
import { createConnectionService } from './core/connections.js'
import { createOAuthApps } from './core/oauth/apps.js'
import { createTokenClient } from './core/oauth/client.js'
import { createTokenManager } from './core/tokens.js'
import type { Keyring } from './core/crypto.js'
import { KopruError } from './core/errors.js'
import { createLogger, type Logger } from './core/logger.js'
import { createContextFactory, createOperationRunner } from './core/pipeline.js'
import type { ProviderDefinition } from './core/provider-kit/types.js'
import { createRegistry } from './core/registry.js'
import type { GatewayServices } from './core/services.js'
import { fetchTransport, type Transport } from './core/transport.js'
import { connectionRepository } from './db/connections.js'
import { connectSessionRepository, oauthAppRepository } from './db/oauth.js'
import { tenantRepository } from './db/tenants.js'
import type { Database } from './db/types.js'
import { adminAuth, createTenantAuth } from './http/auth.js'
import { notFound, onError, problemResponse } from './http/problem.js'
import { requestId } from './http/request-id.js'
import type { GatewayEnv } from './http/types.js'
import { validationHook } from './http/validation.js'
import { adminRoutes } from './routes/admin.js'
import { connectRoutes, requestBase } from './routes/connect.js'
import { connectionRoutes } from './routes/connections.js'
import { oauthAppRoutes } from './routes/oauth-apps.js'
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
  /** KOPRU_PUBLIC_URL: base of connect links and the OAuth redirect URI (else taken from requests). */
  publicUrl?: string
  /** Clock for token expiry and connect sessions (tests move it). */
  now?: () => number
  /** Where connection lifecycle events go (default: the `connection_events` table, in the same transaction). */
  recordConnectionEvent?: ConnectionEventRecorder
}

export type Gateway = OpenAPIHono<GatewayEnv> & { services: GatewayServices }

/** The whole gateway as one Hono app: serve it, or mount it with `parent.route('/kopru', gateway)`. */
export function createGateway(options: GatewayOptions): Gateway {
  const log = options.logger ?? createLogger()
  const registry = createRegistry(options.providers ?? builtInProviders)
  const tenants = tenantRepository(options.db)
  const upstream = {
    transport: options.transport ?? fetchTransport,
    resolveBaseUrl: createBaseUrlResolver(options.env ?? {}, options.simulatorUrls),
    timeoutMs: options.upstreamTimeoutMs ?? 30_000,
    userAgent: 'kopru/0.1',
  }
  const now = options.now ?? Date.now
  const recordEvent = options.recordConnectionEvent ?? recordConnectionEvent
  const publicUrl = options.publicUrl?.replace(/\/+$/, '')
  // Without KOPRU_PUBLIC_URL, links made off a request (reconnect_url) use the base requests arrive on.
  let observedBase = publicUrl ?? 'http://127.0.0.1:8787'
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
    needsReauth: (connection, detail) => connect.needsReauthError(connection, observedBase, detail),
    onChange: (connection) => connections.remember(connection),
  })
  const contextFor = createContextFactory(upstream, log, tokens)
  const connections = createConnectionService({
    db: options.db,
    recordEvent,
    repository: connectionRepository(options.db),
    keyring: options.keyring,
    registry,
    log,
    contextFor,
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
    publicUrl,
  })
  const needsReauth = (connection: Parameters<typeof connect.needsReauthError>[0]) => connect.needsReauthError(connection, observedBase)
  const tenantAuth = createTenantAuth({ tenants })
  const services: GatewayServices = {
    db: options.db,
    tenants,
    connections,
    runner: createOperationRunner({ connections, contextFor, upstream, tokens, needsReauth }),
    registry,
    keyring: options.keyring,
    log,
    forgetApiKey: tenantAuth.forgetKey,
    connect,
    oauthApps,
    tokens,
  }

  const app = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook })
  app.onError(onError)
  app.notFound(notFound)
  app.use('*', requestId({ log }))
  if (!publicUrl) {
    app.use('*', async function observeBase(c, next) {
      observedBase = requestBase(c.req.url)
      await next()
    })
  }
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

  for (const routes of [opsRoutes, adminRoutes, oauthAppRoutes, providerRoutes, connectionRoutes, connectRoutes, orderRoutes, proxyRoutes]) {
    app.route('/', routes(services))
  }
  docsRoutes(app)
  return Object.assign(app, { services })
}
