import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { bytesToBase64Url, fromUtf8, base64UrlToBytes, utf8 } from '../core/encoding.js'
import { assertSameFilters, filterFingerprint } from '../core/cursor.js'
import { KopruError } from '../core/errors.js'
import { validateEndpointUrl } from '../core/events/endpoints.js'
import { rowsOf } from '../core/events/outbox.js'
import type { GatewayServices } from '../core/services.js'
import { events } from '../db/schema.js'
import type { GatewayEnv } from '../http/types.js'
import { listQuery } from '../models/common.js'
import { Event, EventStatus, EventType, WebhookEndpoint } from '../models/event.js'
import { problemResponses } from '../models/problem.js'

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
  summary: 'Stop delivering; events are still recorded (status no_endpoint)',
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

type EventRow = typeof events.$inferSelect

const iso = (value: Date | null) => (value ? value.toISOString() : null)

export const eventView = (row: EventRow) => ({
  ...(row.payload as Record<string, unknown>),
  delivery: {
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    last_attempt_at: iso(row.lastAttemptAt),
    last_status: row.lastStatus,
    last_error: row.lastError,
    delivered_at: iso(row.deliveredAt),
  },
}) as z.infer<typeof Event>

function decodeSeq(cursor: string | undefined, filters: Record<string, unknown>): number | undefined {
  if (cursor === undefined) return undefined
  let parsed: { q?: unknown; f?: unknown } = {}
  try {
    parsed = JSON.parse(fromUtf8.decode(base64UrlToBytes(cursor))) as typeof parsed
  } catch {
    // same answer as a cursor from elsewhere
  }
  if (typeof parsed.q === 'number' && Number.isSafeInteger(parsed.q)) {
    assertSameFilters(parsed.f, filters)
    return parsed.q
  }
  throw new KopruError('invalid_request', 'cursor is not one this list issued', { errors: [{ path: 'cursor', message: 'pass next_cursor back unchanged' }] })
}

export function eventRoutes({ db, events: eventServices }: GatewayServices) {
  const { endpoints } = eventServices
  return new OpenAPIHono<GatewayEnv>()
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
      const query = c.req.valid('query')
      const filters = { type: query.type, status: query.status, connection_id: query.connection_id }
      const before = decodeSeq(query.cursor, filters)
      const rows = await db
        .select()
        .from(events)
        .where(
          and(
            eq(events.tenantId, c.get('tenantId')),
            query.type ? eq(events.type, query.type) : undefined,
            query.status ? eq(events.status, query.status) : undefined,
            query.connection_id ? eq(events.connectionId, query.connection_id) : undefined,
            before !== undefined ? lt(events.seq, before) : undefined,
          ),
        )
        .orderBy(desc(events.seq))
        .limit(query.limit + 1)
      const page = rows.slice(0, query.limit)
      const last = page.at(-1)
      const next = rows.length > query.limit && last ? bytesToBase64Url(utf8.encode(JSON.stringify({ q: last.seq, f: filterFingerprint(filters) }))) : null
      return c.json({ data: page.map(eventView), next_cursor: next }, 200)
    })
    .openapi(getEvent, async (c) => {
      const [row] = await db
        .select()
        .from(events)
        .where(and(eq(events.tenantId, c.get('tenantId')), eq(events.id, c.req.valid('param').id)))
      if (!row) throw new KopruError('not_found', `event '${c.req.valid('param').id}' does not exist`)
      return c.json(eventView(row), 200)
    })
    .openapi(redeliver, async (c) => {
      const tenantId = c.get('tenantId')
      const id = c.req.valid('param').id
      const [existing] = await db.select().from(events).where(and(eq(events.tenantId, tenantId), eq(events.id, id)))
      if (!existing) throw new KopruError('not_found', `event '${id}' does not exist`)
      if (!(await endpoints.get(tenantId))) throw new KopruError('conflict', 'no webhook endpoint is set; PUT /v1/webhook-endpoint first')
      const now = new Date(eventServices.clock.now()).toISOString()
      const updated = rowsOf<{ id: string }>(
        await db.execute(sql`
          update events set status = 'pending', attempts = 0, next_attempt_at = ${now}::timestamptz,
                 lease_owner = null, lease_until = null, last_error = null, delivered_at = null
           where id = ${id} and tenant_id = ${tenantId} and (status <> 'pending' or lease_until is null or lease_until <= ${now}::timestamptz)
          returning id`),
      )
      if (updated.length === 0) throw new KopruError('conflict', `event '${id}' is being delivered right now`)
      const [row] = await db.select().from(events).where(eq(events.id, id))
      return c.json(eventView(row!), 202)
    })
}
