import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { sql } from 'drizzle-orm'
import { KopruError } from '../core/errors.js'
import type { GatewayServices } from '../core/services.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  security: [],
  tags: ['ops'],
  summary: 'Liveness',
  responses: { 200: { description: 'alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
})

const ready = createRoute({
  method: 'get',
  path: '/ready',
  operationId: 'getReadiness',
  security: [],
  tags: ['ops'],
  summary: 'Readiness: start-up (migrations, demo seed) is done and the database answers',
  responses: {
    200: { description: 'ready', content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } } },
    ...problemResponses(503),
  },
})

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  security: [],
  tags: ['ops'],
  summary: 'Prometheus metrics (text exposition format 0.0.4)',
  responses: { 200: { description: 'metrics', content: { 'text/plain': { schema: safeString() } } } },
})

export function opsRoutes({ db, metrics, notReady }: Pick<GatewayServices, 'db' | 'metrics' | 'notReady'>) {
  return new GatewayRoutes()
    .openapi(metricsRoute, (c) =>
      c.text(metrics.registry.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
    )
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(ready, async (c) => {
      const starting = notReady()
      if (starting) throw new KopruError('not_ready', `kopru is starting: ${starting}`, { headers: { 'Retry-After': '1' } })
      await db.execute(sql`select 1`).catch(() => {
        throw new KopruError('not_ready', 'the database does not answer', { headers: { 'Retry-After': '1' } })
      })
      return c.json({ status: 'ready' as const }, 200)
    })
}
