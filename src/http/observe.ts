import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { GatewayMetrics } from '../core/metrics.js'
import type { RequestScopes } from '../core/request-scope.js'
import type { GatewayEnv } from './types.js'

/**
 * Opens the request's scope — its wait budget for provider quotas: `Kopru-Max-Wait` (seconds) when the
 * client sends one, never more than the operator's `maxQueueMs` — and counts the answer by route
 * template, provider and operation once it is known.
 */
export const requestScope = ({
  scopes,
  metrics,
  maxQueueMs,
}: {
  scopes: RequestScopes
  metrics: GatewayMetrics
  maxQueueMs: number
}): MiddlewareHandler<GatewayEnv> =>
  async function requestScope(c, next) {
    const asked = Number(c.req.header('kopru-max-wait'))
    const budget = c.req.header('kopru-max-wait') !== undefined && Number.isFinite(asked) && asked >= 0 ? Math.min(asked * 1000, maxQueueMs) : maxQueueMs
    const id = c.get('requestId')
    scopes.open(id, { deadline: Date.now() + budget })
    try {
      await next()
    } finally {
      const scope = scopes.close(id)
      metrics.httpRequests.inc({
        route: routePath(c, -1),
        method: c.req.method,
        provider: scope?.provider ?? '',
        operation: scope?.operation ?? '',
        status: String(c.res.status),
      })
    }
  }
