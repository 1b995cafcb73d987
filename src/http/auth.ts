import type { Context, MiddlewareHandler, Next } from 'hono'
import type { ApiKeys } from '../core/api-keys.js'
import { timingSafeEqual } from '../core/crypto.js'
import { KopruError } from '../core/errors.js'
import type { GatewayEnv } from './types.js'

function bearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  return match?.[1]
}

const missing = () =>
  new KopruError('unauthorized', 'send your API key as Authorization: Bearer <key>', {
    headers: { 'WWW-Authenticate': 'Bearer realm="kopru"' },
  })

function admit(c: Context<GatewayEnv>, entry: { tenantId: string } | undefined, next: Next): Promise<void> {
  if (!entry) throw new KopruError('unauthorized', 'the API key is not valid')
  c.set('tenantId', entry.tenantId)
  return next()
}

/**
 * Tenant API keys (`Authorization: Bearer kpr_...`) -> the tenant of the request. A key in the cache is admitted
 * without an async step of its own (the middleware hands on `next()`'s promise); only a miss waits for the lookup.
 */
export const tenantAuth = ({ apiKeys }: { apiKeys: Pick<ApiKeys, 'lookup' | 'cached'> }): MiddlewareHandler<GatewayEnv> =>
  function tenantAuth(c, next) {
    const key = bearer(c.req.header('authorization'))
    if (!key) throw missing()
    if (!key.startsWith('kpr_') || key.length > 200) throw new KopruError('unauthorized', 'the API key is not valid')
    const cached = apiKeys.cached(key)
    if (cached) return admit(c, cached, next)
    return apiKeys.lookup(key).then((entry) => admit(c, entry, next))
  }

export const adminAuth = ({ adminKey }: { adminKey: string }): MiddlewareHandler<GatewayEnv> =>
  async function adminAuth(c, next) {
    const key = bearer(c.req.header('authorization'))
    if (!key) throw missing()
    if (!timingSafeEqual(key, adminKey)) throw new KopruError('unauthorized', 'the admin key is not valid')
    await next()
  }
