/** Errors are values with a code until the HTTP edge turns them into problem+json (RFC 9457). */

export const errorCodes = {
  invalid_request: { status: 400, title: 'Invalid request', retryable: false },
  unauthorized: { status: 401, title: 'Unauthorized', retryable: false },
  forbidden: { status: 403, title: 'Forbidden', retryable: false },
  not_found: { status: 404, title: 'Not found', retryable: false },
  method_not_allowed: { status: 405, title: 'Method not allowed', retryable: false },
  conflict: { status: 409, title: 'Conflict', retryable: false },
  connection_needs_reauth: { status: 409, title: 'Connection needs re-authorization', retryable: false },
  payload_too_large: { status: 413, title: 'Payload too large', retryable: false },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', retryable: false },
  idempotency_mismatch: { status: 422, title: 'Idempotency key reused with a different request', retryable: false },
  rate_limited: { status: 429, title: "Provider quota exhausted", retryable: true },
  tenant_rate_limited: { status: 429, title: 'Tenant rate limit exceeded', retryable: true },
  internal: { status: 500, title: 'Internal error', retryable: true },
  unsupported_operation: { status: 501, title: 'Operation not supported by this provider', retryable: false },
  provider_error: { status: 502, title: 'Provider error', retryable: false },
  provider_unavailable: { status: 503, title: 'Provider unavailable', retryable: true },
  provider_timeout: { status: 504, title: 'Provider timeout', retryable: true },
  not_ready: { status: 503, title: 'Not ready', retryable: true },
} as const

export type ErrorCode = keyof typeof errorCodes

export interface ProviderErrorInfo {
  id: string
  status?: number
  code?: string
  message?: string
}

export interface FieldError {
  path: string
  message: string
}

export interface KopruErrorOptions {
  status?: number
  retryable?: boolean
  provider?: ProviderErrorInfo
  errors?: FieldError[]
  headers?: Record<string, string>
  /** Extra problem members, e.g. `reconnect_url` on `connection_needs_reauth`. */
  extra?: Record<string, unknown>
  cause?: unknown
  /** What a provider failure means, as the adapter's `parseError`/`ctx.fail` classified it (see provider-errors.ts). */
  kind?: ErrorKind
  /** Problem members that depend on the answering request's base URL (`reconnect_url`); resolved at the HTTP edge. */
  links?: (base: string) => Promise<Record<string, unknown> | undefined>
}

/**
 * What a provider's failure means, decided once by the adapter (parseError or ctx.fail) and turned into a
 * problem code by one mapper (provider-errors.ts). `auth`: the provider refused the credentials (at connection
 * time the tenant's 400); `duplicate`: the object already exists there (a carrier's reference — the gateway
 * reconciles instead of failing); `conflict`: the object's state forbids the change; `transient`: try again later. Never part of a problem body.
 */
export const errorKinds = ['auth', 'not_found', 'validation', 'duplicate', 'conflict', 'transient', 'rate_limited'] as const
export type ErrorKind = (typeof errorKinds)[number]

export class KopruError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly retryable: boolean
  readonly provider?: ProviderErrorInfo
  readonly errors?: FieldError[]
  readonly headers?: Record<string, string>
  readonly kind?: ErrorKind
  readonly extra?: Record<string, unknown>
  readonly links?: KopruErrorOptions['links']

  constructor(code: ErrorCode, detail: string, options: KopruErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'KopruError'
    this.code = code
    this.status = options.status ?? errorCodes[code].status
    this.retryable = options.retryable ?? errorCodes[code].retryable
    this.provider = options.provider
    this.errors = options.errors
    this.headers = options.headers
    this.kind = options.kind
    this.extra = options.extra
    this.links = options.links
  }

  get title(): string {
    return errorCodes[this.code].title
  }
}

export const isKopruError = (value: unknown): value is KopruError => value instanceof KopruError
