import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import type { GatewayServices } from '../core/services.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const inbound = createRoute({
  method: 'post',
  path: '/webhooks/{provider}/{connection_id}',
  operationId: 'receiveProviderWebhook',
  security: [],
  tags: ['events'],
  summary: "A provider's webhook delivery for one connection (verified as the provider documents)",
  description:
    'Called by providers, not by tenants. Refused with 401 when the signature or registered credential does not verify, or when the delivery was already received. Accepted deliveries are acknowledged after their events are stored.',
  request: {
    params: z.object({
      provider: safeString().max(40).openapi({ param: { name: 'provider', in: 'path' } }),
      connection_id: safeString().max(64).openapi({ param: { name: 'connection_id', in: 'path' } }),
    }),
  },
  responses: {
    200: { description: 'Accepted', content: { 'application/json': { schema: z.object({ received: z.literal(true), events: z.number().int() }) } } },
    ...problemResponses(400, 401, 404),
  },
})

export function webhookRoutes({ events }: Pick<GatewayServices, 'events'>) {
  return new GatewayRoutes().openapi(inbound, async (c) => {
    const { provider, connection_id } = c.req.valid('param')
    const body = new Uint8Array(await c.req.raw.arrayBuffer())
    const result = await events.inbound({ segment: provider, connectionId: connection_id, headers: c.req.raw.headers, body })
    return c.json({ received: true as const, events: result.events }, 200)
  })
}
