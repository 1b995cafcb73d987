/**
 * Session tokens a provider issues in exchange for a connection's credentials (MNG's JWT from `/token`): owned by
 * core next to the OAuth token path, one per connection, fetched once for concurrent callers, used by operations
 * and `/v1/proxy` alike, dropped when the provider answers 401 and when the connection is deleted.
 */
import { createLoadingCache } from './provider-kit/cache.js'

export interface SessionStore {
  token(connectionId: string, obtain: () => Promise<{ token: string; expiresAt: number }>): Promise<string>
  /** Forgets `token` for the connection (only if it is still the current one). */
  drop(connectionId: string, token: string): void
  /** Forgets the connection's session (connection deleted or its credentials replaced). */
  clear(connectionId: string): void
}

export function createSessionStore({ max = 10_000, now = () => Date.now() } = {}): SessionStore {
  const cache = createLoadingCache<string>({ max, now })
  return {
    token: (connectionId, obtain) => cache.get(connectionId, async () => {
      const { token, expiresAt } = await obtain()
      return { value: token, expiresAt }
    }),
    drop: (connectionId, token) => cache.delete(connectionId, token),
    clear: (connectionId) => cache.delete(connectionId),
  }
}
