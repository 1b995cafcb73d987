import type { ConnectionService, ResolvedConnection } from './connections.js'
import { KopruError } from './errors.js'
import type { Logger } from './logger.js'
import type { OperationContext, Operations } from './provider-kit/types.js'
import { requestJson, sendRaw, type UpstreamDeps } from './upstream.js'

type OperationKey = keyof Operations<unknown>
type OperationFn<K extends OperationKey> = NonNullable<Operations<unknown>[K]>

/** Builds the `ctx` adapters get: the only way out to the provider is `ctx.request()`. */
export function createContextFactory(upstream: UpstreamDeps, log: Logger) {
  return (connection: ResolvedConnection, requestId: string, operation: string): OperationContext => {
    const call = {
      provider: connection.provider,
      connection: connection.info,
      credentials: connection.credentials,
      requestId,
      operation,
      log: log.child({ request_id: requestId, provider: connection.provider.id, connection_id: connection.info.id }),
    }
    return {
      provider: connection.provider,
      connection: connection.info,
      credentials: connection.credentials,
      requestId,
      log: call.log,
      request: (request) => requestJson(upstream, call, request),
    }
  }
}

export type ContextFactory = ReturnType<typeof createContextFactory>

export function createOperationRunner({
  connections,
  contextFor,
  upstream,
}: {
  connections: ConnectionService
  contextFor: ContextFactory
  upstream: UpstreamDeps
}) {
  async function usable(tenantId: string, connectionId: string | undefined): Promise<ResolvedConnection> {
    if (!connectionId) {
      throw new KopruError('invalid_request', 'the Kopru-Connection-Id header is required', {
        errors: [{ path: 'Kopru-Connection-Id', message: 'required' }],
      })
    }
    const connection = await connections.get(tenantId, connectionId)
    if (connection.status === 'needs_reauth') {
      throw new KopruError('connection_needs_reauth', `connection '${connectionId}' must be re-authorized`)
    }
    return connection
  }

  return {
    usable,
    async run<K extends OperationKey>(
      tenantId: string,
      connectionId: string | undefined,
      operation: K,
      input: Parameters<OperationFn<K>>[1],
      requestId: string,
    ): Promise<{ result: Awaited<ReturnType<OperationFn<K>>>; connection: ResolvedConnection }> {
      const connection = await usable(tenantId, connectionId)
      upstream.scopes.label(requestId, connection.provider.id, operation)
      const fn = connection.provider.operations[operation] as OperationFn<K> | undefined
      if (!fn) {
        throw new KopruError('unsupported_operation', `${connection.provider.name} does not support ${operation}`)
      }
      const ctx = contextFor(connection, requestId, operation)
      const result = (await (fn as (ctx: OperationContext, input: unknown) => Promise<unknown>)(ctx, input)) as Awaited<
        ReturnType<OperationFn<K>>
      >
      return { result, connection }
    },
    /** Raw passthrough for `/v1/proxy`: same auth, base URL and correlation id; the body streams back. */
    async forward(
      connection: ResolvedConnection,
      requestId: string,
      log: Logger,
      request: Parameters<typeof sendRaw>[2],
    ) {
      upstream.scopes.label(requestId, connection.provider.id, 'proxy')
      return sendRaw(
        upstream,
        {
          provider: connection.provider,
          connection: connection.info,
          credentials: connection.credentials,
          requestId,
          log,
          operation: 'proxy',
        },
        request,
      )
    },
  }
}

export type OperationRunner = ReturnType<typeof createOperationRunner>
