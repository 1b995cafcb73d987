import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
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
        route: handledRoute(c),
        method: c.req.method,
        provider: scope?.provider ?? '',
        operation: scope?.operation ?? '',
        status: String(c.res.status),
      })
    }
  }

/**
 * The route that answered: the last matched one, skipping the gateway's final catch-all (which matches every
 * path so that unknown paths answer problem+json even when the gateway is mounted in another app).
 */
function handledRoute(c: Context<GatewayEnv>): string {
  if (c.get('unmatched')) return 'unmatched'
  const routes = matchedRoutes(c)
  const last = routes.at(-1)
  const handler = (last?.path === '*' || last?.path === '/*') && routes.length > 1 ? routes.at(-2) : last
  return handler?.path ?? 'unmatched'
}
