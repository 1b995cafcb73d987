import type { Logger } from '../core/logger.js'

export interface GatewayVariables {
  requestId: string
  log: Logger
  tenantId: string
}

export interface GatewayEnv {
  Variables: GatewayVariables
}
