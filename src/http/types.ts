import type { Logger } from '../core/logger.js'

export interface GatewayVariables {
  requestId: string
  log: Logger
  tenantId: string
  /** Set by the gateway's catch-all: no route matched. */
  unmatched: boolean
}

export interface GatewayEnv {
  Variables: GatewayVariables
}
