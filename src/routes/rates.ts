import { createRoute, z } from '@hono/zod-openapi'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader } from '../models/common.js'
import { problemResponses } from '../models/problem.js'
import { Rate, RateRequest } from '../models/shipment.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const listRates = createRoute({
  method: 'post',
  path: '/v1/rates',
  operationId: 'listRates',
  tags: ['shipments'],
  security: [{ tenantKey: [] }],
  summary: 'Prices for a shipment: the carrier’s quote where it has a rating API, and the connection’s rate sheet',
  request: {
    headers: connectionHeader,
    body: { required: true, content: { 'application/json': { schema: RateRequest } } },
  },
  responses: {
    200: { description: 'OK', content: { 'application/json': { schema: z.object({ data: z.array(Rate) }).openapi('RateList') } } },
    ...problemResponses(400, 401, 404, 409, 429, 501, 502, 503, 504),
  },
})

export function rateRoutes({ shipping }: Pick<GatewayServices, 'shipping'>) {
  return new GatewayRoutes().openapi(listRates, async (c) => {
    const rates = await shipping.rates({
      tenantId: c.get('tenantId'),
      connectionId: c.req.valid('header')['kopru-connection-id'],
      request: c.req.valid('json'),
      scope: c.get('scope'),
    })
    return c.json({ data: rates }, 200)
  })
}
