import { OpenAPIHono, z } from '@hono/zod-openapi'
import { KopruError } from '../core/errors.js'
import { responseHeader } from '../core/transport.js'
import type { GatewayServices } from '../core/services.js'
import type { GatewayEnv } from '../http/types.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const forwardedRequestHeaders = ['accept', 'accept-language', 'content-type', 'if-match', 'if-none-match', 'if-modified-since']
const forwardedResponseHeaders = [
  'content-type',
  'content-language',
  'etag',
  'last-modified',
  'cache-control',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]

const invalidPath = (message: string) =>
  new KopruError('invalid_request', `proxy path rejected: ${message}`, { errors: [{ path: 'path', message }] })

/**
 * The caller chooses only a path below the provider's base URL, never a host: every segment is checked
 * and re-encoded, and the built URL must still be on the provider's origin.
 */
export function safeProxyPath(rawTail: string): string {
  if (rawTail === '') throw invalidPath('empty')
  if (rawTail.startsWith('/')) throw invalidPath('must not start with / (no //host)')
  const clean: string[] = []
  for (const segment of rawTail.split('/')) {
    if (segment === '') throw invalidPath('empty segment (//)')
    // Generated clients send the whole path as one encoded parameter (`a%2Fb`): its slashes separate segments too.
    for (const decoded of decodeSegment(segment).split('/')) {
      if (decoded === '') throw invalidPath('empty segment (//)')
      if (decoded === '.' || decoded === '..') throw invalidPath('dot segments are not allowed')
      if (/[\\@\u0000-\u001f\u007f]|%/.test(decoded)) throw invalidPath('forbidden character')
      if (clean.length === 0 && /^[a-z][a-z0-9+.-]*:/i.test(decoded)) throw invalidPath('absolute URLs are not allowed')
      clean.push(encodeURIComponent(decoded))
    }
  }
  return `/${clean.join('/')}`
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw invalidPath('bad percent-encoding')
  }
}

const proxyMethods = ['get', 'post', 'put', 'patch', 'delete'] as const

function describeProxy(app: OpenAPIHono<GatewayEnv>) {
  for (const method of proxyMethods) {
    const hasBody = method === 'post' || method === 'put' || method === 'patch'
    app.openAPIRegistry.registerPath({
      method,
      path: '/v1/proxy/{path}',
      operationId: `proxy${method[0]!.toUpperCase()}${method.slice(1)}`,
      tags: ['proxy'],
      summary: `Passthrough ${method.toUpperCase()} to the provider's own API, with the connection's auth injected`,
      description:
        "Forwarded below the provider's base URL; the host can never be chosen. `path` is the provider path; its slashes " +
        'may be sent as they are (`/v1/proxy/integration/orders`) or percent-encoded as one parameter (`integration%2Forders`), ' +
        'as generated clients do. `..`, `//`, `@` and absolute URLs are refused. The query string is forwarded.',
      security: [{ tenantKey: [] }],
      request: {
        params: z.object({ path: z.string().min(1).openapi({ example: 'integration/order/sellers/1234/orders' }) }),
        headers: z.object({ 'kopru-connection-id': z.string().min(1).max(64) }),
        ...(hasBody ? { body: { required: false, content: { 'application/json': { schema: z.unknown() } } } } : {}),
      },
      responses: {
        200: { description: "The provider's answer, unchanged (status, body and content headers)", content: { 'application/json': { schema: z.unknown() } } },
        ...problemResponses(400, 401, 404, 501, 502, 503, 504),
      },
    })
  }
}

export function proxyRoutes({ runner }: Pick<GatewayServices, 'runner'>) {
  const app = new GatewayRoutes()
  describeProxy(app)

  app.all('/v1/proxy/*', async (c) => {
    const url = new URL(c.req.url)
    const marker = url.pathname.indexOf('/v1/proxy/')
    const tail = marker >= 0 ? url.pathname.slice(marker + '/v1/proxy/'.length) : ''
    const connection = await runner.usable(c.get('tenantId'), c.req.header('kopru-connection-id'))
    if (!connection.provider.proxy) {
      throw new KopruError('unsupported_operation', `${connection.provider.name} does not support the proxy`)
    }
    const path = safeProxyPath(tail)
    const headers = new Headers()
    for (const name of forwardedRequestHeaders) {
      const value = c.req.header(name)
      if (value) headers.set(name, value)
    }
    const method = c.req.method.toUpperCase()
    const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method)
    const upstream = await runner.forward(connection, c.get('scope'), c.get('log'), {
      method,
      path,
      host: connection.provider.proxy.host,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: hasBody ? new Uint8Array(await c.req.arrayBuffer()) : null,
    })
    const responseHeaders = new Headers()
    for (const name of forwardedResponseHeaders) {
      const value = responseHeader(upstream, name)
      if (value) responseHeaders.set(name, value)
    }
    responseHeaders.set('Kopru-Provider-Status', String(upstream.status))
    const nullBody = method === 'HEAD' || upstream.status === 204 || upstream.status === 304
    if (nullBody) await upstream.text()
    return new Response(nullBody ? null : upstream.body, { status: upstream.status, headers: responseHeaders })
  })
  return app
}
