/**
 * The one place a provider failure becomes a problem code. Adapters only say what a failure means — an
 * `ErrorKind` from `parseError` or `ctx.fail(...)` — and this table decides the code; an answer the adapter did
 * not classify is classified by its HTTP status (`kindOfStatus`).
 */
import { KopruError, type ErrorCode, type ErrorKind, type FieldError } from './errors.js'
import type { ProviderDefinition, UpstreamResponse } from './provider-kit/types.js'

export interface ProviderFailureDetails {
  /** The provider's HTTP status, when there was an answer. */
  status?: number
  /** The provider's own error code and message. */
  code?: string
  message?: string
  /** Fields the provider named, as paths of kopru's request (`recipient.phone`). */
  fields?: FieldError[]
  /** Seconds (or an HTTP date) the provider asked to wait. */
  retryAfter?: string | null
  retryable?: boolean
  cause?: unknown
}

/** Kind -> problem code. `auth` during an operation is the operator's problem (502); at connection time it is the tenant's 400. */
export const kindCodes: Record<ErrorKind, ErrorCode> = {
  auth: 'provider_error',
  not_found: 'not_found',
  validation: 'invalid_request',
  duplicate: 'conflict',
  /** The object's state forbids it (a shipment past the point of cancelling). */
  conflict: 'conflict',
  transient: 'provider_unavailable',
  rate_limited: 'rate_limited',
}

/** What an HTTP status means when the adapter said nothing more precise; undefined for 5xx the status itself decides. */
export function kindOfStatus(status: number): ErrorKind | undefined {
  if (status === 401 || status === 403) return 'auth'
  if (status === 404) return 'not_found'
  if (status === 429) return 'rate_limited'
  if (status === 503) return 'transient'
  if (status >= 400 && status < 500 && status !== 408) return 'validation'
  return undefined
}

/**
 * The problem for a provider failure, with the provider's id (and status, code, message) filled in. Without a kind
 * the provider failed in a way it did not explain (an unknown result code): `provider_error`.
 */
export function providerFailure(provider: { id: string }, kind: ErrorKind | undefined, detail: string, details: ProviderFailureDetails = {}): KopruError {
  const info = Object.fromEntries(
    Object.entries({ id: provider.id, status: details.status, code: details.code, message: details.message }).filter(([, v]) => v !== undefined),
  ) as { id: string }
  const retryAfter = details.retryAfter ? { 'Retry-After': details.retryAfter } : undefined
  return new KopruError(kind ? kindCodes[kind] : 'provider_error', detail, {
    kind,
    provider: info,
    errors: details.fields?.length ? details.fields : undefined,
    headers: kind === 'rate_limited' || kind === 'transient' ? retryAfter : undefined,
    retryable: details.retryable,
    cause: details.cause,
  })
}

/** `ctx.fail`: an adapter's classified failure; the provider id comes from the context. */
export type FailProvider = (kind: ErrorKind, detail: string, details?: ProviderFailureDetails) => KopruError

/** What an adapter's `parseError` may say about an error answer; every member is optional. */
export interface ParsedProviderError {
  kind?: ErrorKind
  code?: string
  message?: string
  fields?: FieldError[]
}

function safeParseError(provider: ProviderDefinition, response: UpstreamResponse): ParsedProviderError {
  try {
    const parsed = provider.parseError?.(response) ?? {}
    return { ...parsed, message: parsed.message?.slice(0, 500) }
  } catch {
    return {}
  }
}

const describe: Record<ErrorKind, (name: string, status: number) => string> = {
  auth: (name, status) => `${name} rejected the connection's credentials (HTTP ${status})`,
  not_found: (name) => `${name} has no such object`,
  validation: (name, status) => `${name} refused the request (HTTP ${status})`,
  duplicate: (name, status) => `${name} already has this object (HTTP ${status})`,
  conflict: (name, status) => `${name} refused the request in the object's current state (HTTP ${status})`,
  transient: (name, status) => `${name} is unavailable (HTTP ${status})`,
  rate_limited: (name) => `${name} quota exhausted`,
}

/**
 * Provider HTTP failures -> the gateway's error codes, with `retryable` saying what is true: a 502, 504 or
 * 5xx after a write may mean the write happened, so repeating it is only advertised for idempotent calls;
 * 429 and 503 mean the provider did not take the request.
 */
export function normalizeUpstreamError(
  provider: ProviderDefinition,
  response: UpstreamResponse,
  { idempotent = true }: { idempotent?: boolean } = {},
): KopruError {
  const parsed = safeParseError(provider, response)
  const status = response.status
  const what = parsed.message ? `: ${parsed.message}` : ''
  const details = { status, code: parsed.code, message: parsed.message, fields: parsed.fields, retryAfter: response.headers.get('retry-after') }
  const kind = parsed.kind ?? kindOfStatus(status)
  if (kind) return providerFailure(provider, kind, `${describe[kind](provider.name, status)}${what}`, details)
  const fail = (code: ErrorCode, detail: string, retryable: boolean) =>
    new KopruError(code, `${detail}${what}`, { provider: { id: provider.id, status, code: parsed.code, message: parsed.message }, retryable })
  if (status === 408) return fail('provider_timeout', `${provider.name} timed out (HTTP 408)`, idempotent)
  if (status === 502) return fail('provider_unavailable', `${provider.name} is unavailable (HTTP 502)`, idempotent)
  if (status === 504) return fail('provider_timeout', `${provider.name} gateway timeout (HTTP 504)`, idempotent)
  return fail('provider_error', `${provider.name} failed (HTTP ${status})`, status >= 500 && idempotent)
}
