import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader } from '../models/common.js'
import { Fulfillment, FulfillmentRequest } from '../models/fulfillment.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const createFulfillment = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/fulfillments',
  operationId: 'createFulfillment',
  tags: ['orders'],
  security: [{ tenantKey: [] }],
  summary: "Send the carrier and tracking number of an order (a package, where the provider ships in packages)",
  request: {
    headers: connectionHeader,
    params: z.object({ id: safeString().min(1).max(128).openapi({ param: { name: 'id', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: FulfillmentRequest } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Fulfillment } } },
    ...problemResponses(400, 401, 404, 409, 429, 501, 502, 503, 504),
  },
})

export function fulfillmentRoutes({ runner }: Pick<GatewayServices, 'runner'>) {
  return new GatewayRoutes().openapi(createFulfillment, async (c) => {
    const { result } = await runner.run(
      c.get('tenantId'),
      c.req.valid('header')['kopru-connection-id'],
      'fulfillments.create',
      { orderId: c.req.valid('param').id, fulfillment: c.req.valid('json') },
      c.get('scope'),
    )
    return c.json(result, 201)
  })
}
