/**
 * The console over HTTP: sign in and out, sealed SameSite=Strict session, CSRF refusals, tenant isolation (a tenant
 * never sees another's connections, call log entries or events; the operator sees all with a tenant filter), quota
 * bars, call-log filters, and no secret (credentials, API keys, admin key, webhook secret) in any page.
 */
import { Hono } from 'hono'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { flakyProvider, startFlakyUpstream } from '../helpers/flaky-upstream.js'
import { ADMIN_KEY, testGateway, type TestGateway } from '../helpers/gateway.js'

const SECRET = 'planted-secret-k1'

describe('console over HTTP', () => {
  let upstream: Awaited<ReturnType<typeof startFlakyUpstream>>
  let gw: TestGateway

  beforeAll(async () => {
    upstream = await startFlakyUpstream()
  })
  afterAll(() => upstream.off())
  beforeEach(async () => {
    gw = await testGateway({
      providers: [flakyProvider],
      env: { KOPRU_PROVIDER_FLAKY_BASE_URL: upstream.url },
      quotaOverrides: { flaky: { default: { limit: 5, intervalMs: 60_000 } } },
    })
  })

  /** A tenant with a connection that made two calls (call log entries) and needs re-authorization (an event). */
  async function tenant(name: string) {
    const { id, apiKey } = await gw.tenant(name)
    const created = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'flaky', credentials: { api_key: `${SECRET}-${name}` } }) })
    expect(created.status).toBe(201)
    const connection = ((await created.json()) as { id: string }).id
    const call = await gw.call(apiKey, '/v1/orders/7', { connection })
    expect(call.status).toBe(200)
    const other = await gw.call(apiKey, '/v1/orders/8', { connection })
    expect(other.status).toBe(200)
    await gw.app.services.connections.markNeedsReauth(id, connection, 'test')
    const events = (await (await gw.call(apiKey, '/v1/events')).json()) as { data: { id: string }[] }
    return { id, apiKey, connection, requestId: call.headers.get('kopru-request-id')!, otherRequestId: other.headers.get('kopru-request-id')!, eventId: events.data[0]!.id }
  }

  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } })

  async function signIn(key: string) {
    const response = await gw.app.request('/console/sign-in', form({ key }))
    expect(response.status).toBe(303)
    const cookie = response.headers.get('set-cookie')!
    return { setCookie: cookie, cookie: cookie.split(';')[0]! }
  }
  const get = (path: string, cookie: string) => gw.app.request(path, { headers: { cookie } })
  const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!
  const post = (path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    gw.app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers } })

  it('signs in with a tenant key into a sealed HttpOnly SameSite=Strict cookie, and signs out', async () => {
    const a = await tenant('a')
    expect((await gw.app.request('/console/connections')).headers.get('location')).toBe('/console/sign-in')
    const refused = await gw.app.request('/console/sign-in', form({ key: 'kpr_live_not_a_key' }))
    expect(refused.status).toBe(401)
    expect(refused.headers.get('set-cookie')).toBeNull()
    const { setCookie, cookie } = await signIn(a.apiKey)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\/console/)
    expect(setCookie).not.toContain(a.apiKey)
    const page = await get('/console/connections', cookie)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain(a.connection)
    // A tampered cookie is no session.
    expect((await get('/console/connections', `${cookie.slice(0, -3)}abc`)).status).toBe(303)
    const out = await post('/console/sign-out', cookie, { csrf: csrfOf(html) })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/kopru_console=;.*Max-Age=0/)
  })

  it('works mounted under a parent app: cookie path and links follow the mount point', async () => {
    const a = await tenant('a')
    const parent = new Hono().route('/kopru', gw.app)
    const signedIn = await parent.request('/kopru/console/sign-in', form({ key: a.apiKey }))
    expect(signedIn.headers.get('location')).toBe('/kopru/console/connections')
    expect(signedIn.headers.get('set-cookie')).toMatch(/Path=\/kopru\/console/)
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
    const html = await (await parent.request('/kopru/console/connections', { headers: { cookie } })).text()
    expect(html).toContain('href="/kopru/console/logs"')
    expect(html).toContain(a.connection)
  })

  it('ends a tenant session when its API key is revoked', async () => {
    const a = await tenant('a')
    const issued = await gw.app.request(`/admin/tenants/${a.id}/api-keys`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' } })
    const { id: keyId, key } = (await issued.json()) as { id: string; key: string }
    const { cookie } = await signIn(key)
    expect((await get('/console/connections', cookie)).status).toBe(200)
    expect((await gw.app.request(`/admin/api-keys/${keyId}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status).toBe(204)
    expect((await get('/console/connections', cookie)).status).toBe(303)
  })

  it('refuses POSTs without the session token, with a wrong one, or from another origin', async () => {
    const a = await tenant('a')
    const { cookie } = await signIn(a.apiKey)
    const csrf = csrfOf(await (await get(`/console/events/${a.eventId}`, cookie)).text())
    expect((await post(`/console/events/${a.eventId}/redeliver`, cookie, {})).status).toBe(403)
    expect((await post(`/console/events/${a.eventId}/redeliver`, cookie, { csrf: `${csrf}x` })).status).toBe(403)
    expect((await post(`/console/events/${a.eventId}/redeliver`, cookie, { csrf }, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await post('/console/webhook', cookie, { url: 'http://127.0.0.1:1/hook' })).status).toBe(403)
    expect((await post('/console/sign-out', cookie, {})).status).toBe(403)
    expect((await get('/console/webhook', cookie)).status).toBe(200)
    expect(await gw.app.services.events.endpoints.get(a.id)).toBeNull()
    // A sign-in posted from another site is refused too (login CSRF).
    expect((await gw.app.request('/console/sign-in', { ...form({ key: a.apiKey }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' } })).status).toBe(403)
    // With its token, the same redelivery goes through (once an endpoint is set).
    expect((await post('/console/webhook', cookie, { csrf, url: 'http://127.0.0.1:1/hook' })).status).toBe(303)
    const ok = await post(`/console/events/${a.eventId}/redeliver`, cookie, { csrf })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`/console/events/${a.eventId}?notice=queued`)
  })

  it("never shows a tenant another tenant's data; the operator sees all, narrowed by the tenant filter", async () => {
    const a = await tenant('a')
    const b = await tenant('b')
    const { cookie } = await signIn(a.apiKey)
    for (const path of ['/console/connections', `/console/connections?tenant=${b.id}`, '/console/logs', `/console/logs?tenant=${b.id}`, '/console/events', `/console/events?tenant=${b.id}`]) {
      const html = await (await get(path, cookie)).text()
      expect(html, path).not.toContain(b.connection)
      expect(html, path).not.toContain(b.requestId)
      expect(html, path).not.toContain(b.eventId)
    }
    const bEntry = ((await (await gw.call(b.apiKey, `/v1/logs?request_id=${b.requestId}`)).json()) as { data: { id: string }[] }).data[0]!.id
    expect((await get(`/console/logs/${bEntry}`, cookie)).status).toBe(404)
    expect((await get(`/console/events/${b.eventId}`, cookie)).status).toBe(404)
    const csrf = csrfOf(await (await get('/console/events', cookie)).text())
    expect((await post(`/console/events/${b.eventId}/redeliver`, cookie, { csrf })).status).toBe(404)

    const admin = (await signIn(ADMIN_KEY)).cookie
    const all = await (await get('/console/connections', admin)).text()
    expect(all).toContain(a.connection)
    expect(all).toContain(b.connection)
    const onlyB = await (await get(`/console/connections?tenant=${b.id}`, admin)).text()
    expect(onlyB).toContain(b.connection)
    expect(onlyB).not.toContain(a.connection)
    expect(await (await get(`/console/logs/${bEntry}`, admin)).text()).toContain(b.requestId)
    const logsOfA = await (await get(`/console/logs?tenant=${a.id}`, admin)).text()
    expect(logsOfA).toContain(a.requestId)
    expect(logsOfA).not.toContain(b.requestId)
  })

  it('shows each connection as a quota bar of its current window, and its reconnect link', async () => {
    const a = await tenant('a')
    const { cookie } = await signIn(a.apiKey)
    const html = await (await get('/console/connections', cookie)).text()
    expect(html).toMatch(/<meter aria-label="default quota of conn_[^"]+" min="0" max="5" value="2"/)
    expect(html).toContain('2 of 5 per 60 s')
    expect(html).toMatch(/<a href="http:\/\/localhost\/connect\/cs_[A-Za-z0-9]+" aria-label="Reconnect/)
  })

  it('filters the call log by request id and names a bad filter field', async () => {
    const a = await tenant('a')
    const { cookie } = await signIn(a.apiKey)
    const html = await (await get(`/console/logs?request_id=${encodeURIComponent(a.requestId)}`, cookie)).text()
    expect(html).toContain(a.requestId)
    expect(html).toContain('GET /orders/7')
    expect(html).not.toContain(a.otherRequestId)
    expect(html).not.toContain('GET /orders/8')
    const bad = await get('/console/logs?from=yesterday', cookie)
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('From (UTC)')
    expect(badHtml).toContain('id="f-from" name="from" type="datetime-local" value="yesterday" aria-invalid="true"')
    expect((await get('/console/logs?from=2020-01-01T00:00', cookie)).status).toBe(200)
    // The kind filter: the unified call is an `operation`, never a `token_refresh`; an unknown kind is named.
    expect(await (await get(`/console/logs?kind=operation&request_id=${encodeURIComponent(a.requestId)}`, cookie)).text()).toContain('GET /orders/7')
    expect(await (await get(`/console/logs?kind=token_refresh&request_id=${encodeURIComponent(a.requestId)}`, cookie)).text()).not.toContain('GET /orders/7')
    const badKind = await get('/console/logs?kind=bogus', cookie)
    expect(badKind.status).toBe(400)
    expect(await badKind.text()).toContain('Kind:')
    expect((await get('/console/logs/abc', cookie)).status).toBe(404)
  })

  it('puts no secret in any page: credentials, keys and the webhook secret (shown once, when rotated)', async () => {
    const a = await tenant('a')
    const put = await gw.call(a.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: 'http://127.0.0.1:1/hook' }) })
    const { secret } = (await put.json()) as { secret: string }
    const pages = async (cookie: string, extra = '') => {
      const entry = ((await (await gw.call(a.apiKey, '/v1/logs')).json()) as { data: { id: string }[] }).data[0]!.id
      const paths = ['/console/connections', '/console/logs', `/console/logs/${entry}`, '/console/events', `/console/events/${a.eventId}`, `/console/webhook${extra}`]
      return (await Promise.all(paths.map(async (path) => (await get(path, cookie)).text()))).join('\n')
    }
    for (const [cookie, extra] of [[(await signIn(a.apiKey)).cookie, ''], [(await signIn(ADMIN_KEY)).cookie, `?tenant=${a.id}`]] as const) {
      const html = await pages(cookie, extra)
      for (const planted of [SECRET, a.apiKey, ADMIN_KEY, secret, secret.slice(6)]) expect(html).not.toContain(planted)
    }
    const { cookie } = await signIn(a.apiKey)
    const csrf = csrfOf(await (await get('/console/webhook', cookie)).text())
    const rotated = await post('/console/webhook/rotate', cookie, { csrf })
    expect(rotated.headers.get('cache-control')).toBe('no-store')
    const shown = /<pre>(whsec_[^<]+)<\/pre>/.exec(await rotated.text())![1]!
    expect(shown).not.toBe(secret)
    expect((await gw.app.services.events.endpoints.get(a.id))!.secret).toBe(shown)
    expect(await pages(cookie)).not.toContain(shown)
  })
})
