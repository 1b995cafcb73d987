import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader, includeRawQuery } from '../models/common.js'
import { problemResponses } from '../models/problem.js'
import { Tracker } from '../models/shipment.js'
import { withRaw } from './unified.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const getTracking = createRoute({
  method: 'get',
  path: '/v1/tracking/{tracking_number}',
  operationId: 'getTracking',
  tags: ['shipments'],
  security: [{ tenantKey: [] }],
  summary: 'Normalized tracker with events (UTC timestamps) for a tracking number of the connection’s carrier',
  request: {
    headers: connectionHeader,
    params: z.object({
      tracking_number: safeString().trim().min(1).max(64).openapi({ param: { name: 'tracking_number', in: 'path' } }),
    }),
    query: z.object({ include: includeRawQuery }),
  },
  responses: {
    200: { description: 'OK', content: { 'application/json': { schema: Tracker } } },
    ...problemResponses(400, 401, 404, 409, 429, 501, 502, 503, 504),
  },
})

export function trackingRoutes({ shipping }: Pick<GatewayServices, 'shipping'>) {
  return new GatewayRoutes().openapi(getTracking, async (c) => {
    const tracker = await shipping.tracking({
      tenantId: c.get('tenantId'),
      connectionId: c.req.valid('header')['kopru-connection-id'],
      trackingNumber: c.req.valid('param').tracking_number,
      scope: c.get('scope'),
    })
    return c.json(withRaw(tracker, c.req.valid('query').include), 200)
  })
}
