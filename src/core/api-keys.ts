import { LRUCache } from 'lru-cache'
import type { TenantRepository } from '../db/tenants.js'
import { sha256Hex } from './crypto.js'

/**
 * Tenant API keys: looked up by SHA-256 (only the hash is stored); a short in-memory cache keyed by the presented
 * key itself keeps the hot path off the database and free of a digest.
 */
export function createApiKeys({ tenants, cacheTtlMs = 30_000 }: { tenants: TenantRepository; cacheTtlMs?: number }) {
  const cache = new LRUCache<string, { tenantId: string; keyId: string }>({ max: 50_000, ttl: cacheTtlMs })
  return {
    /** The cached entry of a presented key, without a promise: the hot path's answer when the key was seen lately. */
    cached(key: string): { tenantId: string; keyId: string } | undefined {
      return cache.get(key)
    },
    async lookup(key: string): Promise<{ tenantId: string; keyId: string } | undefined> {
      const cached = cache.get(key)
      if (cached) return cached
      const row = await tenants.findApiKeyByHash(await sha256Hex(key))
      if (!row) return undefined
      const entry = { tenantId: row.tenantId, keyId: row.id }
      cache.set(key, entry)
      return entry
    },
    /** Forget a revoked key at once on this instance (others within the cache TTL). */
    forget(keyId: string) {
      for (const [presented, entry] of cache.entries()) if (entry.keyId === keyId) cache.delete(presented)
    },
  }
}

export type ApiKeys = ReturnType<typeof createApiKeys>
