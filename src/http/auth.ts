import type { MiddlewareHandler } from 'hono'
import { LRUCache } from 'lru-cache'
import { sha256Hex, timingSafeEqual } from '../core/crypto.js'
import { KopruError } from '../core/errors.js'
import type { TenantRepository } from '../db/tenants.js'
import type { GatewayEnv } from './types.js'

function bearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  return match?.[1]
}

const missing = () =>
  new KopruError('unauthorized', 'send your API key as Authorization: Bearer <key>', {
    headers: { 'WWW-Authenticate': 'Bearer realm="kopru"' },
  })

/** Tenant API keys: looked up by SHA-256 (only the hash is stored); a short in-memory cache keeps the hot path off the database. */
export function createTenantAuth({ tenants, cacheTtlMs = 30_000 }: { tenants: TenantRepository; cacheTtlMs?: number }) {
  const cache = new LRUCache<string, { tenantId: string; keyId: string }>({ max: 50_000, ttl: cacheTtlMs })
  const middleware: MiddlewareHandler<GatewayEnv> = async function tenantAuth(c, next) {
    const key = bearer(c.req.header('authorization'))
    if (!key) throw missing()
    if (!key.startsWith('kpr_') || key.length > 200) throw new KopruError('unauthorized', 'the API key is not valid')
    // Keyed by the presented key itself (memory only): a cached key costs neither a digest nor a query.
    let entry = cache.get(key)
    if (!entry) {
      const row = await tenants.findApiKeyByHash(await sha256Hex(key))
      if (!row) throw new KopruError('unauthorized', 'the API key is not valid')
      entry = { tenantId: row.tenantId, keyId: row.id }
      cache.set(key, entry)
    }
    c.set('tenantId', entry.tenantId)
    await next()
  }
  return {
    middleware,
    /** Forget a revoked key at once on this instance (others within the cache TTL). */
    forgetKey(keyId: string) {
      for (const [presented, entry] of cache.entries()) if (entry.keyId === keyId) cache.delete(presented)
    },
  }
}

export const adminAuth = ({ adminKey }: { adminKey: string }): MiddlewareHandler<GatewayEnv> =>
  async function adminAuth(c, next) {
    const key = bearer(c.req.header('authorization'))
    if (!key) throw missing()
    if (!timingSafeEqual(key, adminKey)) throw new KopruError('unauthorized', 'the admin key is not valid')
    await next()
  }
