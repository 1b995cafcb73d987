import type { GatewayEnv, GatewayVariables } from '../http/types.js'

/** Who is signed in to the console: a tenant, or the operator (`tenantId` null, every tenant visible). */
export interface ConsoleSession {
  tenantId: string | null
  admin: boolean
  /** The per-session token every console form posts back. */
  csrf: string
}

export interface ConsoleEnv extends GatewayEnv {
  Variables: GatewayVariables & { session: ConsoleSession }
}
