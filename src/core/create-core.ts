/**
 * The composition root: every service of the gateway, built once, in dependency order (nothing refers to
 * something built later). The Node entry, the Worker and embedding apps all get theirs from here, through
 * `createGateway` (src/app.ts), which adds the HTTP layer.
 */
import { providers as builtInProviders } from '../../providers/index.js'
import { idempotencyRepository } from '../db/idempotency.js'
import { invoiceRepository } from '../db/invoices.js'
import { inventoryJobRepository } from '../db/inventory-jobs.js'
import { oauthAppRepository } from '../db/oauth.js'
import { shipmentRepository } from '../db/shipments.js'
import { tenantRepository } from '../db/tenants.js'
import { createAccountingService } from './accounting/service.js'
import { createApiKeys, type ApiKeys } from './api-keys.js'
import { createBaseUrlResolver } from './base-urls.js'
import { createConnect } from './create-core/connect.js'
import { createConnections } from './create-core/connections.js'
import { createEvents } from './create-core/events.js'
import { createUpstream } from './create-core/upstream.js'
import { createIdempotency } from './idempotency.js'
import { createInventoryJobService } from './inventory-jobs.js'
import { createInventorySettler } from './inventory-settler.js'
import { createLogger } from './logger.js'
import { createMetrics } from './metrics.js'
import { createOAuthApps } from './oauth/apps.js'
import { createTokenClient } from './oauth/client.js'
import type { CoreOptions } from './options.js'
import { createOperationRunner } from './pipeline.js'
import { createRegistry } from './registry.js'
import type { GatewayServices } from './services.js'
import { createShippingService } from './shipping/service.js'
import type { UpstreamDeps } from './upstream.js'

export interface Core extends GatewayServices {
  upstream: UpstreamDeps
  apiKeys: ApiKeys
}

export function createCore(options: CoreOptions): Core {
  const { db, keyring } = options
  const log = options.logger ?? createLogger()
  const env = options.env ?? {}
  const now = options.now ?? Date.now
  const registry = createRegistry(options.providers ?? builtInProviders)
  const metrics = options.metrics ?? createMetrics()
  const tenants = tenantRepository(db)
  const apiKeys = createApiKeys({ tenants })
  const upstream = createUpstream(options, { log, metrics, resolveBaseUrl: createBaseUrlResolver(env, options.simulatorUrls) })
  const oauthApps = createOAuthApps({ repository: oauthAppRepository(db), keyring, env, now })
  const tokenClient = createTokenClient({ transport: upstream.transport, timeoutMs: Math.min(upstream.timeoutMs, 15_000), now })
  const { connections, tokens, contextFor } = createConnections(options, { log, registry, metrics, upstream, oauthApps, tokenClient, now })
  const connect = createConnect(options, { log, registry, connections, oauthApps, tokenClient, upstream, now })
  const runner = createOperationRunner({
    connections,
    contextFor,
    upstream,
    tokens,
    reconnectLink: (connection, base) => connect.reconnectLink(connection, base),
  })
  const idempotency = createIdempotency({ repository: idempotencyRepository(db) })
  const reconcileDelaysMs = options.reconcileDelaysMs
  const shipping = createShippingService({ runner, shipments: shipmentRepository(db), idempotency, log, reconcileDelaysMs })
  const accounting = createAccountingService({ runner, invoices: invoiceRepository(db), idempotency, log, reconcileDelaysMs })
  const inventoryJobs = createInventoryJobService({ repository: inventoryJobRepository(db), runner })
  const events = createEvents(options, { log, registry, connections, contextFor, shipping, accounting, transport: upstream.transport, env, callLog: upstream.callLog })
  return {
    db,
    tenants,
    connections,
    runner,
    inventoryJobs,
    inventorySettler: createInventorySettler({ repository: inventoryJobRepository(db), jobs: inventoryJobs, log }),
    notReady: options.notReady ?? (() => null),
    shipping,
    accounting,
    registry,
    keyring,
    log,
    forgetApiKey: apiKeys.forget,
    connect,
    oauthApps,
    tokens,
    sessions: upstream.sessions,
    callLog: upstream.callLog!,
    events,
    metrics,
    upstream,
    apiKeys,
    close: async () => {
      await upstream.callLog?.flush()
      await upstream.quotas?.close()
    },
  }
}
