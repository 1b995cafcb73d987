import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_KEY, expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { flakyProvider, startFlakyUpstream } from '../helpers/flaky-upstream.js'

interface Entry {
  id: string
  tenant_id: string
  connection_id: string
  request_id: string
  operation: string
  kind: string
  method: string
  path: string
  status: number | null
  attempt: number
  retry_reason: string | null
  quota_wait_ms: number
  circuit: string
  error_code: string | null
  request_body: string | null
}
type Page = { data: Entry[]; next_cursor: string | null }

describe('call log over HTTP', () => {
  let upstream: Awaited<ReturnType<typeof startFlakyUpstream>>
  let gw: TestGateway

  beforeAll(async () => {
    upstream = await startFlakyUpstream()
  })
  afterAll(() => upstream.off())
  beforeEach(async () => {
    upstream.setMode('ok')
    await upstream.on()
    gw = await testGateway({
      providers: [flakyProvider],
      env: { KOPRU_PROVIDER_FLAKY_BASE_URL: upstream.url },
      retry: { baseDelayMs: 5, maxDelayMs: 10 },
      // One call per 150 ms: the retry of a call has to wait for its slot.
      quotaOverrides: { flaky: { default: { limit: 1, intervalMs: 150 } } },
    })
  })

  async function tenantWithConnection(settings: Record<string, unknown> = {}) {
    const { id, apiKey } = await gw.tenant()
    const created = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'flaky', credentials: { api_key: 'planted-secret-k1' }, settings }),
    })
    expect(created.status).toBe(201)
    return { tenantId: id, apiKey, connection: ((await created.json()) as { id: string }).id }
  }

  const logs = async (apiKey: string, query: string) => {
    const response = await gw.call(apiKey, `/v1/logs?${query}`)
    expect(response.status).toBe(200)
    return (await response.json()) as Page
  }

  it("finds a unified call's upstream exchanges by its Kopru-Request-Id, with the retry and the quota wait", async () => {
    const a = await tenantWithConnection()
    upstream.setMode('503', 1)
    const response = await gw.call(a.apiKey, '/v1/orders/42?secret=q', { connection: a.connection })
    expect(response.status).toBe(200)
    const requestId = response.headers.get('kopru-request-id')!
    const page = await logs(a.apiKey, `request_id=${encodeURIComponent(requestId)}`)
    const attempts = [...page.data].reverse()
    expect(attempts.map((e) => [e.attempt, e.status, e.retry_reason, e.error_code])).toEqual([
      [0, 503, null, 'provider_unavailable'],
      [1, 200, '503', null],
    ])
    expect(attempts[1]!.quota_wait_ms).toBeGreaterThan(0)
    for (const entry of attempts) {
      expect(entry).toMatchObject({ tenant_id: a.tenantId, connection_id: a.connection, operation: 'orders.get', kind: 'operation', method: 'GET', path: '/orders/42', circuit: 'closed', request_body: null })
    }
    expect(JSON.stringify(page)).not.toContain('planted-secret')
  })

  it('tenant B never sees tenant A entries; the operator sees both', async () => {
    const a = await tenantWithConnection()
    const b = await tenantWithConnection()
    const first = await gw.call(a.apiKey, '/v1/orders/1', { connection: a.connection })
    const requestId = first.headers.get('kopru-request-id')!
    await gw.call(b.apiKey, '/v1/orders/2', { connection: b.connection })
    expect((await logs(b.apiKey, `request_id=${encodeURIComponent(requestId)}`)).data).toEqual([])
    expect((await logs(b.apiKey, `connection_id=${a.connection}`)).data).toEqual([])
    expect((await logs(b.apiKey, '')).data.map((e) => e.tenant_id)).toEqual([b.tenantId])
    const all = await gw.app.request('/admin/logs', { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    expect(new Set(((await all.json()) as Page).data.map((e) => e.tenant_id))).toEqual(new Set([a.tenantId, b.tenantId]))
    const one = await gw.app.request(`/admin/logs?tenant_id=${a.tenantId}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    expect(((await one.json()) as Page).data.map((e) => e.tenant_id)).toEqual([a.tenantId])
  })

  it('pages with a cursor bound to its filters, filters by status class, and refuses bad filters', async () => {
    const a = await tenantWithConnection()
    for (const id of ['1', '2', '3']) await gw.call(a.apiKey, `/v1/orders/${id}`, { connection: a.connection })
    const first = await logs(a.apiKey, 'limit=2&status=2xx')
    expect(first.data.map((e) => e.path)).toEqual(['/orders/3', '/orders/2'])
    const second = await logs(a.apiKey, `limit=2&status=2xx&cursor=${first.next_cursor}`)
    expect(second).toMatchObject({ data: [{ path: '/orders/1' }], next_cursor: null })
    expect((await logs(a.apiKey, 'status=5xx')).data).toEqual([])
    await expectProblem(await gw.call(a.apiKey, `/v1/logs?limit=2&status=4xx&cursor=${first.next_cursor}`), 400, 'invalid_request')
    await expectProblem(await gw.call(a.apiKey, '/v1/logs?from=yesterday'), 400, 'invalid_request')
    const problem = await expectProblem(await gw.call(a.apiKey, '/v1/logs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'), 400, 'invalid_request')
    expect(problem.errors).toEqual([{ path: 'from', message: 'must not be after to' }])
    const later = new Date(Date.now() + 60_000).toISOString()
    expect((await logs(a.apiKey, `from=${encodeURIComponent(later)}`)).data).toEqual([])
  })

  it('records the proxy and attempts that got no answer', async () => {
    const a = await tenantWithConnection({ log_bodies: true })
    await gw.call(a.apiKey, '/v1/proxy/orders/7/cancel', { connection: a.connection, method: 'POST', body: '{"reason":"x","password":"planted-secret-p"}' })
    upstream.setMode('reset')
    await gw.call(a.apiKey, '/v1/orders/8', { connection: a.connection })
    const page = await logs(a.apiKey, 'limit=200')
    const proxy = page.data.find((e) => e.kind === 'proxy')!
    expect(proxy).toMatchObject({ method: 'POST', path: '/orders/7/cancel', status: 200 })
    // The proxy streams the client's body through; it is not held back to be logged.
    expect(proxy.request_body).toBeNull()
    expect(JSON.stringify(page)).not.toContain('planted-secret')
    const unanswered = await logs(a.apiKey, 'status=none')
    expect(unanswered.data.length).toBeGreaterThan(0)
    expect(unanswered.data.every((e) => e.status === null && e.error_code === 'provider_unavailable')).toBe(true)
  })
})
