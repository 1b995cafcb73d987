import type { ConnectionService, ResolvedConnection } from './connections.js'
import { KopruError, type ErrorKind } from './errors.js'
import type { Logger } from './logger.js'
import { credentialSecrets } from './secrets.js'
import type { OperationContext, Operations, UpstreamRequest, UpstreamResponse } from './provider-kit/types.js'
import { labelScope, type RequestScope } from './request-scope.js'
import { needsReauthError, type TokenManager } from './tokens.js'
import { createConnectionCache, type ConnectionStateCache } from './connections/cache.js'
import { providerFailure, type ProviderFailureDetails } from './provider-errors.js'
import { requestJson, sendRaw, type UpstreamCall, type UpstreamDeps } from './upstream.js'
import { kindOf } from './call-log/record.js'

type OperationKey = keyof Operations<unknown>
type OperationFn<K extends OperationKey> = NonNullable<Operations<unknown>[K]>

function isTokenRejected(connection: ResolvedConnection, error: unknown): boolean {
  if (!(error instanceof KopruError) || !error.provider) return false
  const custom = connection.provider.auth.oauth?.isTokenRejected
  return custom ? custom(error.provider) : error.provider.status === 401
}

/**
 * Sends one upstream request with fresh credentials. OAuth connections get their token refreshed ahead of
 * expiry, and one forced refresh plus a single retry when the provider answers 401 anyway. Not itself async:
 * a connection without managed tokens (most) sends at once, without another promise layer on every call.
 */
export function withFreshCredentials<T>(
  tokens: TokenManager | undefined,
  connection: ResolvedConnection,
  send: (credentials: unknown) => Promise<T>,
  rejected: (result: T) => boolean = () => false,
  scope?: RequestScope,
): Promise<T> {
  if (!tokens?.manages(connection)) return send(connection.credentials)
  return withManagedToken(tokens, connection, send, rejected, scope)
}

async function withManagedToken<T>(
  tokens: TokenManager,
  connection: ResolvedConnection,
  send: (credentials: unknown) => Promise<T>,
  rejected: (result: T) => boolean,
  scope: RequestScope | undefined,
): Promise<T> {
  const credentials = (await tokens.current(connection, scope)) as { access_token: string }
  let result: T
  try {
    result = await send(credentials)
    if (!rejected(result)) return result
  } catch (error) {
    if (!isTokenRejected(connection, error)) throw error
  }
  return send(await tokens.forceRefresh(connection, credentials.access_token, scope))
}

interface ContextDeps {
  upstream: UpstreamDeps
  tokens: TokenManager | undefined
  caches: ConnectionStateCache
}

/**
 * One operation's `ctx`: methods on a prototype rather than five closures per call (every unified call makes one,
 * and it lives until the answer). The connection and its call facts stay private: adapters see the interface only.
 */
class CallContext implements OperationContext {
  readonly provider: ResolvedConnection['provider']
  readonly connection: ResolvedConnection['info']
  readonly requestId: string
  readonly log: Logger
  readonly #resolved: ResolvedConnection
  readonly #call: UpstreamCall
  readonly #deps: ContextDeps

  constructor(resolved: ResolvedConnection, readonly scope: RequestScope, call: UpstreamCall, deps: ContextDeps) {
    this.provider = resolved.provider
    this.connection = resolved.info
    this.requestId = scope.requestId
    this.log = call.log
    this.#resolved = resolved
    this.#call = call
    this.#deps = deps
  }

  get credentials() {
    return this.#resolved.credentials
  }

  // Made on first use: most adapters never cache, and one cache per connection served added up.
  get cache() {
    return this.#deps.caches.adapterCache(this.connection.id)
  }

