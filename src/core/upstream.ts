import { KopruError } from './errors.js'
import { fillUrlTemplate } from './oauth/endpoints.js'
import { normalizeUpstreamError } from './provider-errors.js'
import type { Logger } from './logger.js'
import type { BaseUrlResolver } from './base-urls.js'
import { isTimeout, responseHeader, type Transport, type TransportRequest, type TransportResponse } from './transport.js'
import type { GatewayMetrics } from './metrics.js'
import { readQuotaFeedback, retryAfterMs } from './quotas/feedback.js'
import type { QuotaSlot } from './quotas/limiters.js'
import type { QuotaStore } from './quotas/store.js'
import type { CostReservation } from './quotas/cost.js'
import { quotaScopeKey } from './quotas/scope.js'
import type { RequestScope } from './request-scope.js'
import type { SessionStore } from './sessions.js'
import type { Breakers } from './resilience/breaker.js'
import type { CallLog } from './call-log/writer.js'
import { errorCodeFor, kindOf, loggedBody, logsBodies, type CallKind } from './call-log/record.js'
import { credentialSecrets } from './secrets.js'
import type { Tracing } from './tracing/tracing.js'
import { backoffMs, neverReachedProvider, retryableStatus, safeMethods, type RetryOptions } from './resilience/retry.js'
import type {
  ConnectionInfo,
  CostFeedback,
  ProviderDefinition,
  QuotaDefinition,
  UpstreamRequest,
  UpstreamResponse,
} from './provider-kit/types.js'

export interface UpstreamDeps {
  transport: Transport
  resolveBaseUrl: BaseUrlResolver
  timeoutMs: number
  userAgent: string
  metrics: GatewayMetrics
  breakers: Breakers
  /** Absent when quotas are off (`KOPRU_QUOTAS=off`). */
  quotas?: QuotaStore
  /** The provider's declared quota, or an operator override of it. */
  quotaFor(provider: ProviderDefinition, group: string | undefined, path?: string): QuotaDefinition | undefined
  /** How long a provider call may wait for a quota slot when the request carries no budget. */
  maxQueueMs: number
  retry: RetryOptions
  /** Session tokens of providers with `auth.session` (MNG's JWT), per connection. */
  sessions: SessionStore
  /** Absent: nothing is recorded. */
  callLog?: CallLog
  /** Absent (tracing off): no span is made, no attribute built. */
  tracing?: Tracing
}

export interface UpstreamCall {
  provider: ProviderDefinition
  connection: ConnectionInfo
  credentials: unknown
  /** The request this call serves: correlation id, wait budget. */
  scope: RequestScope
  log: Logger
  operation: string
  /** The call log's kind for every exchange of this call; absent: from `operation` (`kindOf`). */
  kind?: CallKind
}

type Query = UpstreamRequest['query']

export function buildUrl(base: string, path: string, query?: Query): URL {
  if (!path.startsWith('/')) throw new Error(`upstream path must start with '/': ${path}`)
  // A path without its own query or fragment (the usual case) gets the query serialised once and is parsed once.
  const plain = !path.includes('?') && !path.includes('#')
  const text = query && plain ? queryText(query) : ''
  const url = new URL(text ? `${base}${path}?${text}` : base + path)
  // Parsing the base a second time only when it is not already spelled as its origin (the usual case).
  const origin = url.origin
  const sameOrigin = base === origin || base.startsWith(`${origin}/`) || origin === new URL(base).origin
  if (!sameOrigin) throw new Error(`upstream path escaped the provider origin: ${path}`)
  if (query && !plain) setParams(url.searchParams, query)
  return url
}

function setParams(params: URLSearchParams, query: NonNullable<Query>): URLSearchParams {
  for (const key in query) {
    const value = query[key]
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item))
    else params.set(key, String(value))
  }
  return params
}

const queryText = (query: NonNullable<Query>): string => setParams(new URLSearchParams(), query).toString()

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

export interface RawRequest {
  method: string
  path: string
  host?: string
  query?: Query
  headers?: Headers
  body?: string | Uint8Array | ReadableStream<Uint8Array> | null
  timeoutMs?: number
  signal?: AbortSignal
  quotaGroup?: string
  /** Points taken from a cost-based quota. */
  cost?: number
  idempotent?: boolean
  /** The session-token request itself goes out without a session. */
  withoutSession?: boolean
}

/**
 * Sends a request to the provider with its auth (and session token, for providers with `auth.session`),
 * correlation id and timeout, inside the provider's quota and circuit; retries only what is safe to repeat.
 * Nothing else reaches out.
 */
