import { KopruError, type ErrorCode } from './errors.js'
import type { Logger } from './logger.js'
import type { BaseUrlResolver } from './base-urls.js'
import type { Transport, TransportResponse } from './transport.js'
import type {
  ConnectionInfo,
  ProviderDefinition,
  UpstreamRequest,
  UpstreamResponse,
} from './provider-kit/types.js'

export interface UpstreamDeps {
  transport: Transport
  resolveBaseUrl: BaseUrlResolver
  timeoutMs: number
  userAgent: string
}

export interface UpstreamCall {
  provider: ProviderDefinition
  connection: ConnectionInfo
  credentials: unknown
  requestId: string
  log: Logger
  operation: string
}

type Query = UpstreamRequest['query']

export function buildUrl(base: string, path: string, query?: Query): URL {
  if (!path.startsWith('/')) throw new Error(`upstream path must start with '/': ${path}`)
  const url = new URL(base + path)
  if (url.origin !== new URL(base).origin) throw new Error(`upstream path escaped the provider origin: ${path}`)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item))
    else url.searchParams.set(key, String(value))
  }
  return url
}

/** Sends one request to the provider with its auth, correlation id and timeout; nothing else reaches out. */
export async function sendRaw(
  deps: UpstreamDeps,
  call: UpstreamCall,
  request: {
    method: string
    path: string
    host?: string
    query?: Query
    headers?: Headers
    body?: string | Uint8Array | ReadableStream<Uint8Array> | null
    timeoutMs?: number
    signal?: AbortSignal
  },
): Promise<TransportResponse> {
  const { provider, connection, credentials } = call
  const url = buildUrl(deps.resolveBaseUrl(provider, connection.environment, request.host), request.path, request.query)
  const headers = request.headers ?? new Headers()
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  if (!headers.has('user-agent')) headers.set('user-agent', deps.userAgent)
  headers.set('x-correlation-id', call.requestId)
  provider.auth.apply({ method: request.method, url, headers }, credentials as never)

  const timeoutMs = request.timeoutMs ?? deps.timeoutMs
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout
  const started = performance.now()
  try {
    const response = await deps.transport({ url, method: request.method, headers, body: request.body, signal })
    call.log.debug('upstream', {
      provider: provider.id,
      operation: call.operation,
      method: request.method,
      host: url.host,
      path: url.pathname,
      status: response.status,
      ms: Math.round(performance.now() - started),
    })
    return response
  } catch (error) {
    const timedOut = timeout.aborted
    call.log.warn('upstream request failed', {
      provider: provider.id,
      operation: call.operation,
      method: request.method,
      host: url.host,
      path: url.pathname,
      error: timedOut ? 'timeout' : (error as Error).message,
    })
    if (timedOut) {
      throw new KopruError('provider_timeout', `${provider.name} did not answer within ${timeoutMs} ms`, {
        provider: { id: provider.id },
        cause: error,
      })
    }
    throw new KopruError('provider_unavailable', `${provider.name} could not be reached`, {
      provider: { id: provider.id },
      cause: error,
    })
  }
}

/**
 * The adapter-facing `ctx.request()`: JSON (or a raw text body) in, parsed JSON (or raw text) out,
 * provider failures normalized.
 */
export async function requestJson<T>(deps: UpstreamDeps, call: UpstreamCall, request: UpstreamRequest): Promise<UpstreamResponse<T>> {
  const method = (request.method ?? 'GET').toUpperCase()
  const headers = new Headers(request.headers)
  let body: string | undefined
  if (request.json !== undefined && request.body !== undefined) {
    throw new Error('upstream request has both `json` and `body`')
  }
  if (request.json !== undefined) {
    body = JSON.stringify(request.json)
    headers.set('content-type', 'application/json')
  } else if (request.body !== undefined) {
    body = request.body
    headers.set('content-type', request.contentType ?? 'text/plain; charset=utf-8')
  }
  const rawText = request.responseType === 'text'
  if (rawText && !headers.has('accept')) headers.set('accept', '*/*')
  const response = await sendRaw(deps, { ...call, operation: request.operation ?? call.operation }, {
    method,
    path: request.path,
    host: request.host,
    query: request.query,
    headers,
    body,
    timeoutMs: request.timeoutMs,
  })
  const text = await response.text()
  const data = rawText ? text : parseBody(text, response.headers.get('content-type'))
  const result: UpstreamResponse<T> = { status: response.status, headers: response.headers, data: data as T, text }
  if ((response.status >= 200 && response.status < 300) || request.accept?.includes(response.status)) {
    if (data === invalidJson) {
      throw new KopruError('provider_error', `${call.provider.name} answered with a body that is not valid JSON`, {
        provider: { id: call.provider.id, status: response.status },
      })
    }
    return result
  }
  throw normalizeUpstreamError(call.provider, { ...result, data: data === invalidJson ? text : data })
}

const invalidJson = Symbol('invalid json')

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null
  const looksJson = contentType?.includes('json') || /^\s*[[{"]/.test(text)
  if (!looksJson) return contentType?.includes('json') ? invalidJson : text
  try {
    return JSON.parse(text)
  } catch {
    return invalidJson
  }
}

/** Provider HTTP failures -> the gateway's error codes, with `retryable` saying what is true. */
export function normalizeUpstreamError(provider: ProviderDefinition, response: UpstreamResponse): KopruError {
  const parsed = safeParseError(provider, response)
  const info = { id: provider.id, status: response.status, ...parsed }
  const what = parsed.message ? `: ${parsed.message}` : ''
  const status = response.status
  const fail = (code: ErrorCode, detail: string, extra: { retryable?: boolean; headers?: Record<string, string> } = {}) =>
    new KopruError(code, detail, { provider: info, ...extra })

  if (status === 401 || status === 403) {
    return fail('provider_error', `${provider.name} rejected the connection's credentials (HTTP ${status})${what}`)
  }
  if (status === 404) return fail('not_found', `${provider.name} has no such object${what}`)
  if (status === 408) return fail('provider_timeout', `${provider.name} timed out (HTTP 408)${what}`)
  if (status === 429) {
    const retryAfter = response.headers.get('retry-after')
    return fail('rate_limited', `${provider.name} quota exhausted${what}`, {
      headers: retryAfter ? { 'Retry-After': retryAfter } : undefined,
    })
  }
  if (status >= 400 && status < 500) {
    return fail('invalid_request', `${provider.name} refused the request (HTTP ${status})${what}`)
  }
  if (status === 502 || status === 503) return fail('provider_unavailable', `${provider.name} is unavailable (HTTP ${status})${what}`)
  if (status === 504) return fail('provider_timeout', `${provider.name} gateway timeout (HTTP 504)${what}`)
  return fail('provider_error', `${provider.name} failed (HTTP ${status})${what}`, { retryable: status >= 500 })
}

function safeParseError(provider: ProviderDefinition, response: UpstreamResponse): { code?: string; message?: string } {
  try {
    const parsed = provider.parseError?.(response) ?? {}
    return {
      code: parsed.code,
      message: parsed.message?.slice(0, 500),
    }
  } catch {
    return {}
  }
}
