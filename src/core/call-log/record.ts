import type { CallLogInsert } from '../../db/call-log.js'
import { redact } from '../logger.js'
import { scrubSecrets, type SecretSource } from '../secrets.js'
import type { ConnectionInfo } from '../provider-kit/types.js'

/** Bodies are kept to this many characters. */
export const bodyCap = 4_096

/** The error code a status becomes (as `normalizeUpstreamError` decides it), without reading the body. */
export function errorCodeFor(status: number): string | null {
  if (status < 400) return null
  if (status === 401 || status === 403) return 'provider_error'
  if (status === 404) return 'not_found'
  if (status === 408 || status === 504) return 'provider_timeout'
  if (status === 429) return 'rate_limited'
  if (status < 500) return 'invalid_request'
  if (status === 502 || status === 503) return 'provider_unavailable'
  return 'provider_error'
}

/**
 * The kinds of exchange the call log holds: `operation` (a unified call), `proxy`, `session` (a session-token
 * request), `token_refresh` (OAuth), `token_exchange` (the connect flow's authorization-code exchange, recorded
 * under the connection it created or re-authorized), `webhook_registration` (subscribing kopru's inbound URL at a provider),
 * `polling` (the poller's calls) and `webhook_delivery` (an event sent to the tenant's own endpoint).
 */
export const callKinds = ['operation', 'proxy', 'session', 'token_refresh', 'token_exchange', 'webhook_registration', 'polling', 'webhook_delivery'] as const
export type CallKind = (typeof callKinds)[number]

/** The kind of an exchange made for an operation context of `operation` (see `createContextFactory`). */
export function kindOf(operation: string): CallKind {
  if (operation === 'proxy') return 'proxy'
  if (operation === 'session' || operation.startsWith('session.')) return 'session'
  if (operation.startsWith('webhooks.')) return 'webhook_registration'
  if (operation.startsWith('poll.')) return 'polling'
  return 'operation'
}

export const logsBodies = (connection: ConnectionInfo) => connection.settings.log_bodies === true

/**
 * A body as the call log keeps it: the connection's secret values scrubbed wherever they appear (the logs'
 * value-based redaction), secret-named fields redacted, everything capped.
 */
export function loggedBody(body: unknown, secrets: readonly SecretSource[] = []): string | null {
  if (typeof body !== 'string' || body === '') return null
  let text = body
  try {
    text = JSON.stringify(redact(JSON.parse(body)))
  } catch {
    // not JSON: kept as text (query-style `key=value` secrets are masked below)
  }
  text = text.replace(/((?:secret|password|token|api_?key|signature)[^=&\s"<>]*[=>])[^&\s"<]+/gi, '$1[redacted]')
  text = scrubSecrets(text, secrets)
  return text.length > bodyCap ? `${text.slice(0, bodyCap)}…[truncated]` : text
}

export type CallRecord = CallLogInsert

/**
 * A record of an exchange that does not go through `ctx.request()` (token refresh, webhook delivery): one
 * attempt, no quota, no circuit. Only the URL's host and path are kept, never its query or any body.
 */
export function exchangeRecord(facts: {
  tenantId: string
  connectionId: string | null
  provider: string
  operation: string
  kind: CallKind
  method: string
  url: URL
  requestId: string
  status: number | null
  ms: number
  errorCode: string | null
  attempt?: number
  retryReason?: string | null
}): CallLogInsert {
  return {
    at: new Date(),
    tenantId: facts.tenantId,
    connectionId: facts.connectionId,
    provider: facts.provider,
    operation: facts.operation,
    kind: facts.kind,
    method: facts.method,
    host: facts.url.host,
    path: facts.url.pathname,
    status: facts.status,
    durationMs: Math.round(facts.ms),
    attempt: facts.attempt ?? 0,
    retryReason: facts.retryReason ?? null,
    quotaWaitMs: 0,
    circuit: 'closed',
    requestId: facts.requestId,
    errorCode: facts.errorCode,
  }
}
