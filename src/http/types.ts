import type { Logger } from '../core/logger.js'
import type { SecretSource } from '../core/secrets.js'
import type { RequestScope } from '../core/request-scope.js'

export interface GatewayVariables {
  requestId: string
  /** Deadline, abort signal and metric labels of this request (src/core/request-scope.ts). */
  scope: RequestScope
  log: Logger
  tenantId: string
  /** What this request must never write out: its keys, its connection's and its body's secrets (lazy). */
  secrets: readonly SecretSource[]
  /** Set by the gateway's catch-all: no route matched. */
  unmatched: boolean
}

export interface GatewayEnv {
  Variables: GatewayVariables
}
