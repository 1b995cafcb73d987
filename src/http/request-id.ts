import type { Context } from 'hono'
import type { GatewayEnv } from './types.js'

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * `req_` and 32 hex digits: the first 12 the time in milliseconds, the rest random (as in a UUIDv7), so ids sort by
 * time and a database index over them grows at its end instead of at random pages (docs/observability.md).
 */
export const newRequestId = () => `req_${Date.now().toString(16).padStart(12, '0')}${crypto.randomUUID().replace(/-/g, '').slice(12)}`

/** The client's `Kopru-Request-Id` (or `X-Request-Id`) when it is sane, else a new one. */
export function requestIdOf(c: Context<GatewayEnv>, generator: () => string = newRequestId): string {
  const incoming = c.req.header('kopru-request-id') ?? c.req.header('x-request-id')
  return incoming && acceptable.test(incoming) ? incoming : generator()
}
