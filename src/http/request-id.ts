import type { Context } from 'hono'
import type { GatewayEnv } from './types.js'

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/

/** `req_` and a random UUID's 32 hex digits (slices, not a regex replace: it runs once per request). */
export function newRequestId(): string {
  const uuid = crypto.randomUUID()
  return `req_${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(14, 18)}${uuid.slice(19, 23)}${uuid.slice(24)}`
}

/** The client's `Kopru-Request-Id` (or `X-Request-Id`) when it is sane, else a new one. */
export function requestIdOf(c: Context<GatewayEnv>, generator: () => string = newRequestId): string {
  const incoming = c.req.header('kopru-request-id') ?? c.req.header('x-request-id')
  return incoming && acceptable.test(incoming) ? incoming : generator()
}
