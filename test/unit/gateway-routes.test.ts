import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { GatewayRoutes } from '../../src/http/gateway-routes.js'
import { onError } from '../../src/http/problem.js'
import type { GatewayEnv } from '../../src/http/types.js'
import { validationHook } from '../../src/http/validation.js'
import { connectionHeader, includeRawQuery, listQuery } from '../../src/models/common.js'

const echo = createRoute({
  method: 'post',
  path: '/things/{id}',
  request: {
    headers: connectionHeader.extend({ 'x-count': z.coerce.number().int().max(9).optional() }),
    params: z.object({ id: z.string().min(2).max(8) }),
    query: z.object({ ...listQuery, include: includeRawQuery, tag: z.array(z.string()).or(z.string()).optional() }),
    body: { required: false, content: { 'application/json': { schema: z.object({ name: z.string().min(1) }) } } },
  },
  responses: { 200: { description: 'OK' } },
})

const strict = createRoute({
  method: 'get',
  path: '/strict',
  request: { headers: z.object({ 'x-only': z.string() }).strict() },
  responses: { 200: { description: 'OK' } },
})

const slow = createRoute({
  method: 'get',
  path: '/slow/{id}',
  request: { params: z.object({ id: z.string().refine(async (id) => id !== 'bad', 'refused by an async check') }) },
  responses: { 200: { description: 'OK' } },
})

/** The same routes in a plain OpenAPIHono group (@hono/zod-openapi's own validators) and in a GatewayRoutes group. */
function gateway(group: OpenAPIHono<GatewayEnv>) {
  const routes = group
    .openapi(echo, (c) => c.json({ header: c.req.valid('header'), param: c.req.valid('param'), query: c.req.valid('query'), json: c.req.valid('json') }, 200))
    .openapi(strict, (c) => c.json({ header: c.req.valid('header') }, 200))
    .openapi(slow, (c) => c.json({ param: c.req.valid('param') }, 200))
  const app = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook })
  app.onError(onError)
  app.route('/', routes)
  return app
}

const reference = gateway(new OpenAPIHono<GatewayEnv>())
const fast = gateway(new GatewayRoutes())

const requests: [string, RequestInit?][] = [
  ['/things/abc', { method: 'POST', headers: { 'kopru-connection-id': 'conn_1' } }],
  ['/things/abc?limit=7&include=raw&tag=a&tag=b', { method: 'POST', headers: { 'Kopru-Connection-Id': 'conn_1', 'X-Count': '3', 'x-other': 'dropped' } }],
  ['/things/abc?limit=0&include=bad', { method: 'POST', headers: { 'kopru-connection-id': '' } }],
  ['/things/a', { method: 'POST', headers: { 'kopru-connection-id': '' } }],
  ['/things/abc', { method: 'POST' }],
  ['/things/abc', { method: 'POST', headers: { 'kopru-connection-id': 'c'.repeat(65), 'x-count': '12' } }],
  ['/things/abc', { method: 'POST', headers: { 'kopru-connection-id': 'conn_1', 'content-type': 'application/json' }, body: '{"name":""}' }],
  ['/things/a', { method: 'POST', headers: { 'kopru-connection-id': 'conn_1', 'content-type': 'application/json' }, body: '{"name":""}' }],
  ['/things/abc', { method: 'POST', headers: { 'kopru-connection-id': 'conn_1', 'content-type': 'application/json' }, body: '{"name":"n"}' }],
  ['/strict', { headers: { 'x-only': 'yes' } }],
  ['/strict', { headers: { 'x-only': 'yes', 'x-more': 'no' } }],
  ['/slow/good'],
  ['/slow/bad'],
]

describe('GatewayRoutes: one synchronous validator for query, path and headers', () => {
  it.each(requests)('%s answers as @hono/zod-openapi validators do', async (path, init) => {
    const [expected, actual] = await Promise.all([reference.request(path, init), fast.request(path, init)])
    expect(actual.status).toBe(expected.status)
    expect(await actual.json()).toEqual(await expected.json())
  })

  it('keeps the OpenAPI document', () => {
    const config = { openapi: '3.1.0', info: { title: 't', version: '1' } }
    expect(fast.getOpenAPI31Document(config)).toEqual(reference.getOpenAPI31Document(config))
  })

  it('reports the first failing part, in the order query, path, header', async () => {
    const response = await fast.request('/things/a?limit=0', { method: 'POST' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ detail: 'the request query is invalid', errors: [{ path: 'query.limit' }] })
  })

  it('names an async check failure as the zod-openapi validator did', async () => {
    const response = await fast.request('/slow/bad')
    expect(await response.json()).toMatchObject({ status: 400, errors: [{ path: 'path.id', message: 'refused by an async check' }] })
  })
})
