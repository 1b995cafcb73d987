/**
 * The OAuth token lifecycle (docs/oauth.md): refresh ahead of expiry, single-flight per connection inside
 * the process (a promise map) and across processes (pg_advisory_xact_lock on the connection, then a re-read:
 * another instance may have refreshed meanwhile), rotated refresh tokens written in the same transaction,
 * `invalid_grant` -> `needs_reauth` plus a lifecycle event, transient failures -> `provider_unavailable`.
 */
import { sql } from 'drizzle-orm'
import { connectionRepository } from '../db/connections.js'
import type { Database } from '../db/types.js'
import type { BaseUrlResolver } from './base-urls.js'
import type { RecordConnectionEvent } from './connection-events.js'
import type { ResolvedConnection } from './connections.js'
import { snapshotOf } from './connections/types.js'
import type { Keyring } from './crypto.js'
import { KopruError } from './errors.js'
import type { Logger } from './logger.js'
import type { OAuthApps } from './oauth/apps.js'
import type { TokenClient } from './oauth/client.js'
import { oauthEndpoint } from './oauth/endpoints.js'
import type { OAuthSpec, OAuthTokens } from './provider-kit/types.js'
import type { CallLog } from './call-log/writer.js'
import { tokenRequestRecord } from './oauth/token-record.js'
import type { RequestScope } from './request-scope.js'

type StoredTokens = OAuthTokens & Record<string, unknown>

export interface TokenManagerDeps {
  db: Database
  keyring: Keyring
  apps: OAuthApps
  client: TokenClient
  resolveBaseUrl: BaseUrlResolver
  log: Logger
  now: () => number
  recordEvent: RecordConnectionEvent
  /** Tells the connection cache about new credentials or status. */
  onChange(connection: ResolvedConnection): void
  /** After a transient refresh failure, calls fail fast for this long instead of hammering the provider. */
  cooldownMs?: number
  /** Counts each refresh this instance performed, by outcome (`/metrics`: kopru_token_refreshes_total). */
  countRefresh?(provider: string, outcome: 'ok' | 'failed' | 'needs_reauth'): void
  /** Each token request is recorded here (kind `token_refresh`), under the request that caused it. */
  callLog?: CallLog
}

type Outcome =
  | { kind: 'fresh' | 'refreshed'; credentials: StoredTokens }
  | { kind: 'needs_reauth'; detail: string }
  | { kind: 'gone' }
  | { kind: 'failed'; status?: number; error?: string; description?: string; transient: boolean }

