/**
 * The connect flow's authorization-code exchange in the call log (kind `token_exchange`), over HTTP against each
 * OAuth simulator: after a connect and a reconnect, `GET /v1/logs?kind=token_exchange` holds one entry per
 * exchange under the connection, with status and duration; `/admin/logs` and the console filter find it too;
 * neither the code nor the client secret nor a token is in any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { ADMIN_KEY, testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

describe.each(oauthCases)('$id: the authorization-code exchange in the call log', (testCase) => {
  let server: Listening
  beforeAll(async () => {
    server = await listen(testCase.simulator(`${PUBLIC_URL}/connect/callback`, { now: () => Date.now() }).app)
  })
  afterAll(() => server.close())

  it('is recorded under the connection it created and re-authorized, with status and duration, and no secret', async () => {
    const env = testCase.env(server.url)
    const gw = await testGateway({ publicUrl: PUBLIC_URL, env })
    const tenant = await gw.tenant()
    const first = await connectThroughFlow(gw, tenant.apiKey, { provider: testCase.id, form: testCase.form })
    expect(first.connectionId, first.location ?? '').toMatch(/^conn_/)
    const second = await connectThroughFlow(gw, tenant.apiKey, { provider: testCase.id, form: testCase.form })
    expect(second.connectionId).toBe(first.connectionId)
    await gw.app.services.callLog.flush()

    const listed = await gw.call(tenant.apiKey, '/v1/logs?kind=token_exchange')
    expect(listed.status).toBe(200)
    const page = (await listed.json()) as { data: Record<string, unknown>[] }
    expect(page.data).toHaveLength(2)
    const callbackIds = [first.done, second.done].map((done) => done.headers.get('kopru-request-id'))
    for (const entry of page.data) {
      expect(entry).toMatchObject({ kind: 'token_exchange', operation: 'oauth.exchange', connection_id: first.connectionId, provider: testCase.id, method: 'POST', status: 200, error_code: null })
      expect(entry.duration_ms).toEqual(expect.any(Number))
      expect(entry.host).toBe(new URL(server.url).host)
      expect(callbackIds).toContain(entry.request_id)
    }
    const admin = await gw.app.request(`/admin/logs?kind=token_exchange&tenant_id=${tenant.id}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    expect(admin.status).toBe(200)
    expect(((await admin.json()) as { data: unknown[] }).data).toHaveLength(2)
    const signedIn = await gw.app.request('/console/sign-in', { method: 'POST', body: new URLSearchParams({ key: tenant.apiKey }), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
    const consolePage = await gw.app.request('/console/logs?kind=token_exchange', { headers: { cookie } })
    expect(consolePage.status).toBe(200)
    const html = await consolePage.text()
    expect(html).toContain('oauth.exchange')
    expect(html).toMatch(/<option value="token_exchange" selected/)

    const connection = await gw.app.services.connections.get(tenant.id, first.connectionId!)
    const tokens = Object.values(connection.credentials as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.length >= 8)
    // `code`, or the provider's own name for it (Amazon's `spapi_oauth_code`).
    const codes = [first.callback, second.callback].flatMap((url) => [...new URL(url).searchParams].filter(([name, value]) => /code/.test(name) && value).map(([, value]) => value))
    expect(codes.length).toBeGreaterThan(0)
    const secrets = [...tokens, ...codes, ...Object.entries(env).filter(([name]) => /SECRET/.test(name)).map(([, value]) => value)]
    const text = JSON.stringify(page) + html
    for (const secret of secrets) expect(text, `${secret.slice(0, 6)}… in the call log`).not.toContain(secret)
    // Two whole connect flows and a console sign-in: 20 s was seen running out on a loaded 2-core machine.
  }, 60_000)
})
