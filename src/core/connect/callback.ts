import type { RequestScope } from '../request-scope.js'
import { oauthEndpoint } from '../oauth/endpoints.js'
import type { ResolvedConnection } from '../connections.js'
import { sha256Hex } from '../crypto.js'
import { KopruError } from '../errors.js'
import type { Environment } from '../provider-kit/types.js'
import { recordExchange } from './exchange-record.js'
import { ConnectFailure, type ConnectDeps } from './types.js'

/** The OAuth redirect URI: state checks, code exchange, then the connection. */
export async function completeAuthorization(deps: ConnectDeps, params: URLSearchParams, cookieSession: string | undefined, base: string, scope: RequestScope) {
  const state = params.get('state')
  if (!state) throw new ConnectFailure('missing_state', 'The authorization response has no state parameter, so it cannot be trusted. Start again from the connect link.')
  const stateHash = await sha256Hex(state)
  const found = state.length <= 512 ? await deps.sessions.findByState(stateHash) : undefined
  if (!found) throw new ConnectFailure('unknown_state', 'This authorization response was not started here (unknown state). Start again from the connect link.')
  if (cookieSession !== found.id) {
    throw new ConnectFailure('session_mismatch', 'This authorization response belongs to a different connect session than the one open in this browser.')
  }
  const now = new Date(deps.now())
  const session = await deps.sessions.consumeState(found.id, stateHash, now)
  if (!session) {
    const reason = found.stateUsedAt
      ? new ConnectFailure('state_used', 'This authorization response has already been used. Start again from the connect link.')
      : new ConnectFailure('state_expired', 'This authorization took too long and has expired. Start again from the connect link.')
    throw reason
  }
  const provider = deps.registry.get(session.provider)
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
  const started = performance.now()
  const result = await deps.client.exchangeCode({
    tokenUrl,
    spec,
    app,
    code,
    redirectUri,
    codeVerifier: await deps.keyring.decrypt(session.codeVerifier!),
  })
  const exchanged = { tenantId: session.tenantId, provider: provider.id, tokenUrl, requestId: scope.requestId, result, ms: performance.now() - started }
  if (!result.ok) {
    if (session.connectionId) recordExchange(deps.callLog, { ...exchanged, connectionId: session.connectionId })
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
  recordExchange(deps.callLog, { ...exchanged, connectionId: outcome.connection.info.id })
  await deps.sessions.complete(session.id, outcome.connection.info.id)
  return { session, connection: outcome.connection, created: outcome.created }
}

