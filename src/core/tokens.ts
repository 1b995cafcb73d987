/**
 * The OAuth token lifecycle (docs/oauth.md): refresh ahead of expiry, single-flight per connection inside
 * the process (a promise map) and across processes (pg_advisory_xact_lock on the connection, then a re-read:
 * another instance may have refreshed meanwhile), rotated refresh tokens written in the same transaction,
 * `invalid_grant` -> `needs_reauth` plus a lifecycle event, transient failures -> `provider_unavailable`.
 */
import { eq, sql } from 'drizzle-orm'
import { connections } from '../db/schema.js'
import type { Database } from '../db/types.js'
import type { BaseUrlResolver } from './base-urls.js'
import type { ConnectionEventRecorder } from './connection-events.js'
import type { ResolvedConnection } from './connections.js'
import type { Keyring } from './crypto.js'
import { KopruError } from './errors.js'
import type { Logger } from './logger.js'
import type { OAuthApps } from './oauth/apps.js'
import type { TokenClient } from './oauth/client.js'
import { oauthEndpoint } from './oauth/endpoints.js'
import type { OAuthSpec, OAuthTokens } from './provider-kit/types.js'

type StoredTokens = OAuthTokens & Record<string, unknown>

export interface TokenManagerDeps {
  db: Database
  keyring: Keyring
  apps: OAuthApps
  client: TokenClient
  resolveBaseUrl: BaseUrlResolver
  log: Logger
  now: () => number
  recordEvent: ConnectionEventRecorder
  /** The error a call gets when the connection must be re-authorized (carries `reconnect_url`). */
  needsReauth(connection: ResolvedConnection, detail?: string): Promise<KopruError>
  /** Tells the connection cache about new credentials or status. */
  onChange(connection: ResolvedConnection): void
  /** After a transient refresh failure, calls fail fast for this long instead of hammering the provider. */
  cooldownMs?: number
  /** Counts each refresh this instance performed, by outcome (`/metrics`: kopru_token_refreshes_total). */
  countRefresh?(provider: string, outcome: 'ok' | 'failed' | 'needs_reauth'): void
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

  const specOf = (connection: ResolvedConnection): OAuthSpec | undefined =>
    connection.provider.auth.type === 'oauth2' ? connection.provider.auth.oauth : undefined
  const expiry = (tokens: StoredTokens) => (tokens.expires_at ? Date.parse(tokens.expires_at) : Number.POSITIVE_INFINITY)
  const isDue = (spec: OAuthSpec, tokens: StoredTokens) => expiry(tokens) - deps.now() <= spec.refreshWindowMs
  const isExpired = (tokens: StoredTokens) => expiry(tokens) <= deps.now()

  /** Credentials to send now: refreshed first when inside the provider's refresh window. */
  async function current(connection: ResolvedConnection): Promise<unknown> {
    const spec = specOf(connection)
    const tokens = connection.credentials as StoredTokens
    if (!spec || !isDue(spec, tokens)) return tokens
    try {
      return await refresh(connection)
    } catch (error) {
      // Refreshing ahead of expiry is an optimization: a still-valid token keeps working through an outage.
      if (error instanceof KopruError && error.retryable && !isExpired(tokens)) {
        deps.log.warn('token refresh failed ahead of expiry; using the current token', { connection_id: connection.info.id, code: error.code })
        return tokens
      }
      throw error
    }
  }

  /** One refresh per connection at a time in this process; `stale` forces it unless someone already replaced that token. */
  function refresh(connection: ResolvedConnection, stale?: string): Promise<StoredTokens> {
    const id = connection.info.id
    let running = inflight.get(id)
    if (!running) {
      running = run(connection, stale).finally(() => inflight.delete(id))
      inflight.set(id, running)
    }
    return running
  }

