/**
 * The hosted connect flow (docs/oauth.md): a tenant creates a short-lived session, its user opens the
 * connect page, kopru sends the browser to the provider with a single-use `state` bound to the session
 * (and to the browser by a cookie) and PKCE S256, then exchanges the code on the callback.
 */
import * as oauth from 'oauth4webapi'
import type { ConnectSessionRepository, ConnectSessionRow } from '../db/oauth.js'
import type { BaseUrlResolver } from './base-urls.js'
import type { ConnectionService, ResolvedConnection } from './connections.js'
import { sha256Hex, type Keyring } from './crypto.js'
import { KopruError } from './errors.js'
import { newId } from './ids.js'
import type { Logger } from './logger.js'
import type { RequestScope } from './request-scope.js'
import type { OAuthApps } from './oauth/apps.js'
import type { TokenClient } from './oauth/client.js'
import { oauthEndpoint } from './oauth/endpoints.js'
import type { Environment, ProviderDefinition } from './provider-kit/types.js'
import type { Registry } from './registry.js'

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

const sessionIdPattern = /^cs_[A-Za-z0-9]{20}$/

export function createConnectService(deps: ConnectDeps) {
  const { sessions, registry } = deps
  const reconnectLinks = new Map<string, { url: string; expiresAt: number }>()

  function checkRedirectUrl(value: string | undefined): string | null {
    if (!value) return null
    let url: URL
    try {
      url = new URL(value)
    } catch {
      url = new URL('invalid:')
    }
    if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password) {
      throw new KopruError('invalid_request', 'redirect_url must be an absolute http(s) URL', { errors: [{ path: 'redirect_url', message: 'absolute http(s) URL without credentials' }] })
    }
    return url.href
  }

  async function createSession(input: {
    tenantId: string
    provider: string
    environment?: Environment
    redirectUrl?: string
    connectionId?: string
    base: string
  }) {
    const provider = registry.get(input.provider)
    const environment = input.environment ?? 'production'
    if (!provider.baseUrls[environment]) {
      throw new KopruError('invalid_request', `${provider.name} has no ${environment} environment`, { errors: [{ path: 'environment', message: `unsupported for ${provider.id}` }] })
    }
    if (provider.auth.type === 'oauth2') await deps.apps.require(provider)
    if (input.connectionId) {
      const existing = await deps.connections.get(input.tenantId, input.connectionId)
      if (existing.provider.id !== provider.id) throw new KopruError('invalid_request', `connection '${input.connectionId}' belongs to ${existing.provider.name}`)
    }
    const now = deps.now()
    const row = await sessions.create({
      id: newId('cs'),
      tenantId: input.tenantId,
      provider: provider.id,
      environment,
      redirectUrl: checkRedirectUrl(input.redirectUrl),
      connectionId: input.connectionId ?? null,
      fields: {},
      expiresAt: new Date(now + SESSION_TTL_MS),
      createdAt: new Date(now),
    })
    return { id: row.id, url: `${deps.publicUrl ?? input.base}/connect/${row.id}`, expires_at: row.expiresAt.toISOString() }
  }

  /** The session behind a connect page; expired, used or unknown sessions are refused with a page. */
  async function open(sessionId: string): Promise<{ session: ConnectSessionRow; provider: ProviderDefinition }> {
    const session = sessionIdPattern.test(sessionId) ? await sessions.get(sessionId) : undefined
    if (!session) throw new ConnectFailure('session_not_found', 'This connect link is not valid. Ask the app that sent you for a new one.', undefined, 404)
    if (session.completedConnectionId) throw new ConnectFailure('session_used', 'This connect link has already been used.', undefined, 410)
    if (session.expiresAt.getTime() <= deps.now()) throw new ConnectFailure('session_expired', 'This connect link has expired. Ask the app that sent you for a new one.', undefined, 410)
    return { session, provider: registry.get(session.provider) }
  }

  /** Connect button: binds a fresh state and PKCE verifier to the session, returns the provider's authorize URL. */
  async function authorize(sessionId: string, cookieSession: string | undefined, form: Record<string, string>, base: string) {
    const { session, provider } = await open(sessionId)
    const spec = provider.auth.oauth
    if (!spec) throw new ConnectFailure('not_oauth', `${provider.name} connects with credentials, not OAuth.`)
    if (cookieSession !== session.id) throw new ConnectFailure('session_mismatch', 'Open the connect link again in this browser, then press Connect.')
    const fields: Record<string, string> = {}
    const errors: { path: string; message: string }[] = []
    for (const { field, schema } of spec.connectFields ?? []) {
      const parsed = schema.safeParse(form[field.name] ?? '')
      if (parsed.success) fields[field.name] = parsed.data
      else errors.push({ path: field.name, message: parsed.error.issues[0]?.message ?? 'invalid' })
    }
    if (errors.length) throw new KopruError('invalid_request', 'please correct the highlighted fields', { errors })
    const app = await deps.apps.require(provider)
    const state = oauth.generateRandomState()
    const verifier = oauth.generateRandomCodeVerifier()
    const challenge = await oauth.calculatePKCECodeChallenge(verifier)
    await sessions.beginAuthorization(session.id, {
      stateHash: await sha256Hex(state),
      codeVerifier: await deps.keyring.encrypt(verifier),
      fields,
      stateExpiresAt: new Date(deps.now() + STATE_TTL_MS),
    })
    const callbackUrl = `${deps.publicUrl ?? base}/connect/callback`
    const redirectUri = spec.redirectUri?.({ app, callbackUrl }) ?? callbackUrl
    const url = oauthEndpoint(deps.resolveBaseUrl, provider, session.environment as Environment, spec.authorize, fields)
    const scopes = app.scopes?.length ? app.scopes : spec.defaultScopes
    const params: Record<string, string | null> = {
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(spec.scopeSeparator ?? ' '),
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...spec.authorizeParams?.({ app, redirectUri, fields }),
    }
    for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value)
    deps.log.info('connect authorization started', { session_id: session.id, provider: provider.id, tenant_id: session.tenantId })
    return url
  }

  /** The OAuth redirect URI: state checks, code exchange, then the connection. */
  async function callback(params: URLSearchParams, cookieSession: string | undefined, base: string, scope: RequestScope) {
    const state = params.get('state')
    if (!state) throw new ConnectFailure('missing_state', 'The authorization response has no state parameter, so it cannot be trusted. Start again from the connect link.')
    const stateHash = await sha256Hex(state)
    const found = state.length <= 512 ? await sessions.findByState(stateHash) : undefined
    if (!found) throw new ConnectFailure('unknown_state', 'This authorization response was not started here (unknown state). Start again from the connect link.')
    if (cookieSession !== found.id) {
      throw new ConnectFailure('session_mismatch', 'This authorization response belongs to a different connect session than the one open in this browser.')
    }
    const now = new Date(deps.now())
    const session = await sessions.consumeState(found.id, stateHash, now)
    if (!session) {
      const reason = found.stateUsedAt
        ? new ConnectFailure('state_used', 'This authorization response has already been used. Start again from the connect link.')
        : new ConnectFailure('state_expired', 'This authorization took too long and has expired. Start again from the connect link.')
      throw reason
    }
    const provider = registry.get(session.provider)
    const spec = provider.auth.oauth!
    const providerError = params.get('error')
    if (providerError) {
      throw new ConnectFailure(providerError === 'access_denied' ? 'access_denied' : 'provider_error', `${provider.name} did not authorize the connection${params.get('error_description') ? `: ${params.get('error_description')}` : ''}.`, session)
    }
    const app = await deps.apps.require(provider)
    const signatureProblem = await spec.verifyCallback?.({ params, app, fields: session.fields })
    if (signatureProblem) throw new ConnectFailure('invalid_callback', signatureProblem, session)
    const code = params.get(spec.codeParam ?? 'code')
    if (!code) throw new ConnectFailure('invalid_callback', `${provider.name} returned no authorization code.`, session)

    const callbackUrl = `${deps.publicUrl ?? base}/connect/callback`
    const redirectUri = spec.redirectUri?.({ app, callbackUrl }) ?? callbackUrl
    const tokenUrl = oauthEndpoint(deps.resolveBaseUrl, provider, session.environment as Environment, spec.token, session.fields)
    const result = await deps.client.exchangeCode({
      tokenUrl,
      spec,
      app,
      code,
      redirectUri,
      codeVerifier: await deps.keyring.decrypt(session.codeVerifier!),
    })
    if (!result.ok) {
      deps.log.warn('authorization code exchange failed', { session_id: session.id, provider: provider.id, status: result.status ?? null, error: result.error ?? null })
      if (result.kind === 'unavailable') throw new ConnectFailure('provider_unavailable', `${provider.name} is not answering right now. Please try again in a minute.`, session, 503)
      throw new ConnectFailure(result.error ?? 'token_exchange_failed', `${provider.name} refused to complete the authorization${result.description ? ` (${result.description})` : ''}.`, session)
    }
    const metadata = { ...session.fields, ...spec.callbackMetadata?.(params, session.fields) }
    let outcome: { connection: ResolvedConnection; created: boolean }
    try {
      outcome = await deps.connections.authorize(
        {
          tenantId: session.tenantId,
          provider: provider.id,
          environment: session.environment as Environment,
          credentials: { ...result.tokens, ...spec.credentialExtras?.(app) },
          metadata,
          connectionId: session.connectionId,
        },
        scope,
      )
    } catch (error) {
      if (error instanceof KopruError) throw new ConnectFailure(error.code, error.message, session, error.status >= 500 ? 502 : 400)
      throw error
    }
    await sessions.complete(session.id, outcome.connection.info.id)
    for (const key of reconnectLinks.keys()) if (key.startsWith(`${outcome.connection.info.id} `)) reconnectLinks.delete(key)
    return { session, connection: outcome.connection, created: outcome.created }
  }

  /** Key/secret providers on the hosted page: the posted fields become a connection. */
  async function submitCredentials(sessionId: string, cookieSession: string | undefined, form: Record<string, string>, scope: RequestScope) {
    const { session, provider } = await open(sessionId)
    if (cookieSession !== session.id) throw new ConnectFailure('session_mismatch', 'Open the connect link again in this browser, then submit the form.')
    const credentials = Object.fromEntries(provider.auth.fields.map((field) => [field.name, form[field.name] ?? '']).filter(([, v]) => v !== ''))
    const connection = await deps.connections.create({ tenantId: session.tenantId, provider: provider.id, environment: session.environment as Environment, credentials }, scope)
    await sessions.complete(session.id, connection.info.id)
    return { session, connection }
  }

  /** A connect link that re-authorizes this connection; one per connection while it is valid. */
  async function reconnectUrl(connection: ResolvedConnection, base: string): Promise<string> {
    const key = `${connection.info.id} ${deps.publicUrl ?? base}`
    const cached = reconnectLinks.get(key)
    if (cached && cached.expiresAt - deps.now() > 60_000) return cached.url
    const created = await createSession({ tenantId: connection.info.tenantId, provider: connection.provider.id, environment: connection.info.environment, connectionId: connection.info.id, base })
    reconnectLinks.set(key, { url: created.url, expiresAt: Date.parse(created.expires_at) })
    return created.url
  }

  /**
   * The error for a connection that must be re-authorized. Its `reconnect_url` is made at the HTTP edge from the
   * answering request's own base (or KOPRU_PUBLIC_URL), never from another request's.
   */
  async function needsReauthError(connection: ResolvedConnection, detail?: string): Promise<KopruError> {
    const links = async (base: string) => {
      try {
        return { reconnect_url: await reconnectUrl(connection, base) }
      } catch (error) {
        deps.log.warn('could not create a reconnect link', { connection_id: connection.info.id, error: (error as Error).message })
        return undefined
      }
    }
    return new KopruError('connection_needs_reauth', `connection '${connection.info.id}' must be re-authorized by its owner${detail ? `: ${detail}` : ''}`, {
      links,
    })
  }

  return { createSession, open, authorize, callback, submitCredentials, reconnectUrl, needsReauthError }
}

export type ConnectService = ReturnType<typeof createConnectService>
