import { createRoute, z } from '@hono/zod-openapi'
import { entryView, nextCursor, toFilter, type CallLogQuery } from '../core/call-log/query.js'
import type { GatewayServices } from '../core/services.js'
import { callLogRepository } from '../db/call-log.js'
import { CallLogPage, callLogQuery } from '../models/call-log.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const json = <T extends z.ZodTypeAny>(schema: T) => ({ description: 'OK', content: { 'application/json': { schema } } })

const tenantLogs = createRoute({
  method: 'get',
  path: '/v1/logs',
  operationId: 'listCallLog',
  summary: "The tenant's upstream exchanges, newest first (one entry per attempt)",
  tags: ['logs'],
  security: [{ tenantKey: [] }],
  request: { query: z.object(callLogQuery) },
  responses: { 200: json(CallLogPage), ...problemResponses(400, 401) },
})

const adminLogs = createRoute({
  method: 'get',
  path: '/admin/logs',
  operationId: 'listAllCallLog',
  summary: 'Upstream exchanges of every tenant, newest first',
  tags: ['admin'],
  security: [{ adminKey: [] }],
  request: {
    query: z.object({
      ...callLogQuery,
      tenant_id: z.string().max(64).optional().openapi({ param: { name: 'tenant_id', in: 'query' } }),
    }),
  },
  responses: { 200: json(CallLogPage), ...problemResponses(400, 401) },
})

export function logRoutes({ db, callLog }: GatewayServices) {
  const repository = callLogRepository(db)
  async function page(query: CallLogQuery, tenantId: string | undefined) {
    const filter = toFilter(query, tenantId)
    // Entries still in the batch are written first, so a caller sees the exchanges of the answer it just got.
    await callLog.flush()
    const rows = await repository.list(filter, query.limit + 1)
    return { data: rows.slice(0, query.limit).map(entryView), next_cursor: nextCursor(query, tenantId, rows) }
  }
  return new GatewayRoutes()
    .openapi(tenantLogs, async (c) => c.json(await page(c.req.valid('query'), c.get('tenantId')), 200))
    .openapi(adminLogs, async (c) => c.json(await page(c.req.valid('query'), undefined), 200))
}
