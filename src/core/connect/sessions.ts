/** Connect sessions: created for a tenant, opened by its user's browser. */
import { newId } from '../ids.js'
import type { ConnectSessionRow } from '../../db/oauth.js'
import { KopruError } from '../errors.js'
import type { Environment, ProviderDefinition } from '../provider-kit/types.js'
import { ConnectFailure, SESSION_TTL_MS, type ConnectDeps } from './types.js'

const sessionIdPattern = /^cs_[A-Za-z0-9]{20}$/

export function checkRedirectUrl(value: string | undefined): string | null {
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

export async function createSession(deps: ConnectDeps, input: {
  tenantId: string
  provider: string
  environment?: Environment
  redirectUrl?: string
  connectionId?: string
  base: string
}) {
  const provider = deps.registry.get(input.provider)
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
  const row = await deps.sessions.create({
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
export async function openSession(deps: ConnectDeps, sessionId: string): Promise<{ session: ConnectSessionRow; provider: ProviderDefinition }> {
  const session = sessionIdPattern.test(sessionId) ? await deps.sessions.get(sessionId) : undefined
  if (!session) throw new ConnectFailure('session_not_found', 'This connect link is not valid. Ask the app that sent you for a new one.', undefined, 404)
  if (session.completedConnectionId) throw new ConnectFailure('session_used', 'This connect link has already been used.', undefined, 410)
  if (session.expiresAt.getTime() <= deps.now()) throw new ConnectFailure('session_expired', 'This connect link has expired. Ask the app that sent you for a new one.', undefined, 410)
  return { session, provider: deps.registry.get(session.provider) }
}