  request<T>(request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const { tokens } = this.#deps
    if (!tokens?.manages(this.#resolved)) return this.#send<T>(this.#resolved.credentials, request)
    return withFreshCredentials(tokens, this.#resolved, (credentials) => this.#send<T>(credentials, request), undefined, this.scope)
  }

  fail(kind: ErrorKind, detail: string, details?: ProviderFailureDetails): KopruError {
    return providerFailure(this.provider, kind, detail, details)
  }

  #send<T>(credentials: unknown, request: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const call = credentials === this.#call.credentials ? this.#call : { ...this.#call, credentials }
    return requestJson<T>(this.#deps.upstream, call, request)
  }
}

/** Builds the `ctx` adapters get: the only way out to the provider is `ctx.request()`. */
export function createContextFactory(upstream: UpstreamDeps, log: Logger, tokens?: TokenManager, cache?: ConnectionStateCache) {
  const deps: ContextDeps = { upstream, tokens, caches: cache ?? createConnectionCache({ max: 1000 }) }
  return (connection: ResolvedConnection, scope: RequestScope, operation: string): OperationContext => {
    const call: UpstreamCall = {
      provider: connection.provider,
      connection: connection.info,
      credentials: connection.credentials,
      scope,
      operation,
      // Polling and webhook registration keep their kind when the adapter names its requests' operations.
      kind: kindOf(operation),
      log: log.child({ request_id: scope.requestId, provider: connection.provider.id, connection_id: connection.info.id }, [
        () => credentialSecrets(connection.provider, connection.credentials),
      ]),
    }
    return new CallContext(connection, scope, call, deps)
  }
}

export type ContextFactory = ReturnType<typeof createContextFactory>

type ReconnectLink = (connection: ResolvedConnection, base: string) => Promise<string | undefined>

/**
 * A `connection_needs_reauth` from anywhere below (the token manager) gets the connection's reconnect link, made
 * at the HTTP edge from the answering request's own base (`links`), never from another request's.
 */
function withLink(reconnectLink: ReconnectLink | undefined, connection: ResolvedConnection, error: unknown): unknown {
  if (!(error instanceof KopruError) || error.code !== 'connection_needs_reauth' || error.links || error.extra?.reconnect_url || !reconnectLink) return error
  const links = async (base: string) => {
    const url = await reconnectLink(connection, base)
    return url ? { reconnect_url: url } : undefined
  }
  return new KopruError(error.code, error.message, { extra: error.extra, links })
}

async function withReconnectLink<T>(reconnectLink: ReconnectLink | undefined, connection: ResolvedConnection, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw withLink(reconnectLink, connection, error)
  }
}

export function createOperationRunner({
  connections,
  contextFor,
  upstream,
  tokens,
  reconnectLink,
}: {
  connections: ConnectionService
  contextFor: ContextFactory
  upstream: UpstreamDeps
  tokens?: TokenManager
  /** The link that re-authorizes a connection, for `connection_needs_reauth` answers. */
  reconnectLink?: ReconnectLink
}) {
  const linked = <T>(connection: ResolvedConnection, call: () => Promise<T>) => withReconnectLink(reconnectLink, connection, call)

  async function usable(tenantId: string, connectionId: string | undefined): Promise<ResolvedConnection> {
    if (!connectionId) {
      throw new KopruError('invalid_request', 'the Kopru-Connection-Id header is required', {
        errors: [{ path: 'Kopru-Connection-Id', message: 'required' }],
      })
    }
    const connection = await connections.get(tenantId, connectionId)
    if (connection.status === 'needs_reauth') await linked(connection, () => Promise.reject(needsReauthError(connectionId)))
    return connection
  }

  return {
    usable,
    /** The operation context for provider hooks outside `operations` (e.g. `findShipmentByReference`). */
    contextFor,
    async run<K extends OperationKey>(
      tenantId: string,
      connectionId: string | undefined,
      operation: K,
      input: Parameters<OperationFn<K>>[1],
      scope: RequestScope,
    ): Promise<{ result: Awaited<ReturnType<OperationFn<K>>>; connection: ResolvedConnection }> {
      // A cached, usable connection (the usual case) without the two async steps of `usable`.
      const hit = connectionId ? connections.cached(tenantId, connectionId) : undefined
      const connection = hit && hit.status !== 'needs_reauth' ? hit : await usable(tenantId, connectionId)
      labelScope(scope, connection.provider.id, operation)
      const fn = connection.provider.operations[operation] as OperationFn<K> | undefined
      if (!fn) {
        throw new KopruError('unsupported_operation', `${connection.provider.name} does not support ${operation}`)
      }
      const ctx = contextFor(connection, scope, operation)
      // The link is added here rather than through withReconnectLink: one async frame fewer held across every call.
      try {
        const result = (await (fn as (ctx: OperationContext, input: unknown) => Promise<unknown>)(ctx, input)) as Awaited<ReturnType<OperationFn<K>>>
        return { result, connection }
      } catch (error) {
        throw withLink(reconnectLink, connection, error)
      }
    },
    /** Raw passthrough for `/v1/proxy`: same auth, base URL and correlation id; the body streams back. */
    async forward(
      connection: ResolvedConnection,
      scope: RequestScope,
      log: Logger,
      request: Parameters<typeof sendRaw>[2],
    ) {
      labelScope(scope, connection.provider.id, 'proxy')
      const replayable = !(request.body instanceof ReadableStream)
      const headers = request.headers ?? new Headers()
      return linked(connection, () => withFreshCredentials(
        tokens,
        connection,
        (credentials) =>
          sendRaw(
            upstream,
            { provider: connection.provider, connection: connection.info, credentials, scope, log, operation: 'proxy' },
            { ...request, headers: new Headers(headers) },
          ),
        (response) => replayable && response.status === 401,
        scope,
      ))
    },
  }
}

export type OperationRunner = ReturnType<typeof createOperationRunner>
