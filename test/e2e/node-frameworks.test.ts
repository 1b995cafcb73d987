import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express5 from 'express'
// @ts-expect-error express 4 is installed under an alias; its API here is the same as express 5's types
import express4 from 'express4'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { hmacSha256Base64 } from '../../src/core/provider-kit/index.js'
import { nodeHandler } from '../../src/node/node-handler.js'
import { ADMIN_KEY, testGateway, type TestGateway } from '../helpers/gateway.js'
import { HMAC_SHOP_APP_SECRET, hmacShop } from '../helpers/hmac-shop.js'

type Handler = ReturnType<typeof nodeHandler>
const limit = 64 * 1024

/** Express with a JSON parser in front of kopru (optionally keeping the bytes as `req.rawBody`, as NestJS does). */
function expressHost(express: typeof express5, handler: Handler, parser: 'none' | 'json' | 'json-raw'): Server {
  const app = express()
  if (parser === 'json') app.use(express.json())
  if (parser === 'json-raw') app.use(express.json({ verify: (req, _res, bytes) => void ((req as { rawBody?: Buffer }).rawBody = bytes) }))
  app.get('/', (_req, res) => void res.send('my shop'))
  app.use('/integrations', handler)
  return app.listen(0, '127.0.0.1')
}

async function fastifyHost(handler: Handler): Promise<string> {
  const app = Fastify()
  app.get('/', async () => 'my shop')
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null))
    const toKopru = (request: { raw: Parameters<Handler>[0] }, reply: { hijack(): void; raw: Parameters<Handler>[1] }) => {
      reply.hijack()
      handler(request.raw, reply.raw)
    }
    scope.all('/integrations', toKopru)
    scope.all('/integrations/*', toKopru)
  })
  hosts.push({ close: () => app.close() })
  return app.listen({ port: 0, host: '127.0.0.1' })
}

const hosts: { close(): unknown }[] = []
const urlOf = async (server: Server) => {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('kopru mounted in Express 4, Express 5 and Fastify with nodeHandler', () => {
  let gw: TestGateway
  const bases: Record<string, string> = {}

  beforeAll(async () => {
    gw = await testGateway({ maxBodyBytes: limit, env: { KOPRU_PROVIDER_HMACSHOP_CLIENT_SECRET: HMAC_SHOP_APP_SECRET }, providers: [...providers, hmacShop] })
    const handler = nodeHandler(gw.app, { basePath: '/integrations' })
    for (const [name, server] of [
      ['express5', expressHost(express5, handler, 'none')],
      ['express5+json', expressHost(express5, handler, 'json')],
      ['express4+json', expressHost(express4 as typeof express5, handler, 'json')],
      ['express4+rawBody', expressHost(express4 as typeof express5, handler, 'json-raw')],
    ] as const) {
      hosts.push({ close: () => (server.closeAllConnections(), server.close()) })
      bases[name] = await urlOf(server)
    }
    bases.fastify = await fastifyHost(handler)
  })
  afterAll(async () => {
    for (const host of hosts) await host.close()
  })

  const names = ['express5', 'express5+json', 'express4+json', 'express4+rawBody', 'fastify']
  const timeout = () => AbortSignal.timeout(5000)

  async function tenantKey(base: string): Promise<string> {
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }
    const tenant = await fetch(`${base}/integrations/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Host' }), signal: timeout() })
    expect(tenant.status, await tenant.clone().text()).toBe(201)
    const { id } = (await tenant.json()) as { id: string }
    const key = await fetch(`${base}/integrations/admin/tenants/${id}/api-keys`, { method: 'POST', headers: admin, body: '{}', signal: timeout() })
    return ((await key.json()) as { key: string }).key
  }

  it.each(names)('%s: POSTs and GETs reach kopru with their bodies, next to the host routes, links under the mount point', async (name) => {
    const base = bases[name]!
    expect(await (await fetch(`${base}/`)).text()).toBe('my shop')
    const auth = { authorization: `Bearer ${await tenantKey(base)}`, 'content-type': 'application/json' }
    const created = await fetch(`${base}/integrations/v1/connections`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'hmacshop', credentials: { access_token: 'shpat_x' } }), signal: timeout() })
    expect(created.status, await created.clone().text()).toBe(201)
    const list = (await (await fetch(`${base}/integrations/v1/connections`, { headers: auth, signal: timeout() })).json()) as { data: { provider: string }[] }
    expect(list.data.map((c) => c.provider)).toEqual(['hmacshop'])
    const doc = (await (await fetch(`${base}/integrations/openapi.json`, { signal: timeout() })).json()) as { servers: { url: string }[] }
    expect(doc.servers[0]!.url).toBe('/integrations')
    const index = await fetch(`${base}/integrations`, { signal: timeout() })
    expect(index.status).toBe(200)
    expect(await index.json()).toEqual({
      name: 'kopru',
      links: { docs: '/integrations/docs', openapi: '/integrations/openapi.json', console: '/integrations/console', health: '/integrations/health' },
    })
  })

  async function signedDelivery(base: string, auth: Record<string, string>) {
    const created = await fetch(`${base}/integrations/v1/connections`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'hmacshop', credentials: { access_token: 'shpat_x' } }) })
    const { id } = (await created.json()) as { id: string }
    // Spacing a parser would not keep: a re-serialised body would not match the signature.
    const body = `{ "id": 820982911946154500, "name": "#1001", "financial_status": "paid", "created_at": "${new Date().toISOString()}", "updated_at": "${new Date().toISOString()}" }`
    const headers = { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': crypto.randomUUID(), 'x-shopify-triggered-at': new Date().toISOString(), 'x-shopify-hmac-sha256': await hmacSha256Base64(HMAC_SHOP_APP_SECRET, body) }
    return fetch(`${base}/integrations/webhooks/hmacshop/${id}`, { method: 'POST', headers, body, signal: timeout() })
  }

  it.each(['express5', 'express4+rawBody', 'fastify'])('%s: a signed provider webhook verifies over the exact bytes', async (name) => {
    const base = bases[name]!
    const response = await signedDelivery(base, { authorization: `Bearer ${await tenantKey(base)}`, 'content-type': 'application/json' })
    expect(response.status, await response.clone().text()).toBe(200)
  })

  it('behind a parser that kept no bytes, a webhook is refused with a 400 that says why, not a signature failure', async () => {
    const base = bases['express5+json']!
    const response = await signedDelivery(base, { authorization: `Bearer ${await tenantKey(base)}`, 'content-type': 'application/json' })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(((await response.json()) as { detail: string }).detail).toContain('mount kopru before the body parser')
  })

  it.each(names)('%s: a body over the limit is answered 413, not held', async (name) => {
    const response = await fetch(`${bases[name]!}/integrations/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(200 * 1024) }),
      signal: timeout(),
    })
    expect(response.status).toBe(413)
  })

  it.each(names)('%s: a client that aborts mid-body leaves the host serving', async (name) => {
    const { port } = new URL(bases[name]!)
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /integrations/admin/tenants HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${ADMIN_KEY}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":`)
        setTimeout(() => (socket.destroy(), resolve()), 50)
      })
    })
    const health = await fetch(`${bases[name]!}/integrations/health`, { signal: timeout() })
    expect(health.status).toBe(200)
  })
})
