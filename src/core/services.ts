import type { ConnectionService } from './connections.js'
import type { Keyring } from './crypto.js'
import type { InventoryJobService } from './inventory-jobs.js'
import type { Logger } from './logger.js'
import type { OperationRunner } from './pipeline.js'
import type { Registry } from './registry.js'
import type { ShippingService } from './shipping/service.js'
import type { Database } from '../db/types.js'
import type { TenantRepository } from '../db/tenants.js'

/** What the route groups share; built once by createGateway. */
export interface GatewayServices {
  db: Database
  tenants: TenantRepository
  connections: ConnectionService
  runner: OperationRunner
  inventoryJobs: InventoryJobService
  shipping: ShippingService
  registry: Registry
  keyring: Keyring
  log: Logger
  forgetApiKey(keyId: string): void
}