export function sendRaw(deps: UpstreamDeps, call: UpstreamCall, request: RawRequest): Promise<TransportResponse> {
  const session = call.provider.auth.session
  // Not itself async: a provider without a session token (most) sends at once, without another promise layer.
  if (!session || request.withoutSession) return sendOnce(deps, call, request)
  return sendWithSession(deps, call, request, session)
}

async function sendWithSession(
  deps: UpstreamDeps,
  call: UpstreamCall,
  request: RawRequest,
  session: NonNullable<ProviderDefinition['auth']['session']>,
): Promise<TransportResponse> {
  // A streamed body is consumed by the first attempt; it cannot be repeated with a renewed token.
  const replayable = !(request.body instanceof ReadableStream)
  for (let attempt = 0; ; attempt++) {
    const token = await deps.sessions.token(
      call.connection.id,
      () =>
        session.obtain({
          credentials: call.credentials as never,
          request: (tokenRequest) => requestJson(deps, { ...call, operation: tokenRequest.operation ?? 'session', kind: 'session' }, tokenRequest, { withoutSession: true }),
        }),
      call.credentials,
    )
    const headers = new Headers(request.headers)
    session.apply(headers, token)
    const response = await sendOnce(deps, call, { ...request, headers })
    if (response.status !== 401 || attempt > 0 || !replayable) return response
    await response.text().catch(() => '')
    deps.sessions.drop(call.connection.id, token, call.credentials)
  }
}

/** Per-account base URLs (`https://{shop}`) are filled from the connection's non-secret metadata. */
const baseUrl = (deps: UpstreamDeps, { provider, connection }: UpstreamCall, host: string | undefined): string =>
  fillUrlTemplate(deps.resolveBaseUrl(provider, connection.environment, host), connection.metadata)

/** The request's headers with kopru's defaults, the correlation id and the provider's auth. */
function outgoingHeaders(deps: UpstreamDeps, call: UpstreamCall, given: Headers | undefined, method: string, url: URL): Headers {
  const headers = given ?? new Headers()
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  if (!headers.has('user-agent')) headers.set('user-agent', deps.userAgent)
  headers.set('x-correlation-id', call.scope.requestId)
  call.provider.auth.apply({ method, url, headers }, call.credentials as never)
  return headers
}

/** No answer: a timeout, or the provider could not be reached. */
function unreachable(provider: ProviderDefinition, facts: { timedOut: boolean; timeoutMs: number; retryable: boolean; cause: unknown }): KopruError {
  const options = { provider: { id: provider.id }, retryable: facts.retryable, cause: facts.cause }
  return facts.timedOut
    ? new KopruError('provider_timeout', `${provider.name} did not answer within ${facts.timeoutMs} ms`, options)
    : new KopruError('provider_unavailable', `${provider.name} could not be reached`, options)
}

