import type { Context, MiddlewareHandler, Next } from 'hono'
import type { ConnectionService } from '../core/connections.js'
import type { Logger } from '../core/logger.js'
import type { GatewayMetrics } from '../core/metrics.js'
import type { Tracing } from '../core/tracing/tracing.js'
import { countRequest, openRequestScope } from './observe.js'
import { onError } from './problem.js'
import { newRequestId, requestIdOf } from './request-id.js'
import { requestSecretSources } from './request-secrets.js'
import { withServerSpan } from './trace.js'
import type { GatewayEnv } from './types.js'

export interface GatewayRequestOptions {
  log: Logger
  connections: Pick<ConnectionService, 'peek'>
  metrics: GatewayMetrics
  maxQueueMs: number
  /** The body size limit (src/http/body-limit.ts); GET and HEAD skip it. */
  limitBody: MiddlewareHandler<GatewayEnv>
  tracing?: Tracing
  generator?: () => string
}

/**
 * What every request gets, in one middleware (each layer of Hono's compose is an async hop of its own): its id,
 * the secrets it touches, its logger and scope; then its server span when tracing is on and the body size limit;
 * after the answer, the metrics, the `Kopru-Request-Id` header and the request line.
 */
export const gatewayRequest = ({ log, connections, metrics, maxQueueMs, limitBody, tracing, generator = newRequestId }: GatewayRequestOptions): MiddlewareHandler<GatewayEnv> =>
  async function gatewayRequest(c, next) {
    const id = requestIdOf(c, generator)
    const secrets = requestSecretSources(c, connections)
    const scope = openRequestScope(c, id, maxQueueMs)
    c.set('requestId', id)
    c.set('secrets', secrets)
    c.set('log', log.child({ request_id: id }, secrets))
    c.set('scope', scope)
    const started = performance.now()
    const method = c.req.method
    // GET and HEAD carry no body; asking for one would make @hono/node-server build a whole web Request.
    const inner = method === 'GET' || method === 'HEAD' ? next : () => limited(limitBody, c, next)
    try {
      await (tracing ? withServerSpan(tracing, c, inner) : inner())
    } finally {
      countRequest(c, metrics, scope)
    }
    // After the handler, not with `c.header()` before it: a prepared `Headers` is copied once more by a native
    // `Response` (Workers, in-process), 1.5 kB per request more (bench/edge-ladder.ts with LADDER_MARKS=1).
    c.res.headers.set('Kopru-Request-Id', id)
    const requestLog = c.get('log')
    if (requestLog.enabled?.('info') === false) return
    requestLog.info('request', { method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), tenant_id: c.get('tenantId') })
  }

/** The body limit as its own layer would run: its answer (413) becomes the response, its failure a problem. */
async function limited(limitBody: MiddlewareHandler<GatewayEnv>, c: Context<GatewayEnv>, next: Next): Promise<void> {
  try {
    // As Hono's compose takes a layer's answer: `next()` resolves to the context, already finalized.
    const answer = await limitBody(c, next)
    if (answer && !c.finalized) c.res = answer
  } catch (error) {
    if (!(error instanceof Error)) throw error
    c.error = error
    c.res = await onError(error, c)
  }
}