  async function run(connection: ResolvedConnection, stale?: string): Promise<StoredTokens> {
    const spec = specOf(connection)!
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
    const tokenUrl = oauthEndpoint(deps.resolveBaseUrl, provider, info.environment, spec.token, info.metadata)

    const outcome = await deps.db.transaction(async (tx): Promise<Outcome> => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kopru.connection.${info.id}`}, 0))`)
      const [row] = await tx
        .select({ status: connections.status, credentials: connections.credentials })
        .from(connections)
        .where(eq(connections.id, info.id))
      if (!row) return { kind: 'gone' }
      if (row.status === 'needs_reauth') return { kind: 'needs_reauth', detail: 'the connection was marked for re-authorization' }
      const stored = JSON.parse(await deps.keyring.decrypt(row.credentials)) as StoredTokens
      const replaced = stale !== undefined ? stored.access_token !== stale : !isDue(spec, stored)
      if (replaced) return { kind: 'fresh', credentials: stored }
      if (!stored.refresh_token) return markNeedsReauth(tx, connection, 'no refresh token is stored for this connection')

      stats.refreshes++
      const result = await deps.client.refresh({ tokenUrl, spec, app, refreshToken: stored.refresh_token })
      if (result.ok) {
        // A refresh response without refresh_token keeps the old one; a rotated one replaces it right here,
        // in the transaction that holds the lock, before anything else can fail.
        const next: StoredTokens = { ...stored, ...result.tokens, refresh_token: result.tokens.refresh_token ?? stored.refresh_token }
        if (!result.tokens.expires_at) delete next.expires_at
        await tx
          .update(connections)
          .set({ credentials: await deps.keyring.encrypt(JSON.stringify(next)), updatedAt: new Date(deps.now()) })
          .where(eq(connections.id, info.id))
        return { kind: 'refreshed', credentials: next }
      }
      if (result.kind === 'invalid_grant') {
        return markNeedsReauth(tx, connection, result.description ?? `${provider.name} refused the refresh token (invalid_grant)`)
      }
      return { kind: 'failed', status: result.status, error: result.error, description: result.description, transient: result.kind === 'unavailable' }
    })

    if (outcome.kind === 'fresh' || outcome.kind === 'refreshed') {
      cooling.delete(info.id)
      if (outcome.kind === 'fresh') stats.reusedAfterLock++
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
      throw await deps.needsReauth(connection, outcome.detail)
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
    if (failed.transient) {
      cooling.set(info.id, deps.now() + cooldownMs)
      throw new KopruError('provider_unavailable', `${provider.name} could not refresh the access token${failed.status ? ` (HTTP ${failed.status})` : ''}; the connection stays active`, {
        provider: { id: provider.id, status: failed.status, code: failed.error, message: failed.description },
      })
    }
    throw new KopruError('provider_error', `${provider.name} refused the token refresh${failed.error ? ` (${failed.error})` : ''}; check the OAuth app`, {
      provider: { id: provider.id, status: failed.status, code: failed.error, message: failed.description },
    })
  }

  async function markNeedsReauth(tx: Database, connection: ResolvedConnection, detail: string): Promise<Outcome> {
    await tx.update(connections).set({ status: 'needs_reauth', updatedAt: new Date(deps.now()) }).where(eq(connections.id, connection.info.id))
    await deps.recordEvent(tx, {
      type: 'connection.needs_reauth',
      tenantId: connection.info.tenantId,
      connectionId: connection.info.id,
      data: { provider: connection.provider.id, reason: detail },
    })
    deps.log.warn('connection needs re-authorization', { connection_id: connection.info.id, provider: connection.provider.id, reason: detail })
    return { kind: 'needs_reauth', detail }
  }

  return {
    stats,
    manages: (connection: ResolvedConnection) => specOf(connection) !== undefined,
    current,
    /** After an upstream 401: one forced refresh, unless the rejected token was already replaced. */
    forceRefresh: (connection: ResolvedConnection, rejectedAccessToken: string) => refresh(connection, rejectedAccessToken),
  }
}

export type TokenManager = ReturnType<typeof createTokenManager>