async function sendOnce(deps: UpstreamDeps, call: UpstreamCall, request: RawRequest): Promise<TransportResponse> {
  const { provider, connection, credentials } = call
  const method = request.method.toUpperCase()
  const url = buildUrl(baseUrl(deps, call, request.host), request.path, request.query)
  const headers = outgoingHeaders(deps, call, request.headers, method, url)
  const idempotent = request.idempotent ?? safeMethods.has(method)
  // A streamed body is consumed by the first attempt; it can never be sent twice.
  const repeatable = !(request.body instanceof ReadableStream)
  const retries = repeatable ? (deps.retry.retries ?? 2) : 0
  const quota = deps.quotas ? deps.quotaFor(provider, request.quotaGroup, url.pathname) : undefined
  const scopeKey = quota ? await quotaScopeKey(quota.scope, credentials, accountOf(provider, connection)) : ''
  const deadline = call.scope.deadline ?? Date.now() + deps.maxQueueMs
  const timeoutMs = request.timeoutMs ?? deps.timeoutMs
  const labels = { provider: provider.id, operation: call.operation }
  const where = { provider: provider.id, operation: call.operation, method, host: url.host, path: url.pathname }
  const record = deps.callLog?.enabled ? recorder(deps.callLog, call, where, request) : undefined
  let retryReason: string | null = null
  for (let attempt = 0; ; attempt++) {
    const circuit = record ? deps.breakers.state(provider.id, url.host) : 'closed'
    const permit = deps.breakers.permit(provider.id, provider.name, url.host)
    let slot: QuotaSlot | CostSlot | undefined
    const queued = performance.now()
    try {
      slot = quota && (await takeQuota(deps, quota, { provider: provider.id, scopeKey, tenantId: connection.tenantId, deadline, cost: request.cost }))
    } catch (error) {
      permit.cancel()
      record?.({ attempt, retryReason, circuit, quotaWaitMs: performance.now() - queued, ms: 0, status: null, errorCode: (error as KopruError).code ?? 'rate_limited' })
      throw error
    }
    const quotaWaitMs = performance.now() - queued
    const started = performance.now()
    let response: TransportResponse
    try {
      response = await transportAttempt(deps, call, attempt, { url, method, headers, body: request.body, signal: request.signal, timeoutMs })
    } catch (error) {
      const timedOut = isTimeout(error)
      const reached = !neverReachedProvider(error)
      slot?.release(reached)
      if (request.signal?.aborted && !timedOut) permit.cancel()
      else permit.failure()
      deps.metrics.upstreamRequests.inc({ ...labels, status: timedOut ? 'timeout' : 'unreachable' })
      call.log.warn('upstream request failed', { ...where, attempt, error: timedOut ? 'timeout' : (error as Error).message })
      const errorCode = timedOut ? 'provider_timeout' : 'provider_unavailable'
      record?.({ attempt, retryReason, circuit, quotaWaitMs, ms: performance.now() - started, status: null, errorCode })
      const delay = backoffMs(attempt, deps.retry)
      // A write that may have reached the provider is never sent twice: it may have taken effect.
      if (attempt < retries && (idempotent || !reached) && !request.signal?.aborted && Date.now() + delay <= deadline) {
        retryReason = timedOut ? 'timeout' : 'unreachable'
        deps.metrics.retries.inc({ ...labels, reason: retryReason })
        await sleep(delay)
        continue
      }
      throw unreachable(provider, { timedOut, timeoutMs, retryable: timedOut ? idempotent : idempotent || !reached, cause: error })
    }
    if (slot && 'settle' in slot) response = await settleCost(slot, quota!, response)
    settleWindow(deps, slot, response)
    const seconds = (performance.now() - started) / 1000
    deps.metrics.upstreamLatency.observe(labels, seconds)
    deps.metrics.upstreamRequests.inc({ provider: provider.id, operation: call.operation, status: String(response.status) })
    if (response.status >= 500 && response.status !== 501) permit.failure()
    else permit.success()
    if (call.log.enabled?.('debug') !== false) call.log.debug('upstream', { ...where, attempt, status: response.status, ms: Math.round(seconds * 1000) })
    record?.({ attempt, retryReason, circuit, quotaWaitMs, ms: seconds * 1000, status: response.status, errorCode: errorCodeFor(response.status) })

    if (idempotent && attempt < retries && retryableStatus(response.status)) {
      const asked = retryAfterMs(responseHeader(response, 'retry-after'))
      const delay = Math.max(asked ?? 0, backoffMs(attempt, deps.retry))
      if ((asked === undefined || asked <= (deps.retry.maxRetryAfterMs ?? 10_000)) && Date.now() + delay <= deadline) {
        await response.text().catch(() => '')
        retryReason = String(response.status)
        deps.metrics.retries.inc({ ...labels, reason: retryReason })
        await sleep(delay)
        continue
      }
    }
    return response
  }
}

/** One attempt on the wire; inside a client span (whose `traceparent` goes along) only when tracing is on. */
function transportAttempt(deps: UpstreamDeps, call: UpstreamCall, attempt: number, request: TransportRequest) {
  if (!deps.tracing) return deps.transport(request)
  const facts = { provider: call.provider.id, operation: call.operation, connectionId: call.connection.id, requestId: call.scope.requestId, attempt }
  return deps.tracing.tracedAttempt(call.scope.trace, facts, request, deps.transport)
}

/** A slot of the provider's quota (a window, or points of a cost bucket) for one attempt; none without a quota. */
function takeQuota(
  deps: UpstreamDeps,
  quota: QuotaDefinition | undefined,
  ticket: { provider: string; scopeKey: string; tenantId: string; deadline: number; cost: number | undefined },
): Promise<QuotaSlot | CostSlot | undefined> {
  if (!quota) return Promise.resolve(undefined)
  const { provider, scopeKey, tenantId, deadline } = ticket
  return quota.cost
    ? reserveCost(deps, { provider, quota, scopeKey, cost: ticket.cost ?? quota.cost.defaultCost, deadline })
    : deps.quotas!.acquire({ provider, quota, scopeKey, tenantId, deadline })
}

/**
 * Gives a window's slot back once answered and lets the window learn the provider's quota headers (a cost
 * bucket has learnt the actual cost from the body in `settleCost` already).
 */
