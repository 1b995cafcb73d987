import type { ResolvedConnection } from '../connections.js'
import type { ConnectDeps } from './types.js'
import { createSession } from './sessions.js'

/** Reconnect links: one connect session per connection in `needs_reauth` while it is valid. */
export function createReconnectLinks(deps: ConnectDeps) {
  const reconnectLinks = new Map<string, { url: string; expiresAt: number }>()

  /** A connect link that re-authorizes this connection; one per connection while it is valid. */
  async function reconnectUrl(connection: ResolvedConnection, base: string): Promise<string> {
    // Keyed by the base too: a link made for one request's base is never handed to a request on another.
    const key = `${connection.info.id} ${deps.publicUrl ?? base}`
    const cached = reconnectLinks.get(key)
    if (cached && cached.expiresAt - deps.now() > 60_000) return cached.url
    const created = await createSession(deps, { tenantId: connection.info.tenantId, provider: connection.provider.id, environment: connection.info.environment, connectionId: connection.info.id, base })
    reconnectLinks.set(key, { url: created.url, expiresAt: Date.parse(created.expires_at) })
    return created.url
  }

  /** The reconnect link for a `connection_needs_reauth` answer, or undefined when none can be made. */
  async function reconnectLink(connection: ResolvedConnection, base: string): Promise<string | undefined> {
    try {
      return await reconnectUrl(connection, base)
    } catch (error) {
      deps.log.warn('could not create a reconnect link', { connection_id: connection.info.id, error: (error as Error).message })
      return undefined
    }
  }

  return { reconnectUrl, reconnectLink, forget(connectionId: string) {
      for (const key of reconnectLinks.keys()) if (key.startsWith(`${connectionId} `)) reconnectLinks.delete(key)
    },
  }
}
