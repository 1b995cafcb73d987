import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { KopruError } from '../../src/core/errors.js'
import { createLogger } from '../../src/core/logger.js'
import { createMetrics } from '../../src/core/metrics.js'
import { bodyLimit } from '../../src/http/body-limit.js'
import { gatewayRequest } from '../../src/http/gateway-request.js'
import { onError, problemResponse } from '../../src/http/problem.js'
import type { GatewayEnv } from '../../src/http/types.js'

function app() {
  const metrics = createMetrics()
  const app = new Hono<GatewayEnv>()
  app.onError(onError)
  const limitBody = bodyLimit({ maxSize: 16, onError: (c) => problemResponse(c, new KopruError('payload_too_large', 'too large')) })
  app.use('*', gatewayRequest({ log: createLogger({ level: 'silent' }), connections: { peek: () => undefined }, metrics, maxQueueMs: 1000, limitBody }))
  app.get('/json', (c) => c.json({ ok: true }))
  app.get('/replayed', (c) => {
    c.header('Idempotency-Replayed', 'true')
    return c.json({ ok: true }, 201)
  })
  app.get('/direct', () => new Response('raw', { headers: { 'content-type': 'text/plain', 'x-upstream': '1' } }))
  app.get('/empty', (c) => c.body(null, 204))
  app.get('/fails', () => {
    throw new KopruError('not_found', 'nothing here')
  })
  app.post('/body', async (c) => c.json({ size: (await c.req.text()).length }))
  return { app, metrics }
}

const withId = (id: string, init: RequestInit = {}) => ({ ...init, headers: { 'kopru-request-id': id, ...(init.headers as object) } })

describe('gatewayRequest: the request id on every answer', () => {
  it('sends Kopru-Request-Id once on context answers, direct Responses, empty answers, problems and 413s', async () => {
    const { app: gateway } = app()
    for (const [path, status] of [['/json', 200], ['/replayed', 201], ['/direct', 200], ['/empty', 204], ['/fails', 404]] as const) {
      const response = await gateway.request(path, withId(`id-${status}`))
      expect(response.status, path).toBe(status)
      expect(response.headers.get('kopru-request-id'), path).toBe(`id-${status}`)
    }
    const replayed = await gateway.request('/replayed', withId('r'))
    expect(replayed.headers.get('idempotency-replayed')).toBe('true')
    expect(replayed.headers.get('content-type')).toMatch(/^application\/json/)
    const direct = await gateway.request('/direct', withId('d'))
    expect(direct.headers.get('x-upstream')).toBe('1')
    expect(await direct.text()).toBe('raw')
    const problem = await gateway.request('/fails', withId('p'))
    expect(((await problem.json()) as { request_id: string }).request_id).toBe('p')
    const tooLarge = await gateway.request('/body', withId('big', { method: 'POST', body: 'x'.repeat(64) }))
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.headers.get('kopru-request-id')).toBe('big')
    const small = await gateway.request('/body', withId('small', { method: 'POST', body: 'hello' }))
    expect(await small.json()).toEqual({ size: 5 })
    expect(small.headers.get('kopru-request-id')).toBe('small')
  })

  it('generates an id when the client sends none, and counts each answer by route and status', async () => {
    const { app: gateway, metrics } = app()
    const response = await gateway.request('/json')
    expect(response.headers.get('kopru-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
    await gateway.request('/fails')
    const text = metrics.registry.render()
    expect(text).toContain('kopru_http_requests_total{route="/json",method="GET",provider="",operation="",status="200"} 1')
    expect(text).toContain('kopru_http_requests_total{route="/fails",method="GET",provider="",operation="",status="404"} 1')
  })
})
