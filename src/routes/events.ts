import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { KopruError } from '../core/errors.js'
import { validateEndpointUrl } from '../core/events/endpoints.js'
import { eventHistory, eventView } from '../core/events/history.js'
import type { GatewayServices } from '../core/services.js'
import { listQuery } from '../models/common.js'
import { Event, EventStatus, EventType, WebhookEndpoint } from '../models/event.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const security = [{ tenantKey: [] }]
const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({ description, content: { 'application/json': { schema } } })

const putEndpoint = createRoute({
  method: 'put',
  path: '/v1/webhook-endpoint',
  operationId: 'putWebhookEndpoint',
  tags: ['events'],
  security,
  summary: "Set the tenant's webhook endpoint; returns its signing secret",
  description:
    'Events are POSTed to `url` as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The secret stays the same across PUTs unless `rotate_secret` is true.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ url: safeString(2048).min(1), rotate_secret: z.boolean().optional() }),
        },
      },
    },
  },
  responses: { 200: json(WebhookEndpoint), ...problemResponses(400, 401) },
})

const getEndpoint = createRoute({
  method: 'get',
  path: '/v1/webhook-endpoint',
  operationId: 'getWebhookEndpoint',
  summary: "The tenant's webhook endpoint (without its secret)",
  tags: ['events'],
  security,
  responses: { 200: json(WebhookEndpoint), ...problemResponses(401, 404) },
})

const deleteEndpoint = createRoute({
  method: 'delete',
  path: '/v1/webhook-endpoint',
  operationId: 'deleteWebhookEndpoint',
  tags: ['events'],
  security,
  summary: 'Stop delivering; pending events and later ones are kept as no_endpoint (sent only on redelivery)',
  responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 404) },
})

const listEvents = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'listEvents',
  tags: ['events'],
  security,
  summary: 'Events of the tenant, newest first, with their delivery state',
  request: {
    query: z.object({
      ...listQuery,
      type: EventType.optional().openapi({ param: { name: 'type', in: 'query' } }),
      status: EventStatus.optional().openapi({ param: { name: 'status', in: 'query' } }),
      connection_id: safeString().max(64).optional().openapi({ param: { name: 'connection_id', in: 'query' } }),
    }),
  },
  responses: { 200: json(z.object({ data: z.array(Event), next_cursor: safeString().nullable() }).openapi('EventPage')), ...problemResponses(400, 401) },
})

const getEvent = createRoute({
  method: 'get',
  path: '/v1/events/{id}',
  operationId: 'getEvent',
  summary: 'One event with its delivery attempts',
  tags: ['events'],
  security,
  request: { params: z.object({ id: safeString().max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: json(Event), ...problemResponses(401, 404) },
})

const redeliver = createRoute({
  method: 'post',
  path: '/v1/events/{id}/redeliver',
  operationId: 'redeliverEvent',
  tags: ['events'],
  security,
  summary: 'Send an event again (delivered, dead or never sent), with a fresh retry schedule',
  description: 'The event keeps its id (and so its `webhook-id`), and its place in its object\'s order.',
  request: { params: z.object({ id: safeString().max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 202: json(Event, 'Queued'), ...problemResponses(401, 404, 409) },
})

export { eventView }

export function eventRoutes({ db, events: eventServices }: Pick<GatewayServices, 'db' | 'events'>) {
  const { endpoints } = eventServices
  const history = eventHistory({ db, endpoints, clock: eventServices.clock })
  return new GatewayRoutes()
    .openapi(putEndpoint, async (c) => {
      const body = c.req.valid('json')
      return c.json(await endpoints.put(c.get('tenantId'), validateEndpointUrl(body.url, { allowPrivate: eventServices.allowPrivateEndpoints }), { rotate: body.rotate_secret }), 200)
    })
    .openapi(getEndpoint, async (c) => {
      const endpoint = await endpoints.get(c.get('tenantId'))
      if (!endpoint) throw new KopruError('not_found', 'no webhook endpoint is set; PUT /v1/webhook-endpoint')
      return c.json(endpoint, 200)
    })
    .openapi(deleteEndpoint, async (c) => {
      if (!(await endpoints.delete(c.get('tenantId')))) throw new KopruError('not_found', 'no webhook endpoint is set')
      return c.body(null, 204)
    })
    .openapi(listEvents, async (c) => {
      const { limit, cursor, type, status, connection_id } = c.req.valid('query')
      return c.json((await history.list(c.get('tenantId'), { limit, cursor, type, status, connection_id })) as { data: z.infer<typeof Event>[]; next_cursor: string | null }, 200)
    })
    .openapi(getEvent, async (c) => c.json((await history.get(c.get('tenantId'), c.req.valid('param').id)).event as z.infer<typeof Event>, 200))
    .openapi(redeliver, async (c) => c.json((await history.redeliver(c.get('tenantId'), c.req.valid('param').id)) as z.infer<typeof Event>, 202))
}
