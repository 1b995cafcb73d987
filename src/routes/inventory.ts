import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader } from '../models/common.js'
import { InventoryJob, InventoryUpdateRequest } from '../models/inventory.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const security = [{ tenantKey: [] }]

const updateInventory = createRoute({
  method: 'post',
  path: '/v1/inventory',
  operationId: 'updateInventory',
  tags: ['inventory'],
  security,
  summary: 'Price and/or stock for 1..1000 SKUs in one call, tracked as a job',
  description:
    "The gateway splits the items to the provider's own batch limits. The answer is the job: `processing` while the provider works " +
    '(poll `GET /v1/inventory/jobs/{id}`), or already final when the provider answered at once. Every SKU appears exactly once in `items`.',
  request: {
    headers: connectionHeader,
    body: { required: true, content: { 'application/json': { schema: InventoryUpdateRequest } } },
  },
  responses: {
    202: { description: 'Accepted: the job', content: { 'application/json': { schema: InventoryJob } } },
    ...problemResponses(400, 401, 404, 409, 413, 429, 501, 502, 503, 504),
  },
})

const getJob = createRoute({
  method: 'get',
  path: '/v1/inventory/jobs/{id}',
  operationId: 'getInventoryJob',
  tags: ['inventory'],
  security,
  summary: 'An inventory job with per-item results; asks the provider only while the job is not final',
  request: {
    headers: z.object({
      'kopru-connection-id': safeString()
        .min(1)
        .max(64)
        .optional()
        .openapi({ param: { name: 'kopru-connection-id', in: 'header' }, description: 'Optional Kopru-Connection-Id: when given, the job must belong to this connection' }),
    }),
    params: z.object({ id: safeString().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }),
  },
  responses: {
    200: { description: 'OK', content: { 'application/json': { schema: InventoryJob } } },
    ...problemResponses(401, 404, 409, 429, 501, 502, 503, 504),
  },
})

export function inventoryRoutes({ inventoryJobs }: Pick<GatewayServices, 'inventoryJobs'>) {
  return new GatewayRoutes()
    .openapi(updateInventory, async (c) => {
      const job = await inventoryJobs.submit(
        c.get('tenantId'),
        c.req.valid('header')['kopru-connection-id'],
        c.req.valid('json').items,
        c.get('scope'),
        c.get('log'),
      )
      return c.json(job, 202)
    })
    .openapi(getJob, async (c) => {
      const job = await inventoryJobs.get(
        c.get('tenantId'),
        c.req.valid('param').id,
        c.get('scope'),
        c.get('log'),
        c.req.valid('header')['kopru-connection-id'],
      )
      return c.json(job, 200)
    })
}
