import type { ConnectSessionRepository } from '../../db/oauth.js'
import type { BaseUrlResolver } from '../base-urls.js'
import type { CallLog } from '../call-log/writer.js'
import type { ConnectionService } from '../connections.js'
import type { Keyring } from '../crypto.js'
import type { Logger } from '../logger.js'
import type { OAuthApps } from '../oauth/apps.js'
import type { TokenClient } from '../oauth/client.js'
import type { Registry } from '../registry.js'
import type { ConnectSessionRow } from '../../db/oauth.js'

export const SESSION_TTL_MS = 15 * 60_000
export const STATE_TTL_MS = 10 * 60_000
export const SESSION_COOKIE = 'kopru_connect'

export interface ConnectDeps {
  sessions: ConnectSessionRepository
  connections: ConnectionService
  registry: Registry
  apps: OAuthApps
  client: TokenClient
  keyring: Keyring
  resolveBaseUrl: BaseUrlResolver
  log: Logger
  now: () => number
  /** Where the authorization-code exchange is recorded (kind `token_exchange`). */
  callLog?: CallLog
  /** KOPRU_PUBLIC_URL; when unset, the base is taken from the request (see routes/connect.ts). */
  publicUrl?: string
}

/** A refusal shown to the user: on the page, or (when the session is trusted) as `?error=` on its redirect_url. */
export class ConnectFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly session?: ConnectSessionRow,
    readonly status = 400,
  ) {
    super(message)
  }
}

