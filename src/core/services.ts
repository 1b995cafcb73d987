import type { ConnectionService } from './connections.js'
import type { Keyring } from './crypto.js'
import type { Logger } from './logger.js'
import type { GatewayMetrics } from './metrics.js'
import type { OperationRunner } from './pipeline.js'
import type { Registry } from './registry.js'
import type { Database } from '../db/types.js'
import type { TenantRepository } from '../db/tenants.js'

/** What the route groups share; built once by createGateway. */
export interface GatewayServices {
  db: Database
  tenants: TenantRepository
  connections: ConnectionService
  runner: OperationRunner
  registry: Registry
  keyring: Keyring
  log: Logger
  forgetApiKey(keyId: string): void
  /** Prometheus counters and histograms; others increment e.g. `metrics.tokenRefreshes`. */
  metrics: GatewayMetrics
  /** Releases limiter connections (Redis); the gateway answers nothing after this. */
  close(): Promise<void>
}