export function createTokenManager(deps: TokenManagerDeps) {
  const inflight = new Map<string, Promise<StoredTokens>>()
  const cooling = new Map<string, number>()
  const cooldownMs = deps.cooldownMs ?? 2_000
  const stats = { refreshes: 0, lockWaits: 0, reusedAfterLock: 0 }
  const timing = { now: deps.now, cooling, cooldownMs }

  /** Credentials to send now: refreshed first when inside the provider's refresh window. */
  async function current(connection: ResolvedConnection, scope?: RequestScope): Promise<unknown> {
    const spec = specOf(connection)
    const tokens = connection.credentials as StoredTokens
    if (!spec || !isDue(deps.now, spec, tokens)) return tokens
    try {
      return await refresh(connection, undefined, scope)
    } catch (error) {
      // Refreshing ahead of expiry is an optimization: a still-valid token keeps working through an outage.
      if (error instanceof KopruError && error.retryable && expiry(tokens) > deps.now()) {
        deps.log.warn('token refresh failed ahead of expiry; using the current token', { connection_id: connection.info.id, code: error.code })
        return tokens
      }
      throw error
    }
  }

  /** One refresh per connection at a time in this process; `stale` forces it unless someone already replaced that token. */
  function refresh(connection: ResolvedConnection, stale?: string, scope?: RequestScope): Promise<StoredTokens> {
    const id = connection.info.id
    let running = inflight.get(id)
    if (!running) {
      running = run(connection, stale, scope).finally(() => inflight.delete(id))
      inflight.set(id, running)
    }
    return running
  }

  async function run(connection: ResolvedConnection, stale?: string, scope?: RequestScope): Promise<StoredTokens> {
    const { provider, info } = connection
    const until = cooling.get(info.id)
    if (until && until > deps.now()) {
      throw new KopruError('provider_unavailable', `${provider.name} could not refresh the token a moment ago; retry shortly`, {
        provider: { id: provider.id },
        headers: { 'Retry-After': String(Math.max(1, Math.ceil((until - deps.now()) / 1000))) },
      })
    }
    // Read before the transaction: PGlite has one connection, so nothing outside `tx` may run inside it.
    const app = await deps.apps.require(provider)
    const tokenUrl = oauthEndpoint(deps.resolveBaseUrl, provider, info.environment, specOf(connection)!.token, info.metadata)
    const outcome = await deps.db.transaction((tx) => refreshLocked(deps, stats, tx as unknown as Database, connection, { stale, app, tokenUrl, requestId: scope?.requestId }))
    return settle(deps, { ...timing, stats }, connection, outcome)
  }

  return {
    stats,
    manages: (connection: ResolvedConnection) => specOf(connection) !== undefined,
    current,
    /** After an upstream 401: one forced refresh, unless the rejected token was already replaced. */
    forceRefresh: (connection: ResolvedConnection, rejectedAccessToken: string, scope?: RequestScope) => refresh(connection, rejectedAccessToken, scope),
  }
}

const specOf = (connection: ResolvedConnection): OAuthSpec | undefined =>
  connection.provider.auth.type === 'oauth2' ? connection.provider.auth.oauth : undefined
const expiry = (tokens: StoredTokens) => (tokens.expires_at ? Date.parse(tokens.expires_at) : Number.POSITIVE_INFINITY)
const isDue = (now: () => number, spec: OAuthSpec, tokens: StoredTokens) => expiry(tokens) - now() <= spec.refreshWindowMs

type Stats = { refreshes: number; lockWaits: number; reusedAfterLock: number }

/** Inside the transaction holding the connection's advisory lock: re-read, then refresh only if still needed. */
async function refreshLocked(
  deps: TokenManagerDeps,
  stats: Stats,
  tx: Database,
  connection: ResolvedConnection,
  { stale, app, tokenUrl, requestId }: { stale?: string; app: Awaited<ReturnType<OAuthApps['require']>>; tokenUrl: URL; requestId?: string },
): Promise<Outcome> {
  const { provider, info } = connection
  const spec = specOf(connection)!
  const repository = connectionRepository(tx)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kopru.connection.${info.id}`}, 0))`)
  const row = await repository.findById(info.id)
  if (!row) return { kind: 'gone' }
  if (row.status === 'needs_reauth') return { kind: 'needs_reauth', detail: 'the connection was marked for re-authorization' }
  const stored = JSON.parse(await deps.keyring.decrypt(row.credentials)) as StoredTokens
  const replaced = stale !== undefined ? stored.access_token !== stale : !isDue(deps.now, spec, stored)
  if (replaced) return { kind: 'fresh', credentials: stored }
  if (!stored.refresh_token) return markNeedsReauth(deps, tx, connection, 'no refresh token is stored for this connection')

  stats.refreshes++
  const started = performance.now()
  const result = await deps.client.refresh({ tokenUrl, spec, app, refreshToken: stored.refresh_token })
  deps.callLog?.push(
    tokenRequestRecord({
      kind: 'token_refresh',
      tenantId: info.tenantId,
      connectionId: info.id,
      provider: connection.provider.id,
      tokenUrl,
      requestId: requestId ?? `refresh_${info.id}`,
      result,
      ms: performance.now() - started,
    }),
  )
  if (result.ok) {
    // A refresh response without refresh_token keeps the old one; a rotated one replaces it right here,
    // in the transaction that holds the lock, before anything else can fail.
    const next: StoredTokens = { ...stored, ...result.tokens, refresh_token: result.tokens.refresh_token ?? stored.refresh_token }
    if (!result.tokens.expires_at) delete next.expires_at
    await repository.updateCredentials(info.id, await deps.keyring.encrypt(JSON.stringify(next)), { at: new Date(deps.now()) })
    return { kind: 'refreshed', credentials: next }
  }
  if (result.kind === 'invalid_grant') {
    return markNeedsReauth(deps, tx, connection, result.description ?? `${provider.name} refused the refresh token (invalid_grant)`)
  }
  return { kind: 'failed', status: result.status, error: result.error, description: result.description, transient: result.kind === 'unavailable' }
}

