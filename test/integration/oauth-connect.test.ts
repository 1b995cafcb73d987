import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

describe.each(oauthCases)('$id: hosted OAuth connect against the simulator', (testCase) => {
  let server: Listening
  let sim: ReturnType<typeof testCase.simulator>

  beforeAll(async () => {
    sim = testCase.simulator(`${PUBLIC_URL}/connect/callback`, { now: () => Date.now() })
    server = await listen(sim.app)
  })
  afterAll(() => server.close())

  it('connects, lists unified orders, and a second connect re-authorizes the same connection', async () => {
    const gw = await testGateway({ publicUrl: PUBLIC_URL, env: testCase.env(server.url) })
    const tenant = await gw.tenant()
    const first = await connectThroughFlow(gw, tenant.apiKey, { provider: testCase.id, form: testCase.form })
    expect(first.done.status, await first.done.clone().text()).toBe(303)
    expect(first.location ?? '', first.location ?? '').not.toContain('error=')
    expect(first.connectionId).toMatch(/^conn_/)
    const orders = await gw.call(tenant.apiKey, '/v1/orders?limit=2', { connection: first.connectionId! })
    const body = (await orders.json()) as { data: { id: string; provider: string; created_at: string }[]; next_cursor: string | null }
    expect(orders.status, JSON.stringify(body)).toBe(200)
    expect(body.data[0]).toMatchObject({ id: testCase.firstOrderId, provider: testCase.id })
    expect(body.data[0]!.created_at).toMatch(/Z$/)
    expect(body.next_cursor).not.toBeNull()
    const next = await gw.call(tenant.apiKey, `/v1/orders?limit=2&cursor=${body.next_cursor}`, { connection: first.connectionId! })
    expect(next.status).toBe(200)
    expect(((await next.json()) as { data: { id: string }[] }).data[0]!.id).not.toBe(testCase.firstOrderId)

    const second = await connectThroughFlow(gw, tenant.apiKey, { provider: testCase.id, form: testCase.form })
    expect(second.connectionId).toBe(first.connectionId)
    expect(sim.oauth.stats.authorizationCode).toBeGreaterThanOrEqual(2)
    // Tokens are encrypted at rest and never logged.
    const row = await gw.app.services.db.execute(sql`select credentials from connections`)
    const stored = JSON.stringify(row)
    const connection = await gw.app.services.connections.get(tenant.id, first.connectionId!)
    const token = (connection.credentials as { access_token: string }).access_token
    expect(stored).not.toContain(token)
    expect(gw.logs.join('\n')).not.toContain(token)
  })

  it('is in the catalog as an OAuth provider', async () => {
    const gw = await testGateway({ publicUrl: PUBLIC_URL, env: testCase.env(server.url) })
    const tenant = await gw.tenant()
    const catalog = (await (await gw.call(tenant.apiKey, '/v1/providers')).json()) as { data: { id: string; auth_type: string; operations: string[] }[] }
    expect(catalog.data.find((p) => p.id === testCase.id)).toMatchObject({ auth_type: 'oauth2', operations: expect.arrayContaining(['orders.list', 'orders.get']) })
  })
})
