import { createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import { sha256Hex } from '../core/crypto.js'
import { KopruError } from '../core/errors.js'
import { newId, randomToken } from '../core/ids.js'
import type { GatewayServices } from '../core/services.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const Tenant = z
  .object({ id: safeString(), name: safeString(), created_at: safeString() })
  .openapi('Tenant')
const CreatedApiKey = z
  .object({ id: safeString(), key: safeString().openapi({ description: 'Shown once; stored only as a SHA-256 hash' }) })
  .openapi('CreatedApiKey')

const security = [{ adminKey: [] }]
const json = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
})

const createTenant = createRoute({
  method: 'post',
  path: '/admin/tenants',
  operationId: 'createTenant',
  summary: 'Create a tenant',
  tags: ['admin'],
  security,
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ name: safeString().trim().min(1).max(200) }) } } } },
  responses: { 201: json(Tenant, 'Created'), ...problemResponses(400, 401) },
})
const listTenants = createRoute({
  method: 'get',
  path: '/admin/tenants',
  operationId: 'listTenants',
  summary: 'List tenants',
  tags: ['admin'],
  security,
  responses: { 200: json(z.object({ data: z.array(Tenant) })), ...problemResponses(401) },
})
const createKey = createRoute({
  method: 'post',
  path: '/admin/tenants/{id}/api-keys',
  operationId: 'createApiKey',
  summary: 'Issue an API key for a tenant (shown once, stored hashed)',
  tags: ['admin'],
  security,
  request: {
    params: z.object({ id: safeString().max(64) }),
    body: { required: false, content: { 'application/json': { schema: z.object({ name: safeString().max(200).optional() }) } } },
  },
  responses: { 201: json(CreatedApiKey, 'Created'), ...problemResponses(400, 401, 404) },
})
const deleteKey = createRoute({
  method: 'delete',
  path: '/admin/api-keys/{id}',
  operationId: 'deleteApiKey',
  summary: 'Revoke an API key',
  tags: ['admin'],
  security,
  request: { params: z.object({ id: safeString().max(64) }) },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 404) },
})

const tenantView = (row: { id: string; name: string; createdAt: Date }) => ({
  id: row.id,
  name: row.name,
  created_at: row.createdAt.toISOString(),
})

/** Issues a tenant API key; returns the only copy of the plain key. */
export async function issueApiKey(services: Pick<GatewayServices, 'tenants'>, tenantId: string, name?: string) {
  const key = `kpr_live_${randomToken(32)}`
  const row = await services.tenants.createApiKey({
    id: newId('key'),
    tenantId,
    name: name ?? null,
    keyHash: await sha256Hex(key),
    keyPrefix: key.slice(0, 13),
  })
  return { id: row.id, key }
}

export function adminRoutes(services: Pick<GatewayServices, 'tenants' | 'forgetApiKey'>) {
  const { tenants } = services
  return new GatewayRoutes()
    .openapi(createTenant, async (c) => {
      const row = await tenants.create({ id: newId('ten'), name: c.req.valid('json').name, createdAt: new Date() })
      return c.json(tenantView(row), 201)
    })
    .openapi(listTenants, async (c) => c.json({ data: (await tenants.list()).map(tenantView) }, 200))
    .openapi(createKey, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await tenants.get(id))) throw new KopruError('not_found', `tenant '${id}' does not exist`)
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
      return c.json(await issueApiKey(services, id, body?.name), 201)
    })
    .openapi(deleteKey, async (c) => {
      const { id } = c.req.valid('param')
      const row = await tenants.deleteApiKey(id)
      if (!row) throw new KopruError('not_found', `API key '${id}' does not exist`)
      services.forgetApiKey(id)
      return c.body(null, 204)
    })
}
