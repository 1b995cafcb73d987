import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { decodeCursor } from '../core/cursor.js'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader, includeRawQuery, listQuery, pageOf } from '../models/common.js'
import { Product } from '../models/product.js'
import { problemResponses } from '../models/problem.js'
import { pageResponse, withRaw } from './unified.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const security = [{ tenantKey: [] }]
const failures = problemResponses(400, 401, 404, 409, 429, 501, 502, 503, 504)

const listProducts = createRoute({
  method: 'get',
  path: '/v1/products',
  operationId: 'listProducts',
  tags: ['products'],
  security,
  summary: "List the connection's listings: SKU, barcode, price, list price, stock, approval state",
  request: { headers: connectionHeader, query: z.object({ ...listQuery, include: includeRawQuery }) },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: pageOf(Product, 'ProductPage') } } }, ...failures },
})

const getProduct = createRoute({
  method: 'get',
  path: '/v1/products/{id}',
  operationId: 'getProduct',
  summary: 'One listing by the provider id',
  tags: ['products'],
  security,
  request: {
    headers: connectionHeader,
    params: z.object({ id: safeString().min(1).max(128).openapi({ param: { name: 'id', in: 'path' } }) }),
    query: z.object({ include: includeRawQuery }),
  },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: Product } } }, ...failures },
})

export function productRoutes({ runner }: Pick<GatewayServices, 'runner'>) {
  return new GatewayRoutes()
    .openapi(listProducts, async (c) => {
      const query = c.req.valid('query')
      const connectionId = c.req.valid('header')['kopru-connection-id']
      const { result } = await runner.run(
        c.get('tenantId'),
        connectionId,
        'products.list',
        { limit: query.limit, page: decodeCursor(connectionId, query.cursor) },
        c.get('scope'),
      )
      return c.json(pageResponse(connectionId, result, query.include), 200)
    })
    .openapi(getProduct, async (c) => {
      const { result } = await runner.run(
        c.get('tenantId'),
        c.req.valid('header')['kopru-connection-id'],
        'products.get',
        { id: c.req.valid('param').id },
        c.get('scope'),
      )
      return c.json(withRaw(result, c.req.valid('query').include), 200)
    })
}
