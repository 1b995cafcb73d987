/**
 * The hosted connect flow (docs/oauth.md): a tenant creates a short-lived session, its user opens the
 * connect page, kopru sends the browser to the provider with a single-use `state` bound to the session
 * (and to the browser by a cookie) and PKCE S256, then exchanges the code on the callback.
 */
import { completeAuthorization } from './connect/callback.js'
import { startAuthorization, submitCredentials } from './connect/authorize.js'
import { createReconnectLinks } from './connect/reconnect.js'
import { createSession, openSession } from './connect/sessions.js'
import type { ConnectDeps } from './connect/types.js'

export { ConnectFailure, SESSION_COOKIE, SESSION_TTL_MS, STATE_TTL_MS, type ConnectDeps } from './connect/types.js'

export function createConnectService(deps: ConnectDeps) {
  const links = createReconnectLinks(deps)
  return {
    createSession: (input: Parameters<typeof createSession>[1]) => createSession(deps, input),
    open: (sessionId: string) => openSession(deps, sessionId),
    authorize: (...args: Parameters<typeof startAuthorization> extends [ConnectDeps, ...infer R] ? R : never) => startAuthorization(deps, ...args),
    async callback(...args: Parameters<typeof completeAuthorization> extends [ConnectDeps, ...infer R] ? R : never) {
      const outcome = await completeAuthorization(deps, ...args)
      links.forget(outcome.connection.info.id)
      return outcome
    },
    submitCredentials: (...args: Parameters<typeof submitCredentials> extends [ConnectDeps, ...infer R] ? R : never) => submitCredentials(deps, ...args),
    reconnectUrl: links.reconnectUrl,
    reconnectLink: links.reconnectLink,
  }
}

export type ConnectService = ReturnType<typeof createConnectService>