async function markNeedsReauth(deps: TokenManagerDeps, tx: Database, connection: ResolvedConnection, detail: string): Promise<Outcome> {
  const row = await connectionRepository(tx).setStatus(connection.info.id, 'needs_reauth', { at: new Date(deps.now()) })
  if (row) await deps.recordEvent(tx, 'connection.needs_reauth', snapshotOf(row), { reason: detail })
  deps.log.warn('connection needs re-authorization', { connection_id: connection.info.id, provider: connection.provider.id, reason: detail })
  return { kind: 'needs_reauth', detail }
}

/** After the transaction: the credentials to use, or the error the call gets. */
function settle(
  deps: TokenManagerDeps,
  state: { now: () => number; cooling: Map<string, number>; cooldownMs: number; stats: Stats },
  connection: ResolvedConnection,
  outcome: Outcome,
): StoredTokens {
  const { provider, info } = connection
  if (outcome.kind === 'fresh' || outcome.kind === 'refreshed') {
    state.cooling.delete(info.id)
    if (outcome.kind === 'fresh') state.stats.reusedAfterLock++
    else deps.countRefresh?.(provider.id, 'ok')
    connection.credentials = outcome.credentials
    deps.onChange(connection)
    deps.log.info(outcome.kind === 'refreshed' ? 'token refreshed' : 'token refreshed by another holder', {
      connection_id: info.id,
      provider: provider.id,
      expires_at: outcome.credentials.expires_at ?? null,
    })
    return outcome.credentials
  }
  if (outcome.kind === 'gone') throw new KopruError('not_found', `connection '${info.id}' does not exist`)
  if (outcome.kind === 'needs_reauth') {
    deps.countRefresh?.(provider.id, 'needs_reauth')
    connection.status = 'needs_reauth'
    deps.onChange(connection)
    // The runner adds the reconnect link (it knows the request's base); see pipeline.ts.
    throw needsReauthError(info.id, outcome.detail)
  }
  const failed = outcome as Extract<Outcome, { kind: 'failed' }>
  deps.countRefresh?.(provider.id, 'failed')
  deps.log.warn('token refresh failed', {
    connection_id: info.id,
    provider: provider.id,
    status: failed.status ?? null,
    error: failed.error ?? null,
    description: failed.description ?? null,
  })
  const facts = { provider: { id: provider.id, status: failed.status, code: failed.error, message: failed.description } }
  if (failed.transient) {
    state.cooling.set(info.id, state.now() + state.cooldownMs)
    throw new KopruError('provider_unavailable', `${provider.name} could not refresh the access token${failed.status ? ` (HTTP ${failed.status})` : ''}; the connection stays active`, facts)
  }
  throw new KopruError('provider_error', `${provider.name} refused the token refresh${failed.error ? ` (${failed.error})` : ''}; check the OAuth app`, facts)
}

/** `connection_needs_reauth` without a link yet; the operation runner attaches `reconnect_url`. */
export const needsReauthError = (connectionId: string, detail?: string) =>
  new KopruError('connection_needs_reauth', `connection '${connectionId}' must be re-authorized by its owner${detail ? `: ${detail}` : ''}`)

export type TokenManager = ReturnType<typeof createTokenManager>
