/**
 * This instance's copy of the connections it serves (decrypted, keyed by tenant and id) and the state their
 * adapters keep between calls (`ctx.cache`). Owned by the core; everything here is dropped with `forget`, which
 * the connection service calls on delete and after every status or credential change it makes.
 */
import { LRUCache } from 'lru-cache'
import { createLoadingCache } from '../provider-kit/cache.js'
import type { ConnectionCache } from '../provider-kit/types.js'
import type { ResolvedConnection } from './types.js'

const keyOf = (tenantId: string, id: string) => `${tenantId}/${id}`

export function createConnectionCache({
  max = 10_000,
  ttlMs = 60_000,
  onForget,
}: {
  max?: number
  ttlMs?: number
  /** Per-connection state kept elsewhere in the core (session tokens) that goes with the connection. */
  onForget?: (connectionId: string) => void
} = {}) {
  const resolved = new LRUCache<string, ResolvedConnection>({ max, ttl: ttlMs })
  const adapterState = new LRUCache<string, ReturnType<typeof createLoadingCache<unknown>>>({ max })
  return {
    get: (tenantId: string, id: string) => resolved.get(keyOf(tenantId, id)),
    /** Without touching recency or expiry: for scrubbing a cached connection's secrets from what a request writes. */
    peek: (tenantId: string, id: string) => resolved.peek(keyOf(tenantId, id)),
    set: (connection: ResolvedConnection) => void resolved.set(keyOf(connection.info.tenantId, connection.info.id), connection),
    /** Keeps the cached copy in step after a token refresh or a status change made on another copy. */
    remember(connection: ResolvedConnection) {
      const cached = resolved.get(keyOf(connection.info.tenantId, connection.info.id))
      if (cached && cached !== connection) {
        cached.credentials = connection.credentials
        cached.status = connection.status
      }
    },
    /** Drops the connection and its adapter state. */
    forget(tenantId: string, id: string) {
      resolved.delete(keyOf(tenantId, id))
      adapterState.delete(id)
      onForget?.(id)
    },
    /** The adapter's cache for one connection (`ctx.cache`). */
    adapterCache(connectionId: string): ConnectionCache {
      let cache = adapterState.get(connectionId)
      if (!cache) {
        cache = createLoadingCache<unknown>({ max: 1000 })
        adapterState.set(connectionId, cache)
      }
      return cache as ConnectionCache
    },
  }
}

export type ConnectionStateCache = ReturnType<typeof createConnectionCache>
