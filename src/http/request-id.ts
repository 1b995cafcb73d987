import type { Context } from 'hono'
import type { GatewayEnv } from './types.js'

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/

export const newRequestId = () => `req_${crypto.randomUUID().replace(/-/g, '')}`

/** The client's `Kopru-Request-Id` (or `X-Request-Id`) when it is sane, else a new one. */
export function requestIdOf(c: Context<GatewayEnv>, generator: () => string = newRequestId): string {
  const incoming = c.req.header('kopru-request-id') ?? c.req.header('x-request-id')
  return incoming && acceptable.test(incoming) ? incoming : generator()
}
