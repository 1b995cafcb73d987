import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { decodeCursor } from '../core/cursor.js'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader, includeRawQuery, listQuery, pageOf } from '../models/common.js'
import { ListOrdersQuery, Order } from '../models/order.js'
import { problemResponses } from '../models/problem.js'
import { pageResponse, withRaw } from './unified.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const security = [{ tenantKey: [] }]
const failures = problemResponses(400, 401, 404, 409, 429, 501, 502, 503, 504)

const listOrders = createRoute({
  method: 'get',
  path: '/v1/orders',
  operationId: 'listOrders',
  tags: ['orders'],
  security,
  summary: 'List orders of the connection, newest first',
  description:
    'A page may hold fewer than `limit` orders when a filter is applied after the provider answered; keep following `next_cursor` until it is null.',
  request: {
    headers: connectionHeader,
    query: ListOrdersQuery.extend({ ...listQuery, include: includeRawQuery }),
  },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: pageOf(Order, 'OrderPage') } } }, ...failures },
})

const getOrder = createRoute({
  method: 'get',
  path: '/v1/orders/{id}',
  operationId: 'getOrder',
  summary: 'One order (or package) by the provider id',
  tags: ['orders'],
  security,
  request: {
    headers: connectionHeader,
    params: z.object({ id: safeString().min(1).max(128).openapi({ param: { name: 'id', in: 'path' } }) }),
    query: z.object({ include: includeRawQuery }),
  },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: Order } } }, ...failures },
})

const toDate = (value: string | undefined) => (value ? new Date(value) : undefined)

export function orderRoutes({ runner }: Pick<GatewayServices, 'runner'>) {
  return new GatewayRoutes()
    .openapi(listOrders, async (c) => {
      const query = c.req.valid('query')
      const connectionId = c.req.valid('header')['kopru-connection-id']
      const filters = { status: query.status, created_after: query.created_after, created_before: query.created_before, updated_after: query.updated_after }
      const { result } = await runner.run(
        c.get('tenantId'),
        connectionId,
        'orders.list',
        {
          limit: query.limit,
          page: decodeCursor(connectionId, query.cursor, filters),
          status: query.status,
          createdAfter: toDate(query.created_after),
          createdBefore: toDate(query.created_before),
          updatedAfter: toDate(query.updated_after),
        },
        c.get('scope'),
      )
      return c.json(pageResponse(connectionId, result, query.include, filters), 200)
    })
    .openapi(getOrder, async (c) => {
      const { result } = await runner.run(
        c.get('tenantId'),
        c.req.valid('header')['kopru-connection-id'],
        'orders.get',
        { id: c.req.valid('param').id },
        c.get('scope'),
      )
      return c.json(withRaw(result, c.req.valid('query').include), 200)
    })
}
