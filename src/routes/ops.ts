import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { GatewayServices } from '../core/services.js'
import type { GatewayEnv } from '../http/types.js'
import { problemResponses } from '../models/problem.js'

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
  summary: 'Readiness: the database answers',
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
  responses: { 200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } } },
})

export function opsRoutes({ db, metrics }: GatewayServices) {
  return new OpenAPIHono<GatewayEnv>()
    .openapi(metricsRoute, (c) =>
      c.text(metrics.registry.render(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
    )
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(ready, async (c) => {
      await db.execute(sql`select 1`)
      return c.json({ status: 'ready' as const }, 200)
    })
}
