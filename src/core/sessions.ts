/**
 * Session tokens a provider issues in exchange for a connection's credentials (MNG's JWT from `/token`): owned by
 * core next to the OAuth token path, one per connection and login, fetched once for concurrent callers, used by
 * operations and `/v1/proxy` alike, dropped when the provider answers 401 and when the connection is forgotten
 * (deleted, its credentials replaced). A token belongs to the credentials it was obtained with, so new credentials
 * being verified (PATCH) never ride on the session of the old ones.
 */
import { createLoadingCache } from './provider-kit/cache.js'

export interface SessionStore {
  /** The connection's token for these credentials (omitted: the connection's only login), obtained once. */
  token(connectionId: string, obtain: () => Promise<{ token: string; expiresAt: number }>, credentials?: unknown): Promise<string>
  /** Forgets `token` for the connection and credentials (only if it is still the current one). */
  drop(connectionId: string, token: string, credentials?: unknown): void
  /** Forgets every session of the connection (connection deleted or its credentials replaced). */
  clear(connectionId: string): void
}

export function createSessionStore({ max = 10_000, now = () => Date.now() } = {}): SessionStore {
  const cache = createLoadingCache<string>({ max, now })
  // The keys held per connection, for `clear`; in memory only, like the decrypted credentials they are made of.
  const keysOf = new Map<string, Set<string>>()
  const keyOf = (connectionId: string, credentials: unknown) =>
    credentials === undefined ? connectionId : `${connectionId}\u0000${JSON.stringify(credentials)}`
  return {
    token(connectionId, obtain, credentials) {
      const key = keyOf(connectionId, credentials)
      let keys = keysOf.get(connectionId)
      if (!keys) keysOf.set(connectionId, (keys = new Set()))
      keys.add(key)
      return cache.get(key, async () => {
        const { token, expiresAt } = await obtain()
        return { value: token, expiresAt }
      })
    },
    drop: (connectionId, token, credentials) => cache.delete(keyOf(connectionId, credentials), token),
    clear(connectionId) {
      for (const key of keysOf.get(connectionId) ?? []) cache.delete(key)
      keysOf.delete(connectionId)
    },
  }
}
