import { createRoute, z } from '@hono/zod-openapi'
import { safeString, safeRecord } from '../models/safe.js'
import { connectionView, snapshotOf } from '../core/connections.js'
import { base64UrlToBytes, bytesToBase64Url, fromUtf8, utf8 } from '../core/encoding.js'
import { KopruError } from '../core/errors.js'
import type { GatewayServices } from '../core/services.js'
import { listQuery } from '../models/common.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const Connection = z
  .object({
    id: safeString(),
    provider: safeString(),
    environment: z.enum(['production', 'sandbox']),
    status: z.enum(['active', 'needs_reauth']),
    settings: safeRecord(),
    metadata: safeRecord(),
    created_at: safeString(),
    updated_at: safeString(),
  })
  .openapi('Connection')

const CreateConnection = z
  .object({
    provider: safeString().min(1).max(40),
    environment: z.enum(['production', 'sandbox']).optional(),
    credentials: safeRecord().openapi({
      description: "The provider's auth_fields from GET /v1/providers, e.g. {seller_id, api_key, api_secret}",
    }),
    settings: safeRecord().optional(),
  })
  .openapi('CreateConnection')

const UpdateConnection = z
  .object({
    credentials: safeRecord().optional().openapi({ description: 'Fields to change; merged over the stored ones and verified with the provider first' }),
    settings: safeRecord().optional().openapi({ description: 'Merged over the stored settings; a null member removes that setting (e.g. rate_sheet)' }),
  })
  .refine((body) => body.credentials !== undefined || body.settings !== undefined, { message: 'send credentials, settings or both' })
  .openapi('UpdateConnection')

const security = [{ tenantKey: [] }]
const idParam = z.object({ id: safeString().max(64).openapi({ param: { name: 'id', in: 'path' } }) })
const ok = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({ description, content: { 'application/json': { schema } } })

const create = createRoute({
  method: 'post',
  path: '/v1/connections',
  operationId: 'createConnection',
  tags: ['connections'],
  security,
  summary: 'Connect a key/secret provider; credentials are checked against the provider first',
  request: { body: { required: true, content: { 'application/json': { schema: CreateConnection } } } },
  responses: { 201: ok(Connection, 'Created'), ...problemResponses(400, 401, 413, 502, 503, 504) },
})
const list = createRoute({
  method: 'get',
  path: '/v1/connections',
  operationId: 'listConnections',
  summary: "List the tenant's connections, newest first",
  tags: ['connections'],
  security,
  request: { query: z.object(listQuery) },
  responses: { 200: ok(z.object({ data: z.array(Connection), next_cursor: safeString().nullable() })), ...problemResponses(400, 401) },
})
const get = createRoute({
  method: 'get',
  path: '/v1/connections/{id}',
  operationId: 'getConnection',
  summary: 'A connection (never its credentials)',
  tags: ['connections'],
  security,
  request: { params: idParam },
  responses: { 200: ok(Connection), ...problemResponses(401, 404) },
})
const update = createRoute({
  method: 'patch',
  path: '/v1/connections/{id}',
  operationId: 'updateConnection',
  tags: ['connections'],
  security,
  summary: 'Change credentials (verified with the provider before they replace the old ones) or settings in place',
  request: { params: idParam, body: { required: true, content: { 'application/json': { schema: UpdateConnection } } } },
  responses: { 200: ok(Connection), ...problemResponses(400, 401, 404, 413, 502, 503, 504) },
})
const remove = createRoute({
  method: 'delete',
  path: '/v1/connections/{id}',
  operationId: 'deleteConnection',
  summary: 'Delete a connection and its stored credentials',
  tags: ['connections'],
  security,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 404) },
})

function decodeKeyset(cursor: string | undefined) {
  if (!cursor) return undefined
  try {
    const { t, i } = JSON.parse(fromUtf8.decode(base64UrlToBytes(cursor))) as { t: string; i: string }
    const createdAt = new Date(t)
    if (typeof i === 'string' && !Number.isNaN(createdAt.getTime())) return { createdAt, id: i }
  } catch {
    // answered below
  }
  throw new KopruError('invalid_request', 'cursor is not valid', { errors: [{ path: 'query.cursor', message: 'pass next_cursor back unchanged' }] })
}

export function connectionRoutes({ connections }: Pick<GatewayServices, 'connections'>) {
  return new GatewayRoutes()
    .openapi(create, async (c) => {
      const body = c.req.valid('json')
      const created = await connections.create({ tenantId: c.get('tenantId'), ...body }, c.get('scope'))
      return c.json(connectionView(created), 201)
    })
    .openapi(list, async (c) => {
      const { limit, cursor } = c.req.valid('query')
      const rows = await connections.list(c.get('tenantId'), limit + 1, decodeKeyset(cursor))
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      const next =
        rows.length > limit && last
          ? bytesToBase64Url(utf8.encode(JSON.stringify({ t: last.createdAt.toISOString(), i: last.id })))
          : null
      const data = page.map((row) => connectionView(snapshotOf(row)))
      return c.json({ data, next_cursor: next }, 200)
    })
    .openapi(get, async (c) => c.json(connectionView(await connections.get(c.get('tenantId'), c.req.valid('param').id)), 200))
    .openapi(update, async (c) => {
      const updated = await connections.update(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json'), c.get('scope'))
      return c.json(connectionView(updated), 200)
    })
    .openapi(remove, async (c) => {
      await connections.delete(c.get('tenantId'), c.req.valid('param').id)
      return c.body(null, 204)
    })
}
