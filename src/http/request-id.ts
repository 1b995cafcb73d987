import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../core/logger.js'
import type { GatewayEnv } from './types.js'

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/

/** Takes `Kopru-Request-Id` (or `X-Request-Id`) when it is sane, else makes one; echoes it on every answer. */
export const requestId = ({
  log,
  generator = () => `req_${crypto.randomUUID().replace(/-/g, '')}`,
}: {
  log: Logger
  generator?: () => string
}): MiddlewareHandler<GatewayEnv> =>
  async function requestId(c, next) {
    const incoming = c.req.header('kopru-request-id') ?? c.req.header('x-request-id')
    const id = incoming && acceptable.test(incoming) ? incoming : generator()
    c.set('requestId', id)
    c.set('log', log.child({ request_id: id }))
    const started = performance.now()
    await next()
    c.res.headers.set('Kopru-Request-Id', id)
    c.get('log').info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      tenant_id: c.get('tenantId'),
    })
  }
