import { Hono } from 'hono'
import { beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_KEY, expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'

const admin = (init: RequestInit = {}) => {
  const headers = new Headers(init.headers)
  headers.set('authorization', `Bearer ${ADMIN_KEY}`)
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json')
  return { ...init, headers }
}

describe('gateway foundation', () => {
  let gw: TestGateway
  beforeEach(async () => {
    gw = await testGateway()
  })

  it('answers /health and /ready, and echoes or generates the request id', async () => {
    const health = await gw.app.request('/health')
    expect(await health.json()).toEqual({ status: 'ok' })
    expect(health.headers.get('kopru-request-id')).toMatch(/^req_[0-9a-f]{32}$/)
    const ready = await gw.app.request('/ready', { headers: { 'x-request-id': 'abc-123' } })
    expect(ready.status).toBe(200)
    expect(ready.headers.get('kopru-request-id')).toBe('abc-123')
    const insane = await gw.app.request('/health', { headers: { 'kopru-request-id': 'bad id with spaces' } })
    expect(insane.headers.get('kopru-request-id')).toMatch(/^req_/)
  })

  it('lets the operator create tenants and API keys, shown once and stored hashed', async () => {
    const created = await gw.app.request('/admin/tenants', admin({ method: 'POST', body: JSON.stringify({ name: 'Anadolu Ticaret' }) }))
    expect(created.status).toBe(201)
    const tenant = (await created.json()) as { id: string; name: string; created_at: string }
    expect(tenant).toMatchObject({ name: 'Anadolu Ticaret' })
    const list = (await (await gw.app.request('/admin/tenants', admin())).json()) as { data: { id: string }[] }
    expect(list.data.map((t) => t.id)).toContain(tenant.id)

    const keyResponse = await gw.app.request(`/admin/tenants/${tenant.id}/api-keys`, admin({ method: 'POST', body: '{"name":"ci"}' }))
    expect(keyResponse.status).toBe(201)
    const { id: keyId, key } = (await keyResponse.json()) as { id: string; key: string }
    expect(key).toMatch(/^kpr_live_[A-Za-z0-9]{32}$/)
    const stored = await gw.app.services.tenants.findApiKeyByHash('x')
    expect(stored).toBeUndefined()
    const rows = (await gw.app.services.db.execute('select key_hash, key_prefix from api_keys' as never)) as any
    const row = (Array.isArray(rows) ? rows : rows.rows)[0]
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(row)).not.toContain(key)

    expect((await gw.call(key, '/v1/providers')).status).toBe(200)
    expect((await gw.app.request(`/admin/api-keys/${keyId}`, admin({ method: 'DELETE' }))).status).toBe(204)
    await expectProblem(await gw.call(key, '/v1/providers'), 401, 'unauthorized')
    await expectProblem(await gw.app.request(`/admin/api-keys/${keyId}`, admin({ method: 'DELETE' })), 404, 'not_found')
    await expectProblem(await gw.app.request('/admin/tenants/ten_nope/api-keys', admin({ method: 'POST' })), 404, 'not_found')
  })

  it('refuses missing, malformed and wrong keys with problem+json 401, and tenant keys on admin routes', async () => {
    const tenant = await gw.tenant()
    const missing = await expectProblem(await gw.app.request('/v1/providers'), 401, 'unauthorized')
    expect(missing.detail).toMatch(/Bearer/)
    await expectProblem(await gw.app.request('/v1/providers', { headers: { authorization: 'Basic abc' } }), 401, 'unauthorized')
    await expectProblem(await gw.app.request('/v1/providers', { headers: { authorization: 'Bearer kpr_live_wrong' } }), 401, 'unauthorized')
    await expectProblem(await gw.app.request('/v1/providers', { headers: { authorization: `Bearer ${ADMIN_KEY}` } }), 401, 'unauthorized')
    await expectProblem(await gw.app.request('/admin/tenants', { headers: { authorization: `Bearer ${tenant.apiKey}` } }), 401, 'unauthorized')
    await expectProblem(await gw.app.request('/admin/tenants'), 401, 'unauthorized')
  })

  it('turns every bad input into a problem+json 4xx, never a 500', async () => {
    const { apiKey } = await gw.tenant()
    const cases: [string, RequestInit & { connection?: string }, number, string][] = [
      ['/v1/nope', {}, 404, 'not_found'],
      ['/v1/connections', { method: 'POST', body: '{"provider": "trendyol",' }, 400, 'invalid_request'],
      ['/v1/connections', { method: 'POST', body: '[]' }, 400, 'invalid_request'],
      ['/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 42, credentials: 'x' }) }, 400, 'invalid_request'],
      ['/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'nope', credentials: {} }) }, 400, 'invalid_request'],
      ['/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: 'abc' } }) }, 400, 'invalid_request'],
      ['/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'trendyol', environment: 'moon', credentials: {} }) }, 400, 'invalid_request'],
      ['/v1/connections?limit=0', {}, 400, 'invalid_request'],
      ['/v1/connections?limit=abc', {}, 400, 'invalid_request'],
      ['/v1/connections?cursor=%%%', {}, 400, 'invalid_request'],
      ['/v1/connections/conn_doesnotexist', {}, 404, 'not_found'],
      ['/v1/connections/../../etc/passwd', {}, 404, 'not_found'],
      ['/v1/orders', {}, 400, 'invalid_request'],
      ['/v1/orders', { connection: 'conn_doesnotexist' }, 404, 'not_found'],
      ['/v1/orders?limit=500', { connection: 'conn_x' }, 400, 'invalid_request'],
      ['/v1/orders?created_after=yesterday', { connection: 'conn_x' }, 400, 'invalid_request'],
      ['/v1/orders?status=lost', { connection: 'conn_x' }, 400, 'invalid_request'],
      ['/v1/proxy/x', {}, 400, 'invalid_request'],
      ['/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'trendyol', credentials: { blob: 'x'.repeat(3 * 1024 * 1024) } }) }, 413, 'payload_too_large'],
    ]
    for (const [path, init, status, code] of cases) {
      const response = await gw.call(apiKey, path, init)
      const problem = await expectProblem(response, status, code).catch((error: Error) => {
        throw new Error(`${init.method ?? 'GET'} ${path}: ${error.message}`)
      })
      expect(problem.type).toBe(`https://kopru.dev/errors/${code}`)
    }
    const typed = await expectProblem(
      await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 42, credentials: 'x' }) }),
      400,
      'invalid_request',
    )
    expect(typed.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.credentials', 'body.provider'])
  })

  it('publishes the OpenAPI document from the same schemas, and renders /docs', async () => {
    const doc = (await (await gw.app.request('/openapi.json')).json()) as any
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/orders', '/v1/orders/{id}', '/v1/connections', '/v1/providers', '/admin/tenants', '/v1/proxy/{path}', '/health', '/connect/{session}', '/connect/callback', '/v1/shipments', '/v1/events', '/metrics']),
    )
    // Nullable where a provider gives no total (Amazon Pending orders): a Money or null.
    expect(doc.components.schemas.Order.properties.total).toEqual({ anyOf: [{ $ref: '#/components/schemas/Money' }, { type: 'null' }] })
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'code', 'request_id', 'retryable']))
    const html = await (await gw.app.request('/docs')).text()
    expect(html).toContain('SwaggerUIBundle')
    expect(html).toContain("url: '/openapi.json'")
    expect(html).toContain('/docs/assets/swagger-ui-dist@')
    expect(html).not.toMatch(/https?:\/\//)
  })

  it('lists the provider catalog with auth fields and operations', async () => {
    const { apiKey } = await gw.tenant()
    const body = (await (await gw.call(apiKey, '/v1/providers')).json()) as { data: any[] }
    const trendyol = body.data.find((p) => p.id === 'trendyol')
    expect(trendyol).toMatchObject({ kind: 'marketplace', auth_type: 'basic', environments: ['production', 'sandbox'] })
    expect(trendyol.auth_fields.map((f: { name: string }) => f.name)).toEqual(['seller_id', 'api_key', 'api_secret'])
    expect(trendyol.operations).toEqual(expect.arrayContaining(['orders.list', 'orders.get', 'proxy']))
    expect(trendyol.quotas[0]).toMatchObject({ limit: 50, interval_ms: 10_000 })
  })

  it('refuses a webhook endpoint on a private address unless the operator allows it', async () => {
    const strict = await testGateway({ events: { allowPrivateEndpoints: false } })
    const { apiKey } = await strict.tenant()
    const put = (url: string) => strict.call(apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url }) })
    const problem = await expectProblem(await put('http://169.254.169.254/latest/meta-data'), 400, 'invalid_request')
    expect(problem.errors).toEqual([{ path: 'url', message: 'private address' }])
    const accepted = await put('https://hooks.example.com/kopru')
    expect(accepted.status).toBe(200)
    expect(((await accepted.json()) as { secret: string }).secret).toMatch(/^whsec_/)
  })

  it('mounts inside a parent Hono app under /integrations', async () => {
    const { apiKey } = await gw.tenant()
    const parent = new Hono()
    parent.get('/', (c) => c.text('parent'))
    parent.route('/integrations', gw.app)
    expect(await (await parent.request('/')).text()).toBe('parent')
    const health = await parent.request('/integrations/health')
    expect(await health.json()).toEqual({ status: 'ok' })
    const providers = await parent.request('/integrations/v1/providers', { headers: { authorization: `Bearer ${apiKey}` } })
    expect(providers.status).toBe(200)
    await expectProblem(await parent.request('/integrations/v1/providers'), 401, 'unauthorized')
    await expectProblem(await parent.request('/integrations/v1/missing', { headers: { authorization: `Bearer ${apiKey}` } }), 404, 'not_found')
  })
})
