/**
 * The hosted connect flow (docs/oauth.md): a tenant creates a short-lived session, its user opens the
 * connect page, kopru sends the browser to the provider with a single-use `state` bound to the session
 * (and to the browser by a cookie) and PKCE S256, then exchanges the code on the callback.
 */
import { bindDeps, type WithoutDeps } from './bind-deps.js'
import { completeAuthorization } from './connect/callback.js'
import { startAuthorization, submitCredentials } from './connect/authorize.js'
import { createReconnectLinks } from './connect/reconnect.js'
import { createSession, openSession } from './connect/sessions.js'
import type { ConnectDeps } from './connect/types.js'

export { ConnectFailure, SESSION_COOKIE, SESSION_TTL_MS, STATE_TTL_MS, type ConnectDeps } from './connect/types.js'

export function createConnectService(deps: ConnectDeps) {
  const links = createReconnectLinks(deps)
  return {
    createSession: bindDeps(deps, createSession),
    open: bindDeps(deps, openSession),
    authorize: bindDeps(deps, startAuthorization),
    async callback(...args: Parameters<WithoutDeps<ConnectDeps, typeof completeAuthorization>>) {
      const outcome = await completeAuthorization(deps, ...args)
      links.forget(outcome.connection.info.id)
      return outcome
    },
    submitCredentials: bindDeps(deps, submitCredentials),
    reconnectUrl: links.reconnectUrl,
    reconnectLink: links.reconnectLink,
  }
}

export type ConnectService = ReturnType<typeof createConnectService>
