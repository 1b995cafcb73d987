import { connectionRepository } from '../../db/connections.js'
import { connectionEventRecorder } from '../connection-events.js'
import { createConnectionCache } from '../connections/cache.js'
import { createProviderWebhooks } from '../connections/provider-webhooks.js'
import { createConnectionService } from '../connections/service.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { OAuthApps } from '../oauth/apps.js'
import type { TokenClient } from '../oauth/client.js'
import type { CoreOptions } from '../options.js'
import { createContextFactory } from '../pipeline.js'
import type { Registry } from '../registry.js'
import { createTokenManager } from '../tokens.js'
import type { UpstreamDeps } from '../upstream.js'

interface ConnectionsDeps {
  log: Logger
  registry: Registry
  metrics: GatewayMetrics
  upstream: UpstreamDeps
  oauthApps: OAuthApps
  tokenClient: TokenClient
  now: () => number
}

/** Connections and what keeps their credentials usable: the cache, the token manager, the context factory. */
export function createConnections(options: CoreOptions, deps: ConnectionsDeps) {
  const { db, keyring } = options
  const { log, registry, upstream } = deps
  // Forgetting a connection (deleted, re-authorized, needs_reauth) drops its session token too.
  const cache = createConnectionCache({ onForget: (connectionId) => upstream.sessions.clear(connectionId) })
  const events = connectionEventRecorder(options.recordConnectionEvent)
  const tokens = createTokenManager({
    db,
    keyring,
    apps: deps.oauthApps,
    client: deps.tokenClient,
    resolveBaseUrl: upstream.resolveBaseUrl,
    log,
    now: deps.now,
    recordEvent: events,
    onChange: cache.remember,
    countRefresh: (provider, outcome) => deps.metrics.tokenRefreshes.inc({ provider, outcome }),
    callLog: upstream.callLog,
  })
  const contextFor = createContextFactory(upstream, log, tokens, cache)
  const webhooks = createProviderWebhooks({ db, keyring, log, contextFor, publicUrl: options.publicUrl })
  const connections = createConnectionService({ db, repository: connectionRepository(db), keyring, registry, log, cache, events, webhooks, contextFor })
  return { connections, tokens, contextFor }
}
