import type { ConnectService } from './connect.js'
import type { ConnectionService } from './connections.js'
import type { Keyring } from './crypto.js'
import type { InventoryJobService } from './inventory-jobs.js'
import type { InventorySettler } from './inventory-settler.js'
import type { DeliveryWorker } from './events/delivery.js'
import type { EndpointRepository } from './events/endpoints.js'
import type { InboundHandler } from './events/inbound.js'
import type { Poller } from './events/polling.js'
import type { Clock } from './events/types.js'
import type { Logger } from './logger.js'
import type { OAuthApps } from './oauth/apps.js'
import type { TokenManager } from './tokens.js'
import type { GatewayMetrics } from './metrics.js'
import type { OperationRunner } from './pipeline.js'
import type { Registry } from './registry.js'
import type { ShippingService } from './shipping/service.js'
import type { AccountingService } from './accounting/service.js'
import type { Database } from '../db/types.js'
import type { TenantRepository } from '../db/tenants.js'

import type { CallLog } from './call-log/writer.js'
import type { SessionStore } from './sessions.js'

/** What the route groups share; built once by createGateway. */
export interface GatewayServices {
  db: Database
  tenants: TenantRepository
  connections: ConnectionService
  runner: OperationRunner
  inventoryJobs: InventoryJobService
  /** Background settling of unfinished inventory jobs; started by the Node entry. */
  inventorySettler: InventorySettler
  shipping: ShippingService
  accounting: AccountingService
  registry: Registry
  keyring: Keyring
  log: Logger
  forgetApiKey(keyId: string): void
  /** Why this instance is not ready yet (start-up still seeding), or null: `/ready` answers 503 meanwhile. */
  notReady(): string | null
  /** Outbox delivery and polling are built here and started by the Node entry (src/server.ts). */
  events: {
    endpoints: EndpointRepository
    inbound: InboundHandler
    delivery: DeliveryWorker
    poller: Poller
    clock: Clock
    /** Whether tenants may point their webhook endpoint at loopback or private addresses (dev and tests). */
    allowPrivateEndpoints: boolean
  }
  connect: ConnectService
  oauthApps: OAuthApps
  tokens: TokenManager
  /** Session tokens of providers with `auth.session` (MNG's JWT), per connection. */
  sessions: SessionStore
  /** Prometheus counters and histograms; others increment e.g. `metrics.tokenRefreshes`. */
  metrics: GatewayMetrics
  /** Upstream exchanges, batched to the database. */
  callLog: CallLog
  /** Releases limiter connections (Redis); the gateway answers nothing after this. */
  close(): Promise<void>
}
