import type { RequestScope } from '../request-scope.js'
import * as oauth from 'oauth4webapi'
import { sha256Hex } from '../crypto.js'
import { oauthEndpoint } from '../oauth/endpoints.js'
import { KopruError } from '../errors.js'
import type { Environment } from '../provider-kit/types.js'
import { ConnectFailure, STATE_TTL_MS, type ConnectDeps } from './types.js'
import { openSession } from './sessions.js'

/** Connect button: binds a fresh state and PKCE verifier to the session, returns the provider's authorize URL. */
export async function startAuthorization(deps: ConnectDeps, sessionId: string, cookieSession: string | undefined, form: Record<string, string>, base: string) {
  const { session, provider } = await openSession(deps, sessionId)
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
  await deps.sessions.beginAuthorization(session.id, {
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

/** Key/secret providers on the hosted page: the posted fields become a connection. */
export async function submitCredentials(deps: ConnectDeps, sessionId: string, cookieSession: string | undefined, form: Record<string, string>, scope: RequestScope) {
  const { session, provider } = await openSession(deps, sessionId)
  if (cookieSession !== session.id) throw new ConnectFailure('session_mismatch', 'Open the connect link again in this browser, then submit the form.')
  const credentials = Object.fromEntries(provider.auth.fields.map((field) => [field.name, form[field.name] ?? '']).filter(([, v]) => v !== ''))
  const connection = await deps.connections.create({ tenantId: session.tenantId, provider: provider.id, environment: session.environment as Environment, credentials }, scope)
  await deps.sessions.complete(session.id, connection.info.id)
  return { session, connection }
}