function settleWindow(deps: UpstreamDeps, slot: QuotaSlot | CostSlot | undefined, response: TransportResponse): void {
  if (!slot) return
  if (!('settle' in slot)) slot.release(true)
  if ('key' in slot) deps.quotas!.observe(slot.key, readQuotaFeedback(response.status, { get: (name) => responseHeader(response, name) }))
}

/** The account a `credential` quota belongs to when the credentials alone do not say it (Shopify's shop). */
export function accountOf(provider: ProviderDefinition, connection: ConnectionInfo): string | undefined {
  const key = provider.auth.oauth?.accountKey
  const value = key ? connection.metadata[key] : undefined
  return typeof value === 'string' && value ? value : undefined
}

type CostSlot = CostReservation & { release(sent: boolean): void }

async function reserveCost(deps: UpstreamDeps, ticket: Parameters<QuotaStore['costs']['reserve']>[0]): Promise<CostSlot> {
  const reservation = await deps.quotas!.costs.reserve(ticket)
  return { ...reservation, release: (sent) => reservation.settle(undefined, sent) }
}

/**
 * Cost-based quotas learn the actual cost from the answer body, so it is read here (GraphQL answers are
 * small) and handed on as a fresh response.
 */
async function settleCost(slot: CostSlot, quota: QuotaDefinition, response: TransportResponse): Promise<TransportResponse> {
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    slot.settle(undefined, true)
    throw error
  }
  let feedback: CostFeedback | undefined
  try {
    feedback = quota.cost!.read(JSON.parse(text))
  } catch {
    feedback = undefined
  }
  slot.settle(feedback, true)
  return {
    status: response.status,
    headers: response.headers,
    body: new Response(text).body,
    text: async () => text,
  }
}

interface Attempt {
  attempt: number
  retryReason: string | null
  circuit: string
  quotaWaitMs: number
  ms: number
  status: number | null
  errorCode: string | null
}

/** One call-log record per attempt; the facts shared by every attempt are gathered once. */
function recorder(callLog: CallLog, call: UpstreamCall, where: { method: string; host: string; path: string }, request: RawRequest) {
  const { connection, provider, operation } = call
  const { requestId } = call.scope
  const requestBody = logsBodies(connection) ? loggedBody(request.body, [() => credentialSecrets(provider, call.credentials)]) : null
  return (a: Attempt) =>
    callLog.push({
      at: new Date(),
      tenantId: connection.tenantId,
      connectionId: connection.id,
      provider: provider.id,
      operation,
      kind: call.kind ?? kindOf(operation),
      method: where.method,
      host: where.host,
      path: where.path,
      status: a.status,
      durationMs: Math.round(a.ms),
      attempt: a.attempt,
      retryReason: a.retryReason,
      quotaWaitMs: Math.round(a.quotaWaitMs),
      circuit: a.circuit,
      requestId,
      errorCode: a.errorCode,
      requestBody,
    })
}

/**
 * The adapter-facing `ctx.request()`: JSON (or a raw text body) in, parsed JSON (or raw text) out,
 * provider failures normalized.
 */
export async function requestJson<T>(
  deps: UpstreamDeps,
  call: UpstreamCall,
  request: UpstreamRequest,
  { withoutSession = false }: { withoutSession?: boolean } = {},
): Promise<UpstreamResponse<T>> {
  const method = (request.method ?? 'GET').toUpperCase()
  const headers = new Headers(request.headers)
  let body: string | Uint8Array | undefined
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
  const named = request.operation && request.operation !== call.operation ? { ...call, operation: request.operation } : call
  const response = await sendRaw(deps, named, {
    method,
    path: request.path,
    host: request.host,
    query: request.query,
    headers,
    body,
    timeoutMs: request.timeoutMs,
    quotaGroup: request.quotaGroup,
    cost: request.cost,
    idempotent: request.idempotent,
    withoutSession,
  })
  const text = await response.text()
  const data = rawText ? text : parseBody(text, responseHeader(response, 'content-type'))
  const result: UpstreamResponse<T> = {
    status: response.status,
    get headers() {
      return response.headers
    },
    data: data as T,
    text,
  }
  if ((response.status >= 200 && response.status < 300) || request.accept?.includes(response.status)) {
    if (data === invalidJson) {
      throw new KopruError('provider_error', `${call.provider.name} answered with a body that is not valid JSON`, {
        provider: { id: call.provider.id, status: response.status },
      })
    }
    return result
  }
  throw normalizeUpstreamError(
    call.provider,
    { ...result, data: data === invalidJson ? text : data },
    { idempotent: request.idempotent ?? safeMethods.has(method) },
  )
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
