import type { ConnectService } from './connect.js'
import type { ConnectionService } from './connections.js'
import type { Keyring } from './crypto.js'
import type { Logger } from './logger.js'
import type { OAuthApps } from './oauth/apps.js'
import type { TokenManager } from './tokens.js'
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
  connect: ConnectService
  oauthApps: OAuthApps
  tokens: TokenManager
}
