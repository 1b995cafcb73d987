import { connectSessionRepository } from '../../db/oauth.js'
import { createConnectService } from '../connect.js'
import type { ConnectionService } from '../connections.js'
import type { Logger } from '../logger.js'
import type { OAuthApps } from '../oauth/apps.js'
import type { TokenClient } from '../oauth/client.js'
import type { CoreOptions } from '../options.js'
import type { Registry } from '../registry.js'
import type { UpstreamDeps } from '../upstream.js'

/** The hosted connect flow over the connection service. */
export function createConnect(
  options: CoreOptions,
  deps: { log: Logger; registry: Registry; connections: ConnectionService; oauthApps: OAuthApps; tokenClient: TokenClient; upstream: UpstreamDeps; now: () => number },
) {
  return createConnectService({
    sessions: connectSessionRepository(options.db),
    connections: deps.connections,
    registry: deps.registry,
    apps: deps.oauthApps,
    client: deps.tokenClient,
    keyring: options.keyring,
    resolveBaseUrl: deps.upstream.resolveBaseUrl,
    log: deps.log,
    now: deps.now,
    callLog: deps.upstream.callLog,
    // KOPRU_PUBLIC_URL; without it, links follow the base of the request they answer (never another request's).
    publicUrl: typeof options.publicUrl === 'string' ? options.publicUrl.replace(/\/+$/, '') : undefined,
  })
}
