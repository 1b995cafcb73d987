import type { Context as TraceContext } from '@opentelemetry/api'
import type { Context } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { GatewayMetrics } from '../core/metrics.js'
import type { RequestScope } from '../core/request-scope.js'
import type { GatewayEnv } from './types.js'

/** A class, not an object literal with a getter: one shape for every request's scope. */
class ClientRequestScope implements RequestScope {
  readonly labels: { provider?: string; operation?: string } = {}
  trace?: TraceContext
  constructor(
    readonly requestId: string,
    readonly deadline: number,
    private readonly raw: Request,
  ) {}
  /** Read on demand: on Node the signal's controller is only made when someone asks for it. */
  get signal(): AbortSignal {
    return this.raw.signal
  }
}

/**
 * The request's scope: its wait budget for provider quotas (`Kopru-Max-Wait` in seconds when the client sends
 * one, never more than the operator's `maxQueueMs`), the client's abort signal, and the labels the pipeline fills.
 */
export function openRequestScope(c: Context<GatewayEnv>, requestId: string, maxQueueMs: number): RequestScope {
  const wait = c.req.header('kopru-max-wait')
  const asked = wait === undefined ? Number.NaN : Number(wait)
  const budget = Number.isFinite(asked) && asked >= 0 ? Math.min(asked * 1000, maxQueueMs) : maxQueueMs
  return new ClientRequestScope(requestId, Date.now() + budget, c.req.raw)
}

/** Counts the answer by route template, provider and operation. */
export function countRequest(c: Context<GatewayEnv>, metrics: GatewayMetrics, scope: RequestScope): void {
  metrics.httpRequests.inc({
    route: handledRoute(c),
    method: c.req.method,
    provider: scope.labels.provider ?? '',
    operation: scope.labels.operation ?? '',
    status: String(c.res.status),
  })
}

/**
 * The route that answered: the last matched one, skipping the gateway's final catch-all (which matches every
 * path so that unknown paths answer problem+json even when the gateway is mounted in another app).
 */
export function handledRoute(c: Context<GatewayEnv>): string {
  if (c.get('unmatched')) return 'unmatched'
  const routes = matchedRoutes(c)
  const last = routes.at(-1)
  const handler = (last?.path === '*' || last?.path === '/*') && routes.length > 1 ? routes.at(-2) : last
  return handler?.path ?? 'unmatched'
}
