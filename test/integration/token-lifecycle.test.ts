import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events as eventsTable } from '../../src/db/schema.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

const HOUR = 3600_000
let offset = 0
const clock = { now: () => Date.now() + offset }
const running: Record<string, { server: Listening; sim: ReturnType<(typeof oauthCases)[number]['simulator']> }> = {}

beforeAll(async () => {
  for (const testCase of oauthCases) {
    const sim = testCase.simulator(`${PUBLIC_URL}/connect/callback`, clock)
    running[testCase.id] = { sim, server: await listen(sim.app) }
  }
})
afterAll(async () => {
  for (const { server } of Object.values(running)) await server.close()
})

async function connected(providerId: string) {
  offset = 0
  const testCase = oauthCases.find((c) => c.id === providerId)!
  const { sim, server } = running[providerId]!
  // Quotas off: these tests count token requests; 200 concurrent calls would otherwise (rightly) queue on Etsy's 10/s.
  const gw = await testGateway({ publicUrl: PUBLIC_URL, now: clock.now, env: testCase.env(server.url), quotas: 'off' })
  const tenant = await gw.tenant()
  const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: providerId, form: testCase.form })
  if (!flow.connectionId) throw new Error(`connect failed: ${flow.location}`)
  sim.oauth.resetStats()
  const orders = (status?: number) => gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: flow.connectionId! }).then((r) => (status === undefined ? r : r))
  const stored = async () => (await gw.app.services.connections.get(tenant.id, flow.connectionId!)).credentials as { access_token: string; refresh_token: string; expires_at: string }
  return { gw, tenant, sim, connectionId: flow.connectionId, orders, stored }
}

describe('token lifecycle', () => {
  it('200 concurrent calls on an expired token cause exactly one token request', async () => {
    const { sim, orders } = await connected('etsy')
    offset = HOUR + 1000
    const started = performance.now()
    const responses = await Promise.all(Array.from({ length: 200 }, () => orders()))
    const ms = Math.round(performance.now() - started)
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200))
    expect(sim.oauth.stats.refresh).toBe(1)
    console.log(`stampede: 200 calls, ${sim.oauth.stats.refresh} token request, ${ms} ms`)
  })

  it('a transient refresh failure answers provider_unavailable, keeps the connection active, and recovers', async () => {
    const { gw, tenant, sim, connectionId, orders } = await connected('etsy')
    offset = HOUR + 1000
    sim.oauth.failNextTokenRequests(1, 503)
    const failed = await Promise.all(Array.from({ length: 5 }, () => orders()))
    for (const response of failed) await expectProblem(response, 503, 'provider_unavailable')
    expect(sim.oauth.stats.failures).toBe(1)
    const connection = (await (await gw.call(tenant.apiKey, `/v1/connections/${connectionId}`)).json()) as { status: string }
    expect(connection.status).toBe('active')
    // Within the cooldown calls fail fast without hitting the provider; afterwards the refresh is retried.
    await expectProblem(await orders(), 503, 'provider_unavailable')
    expect(sim.oauth.stats.failures + sim.oauth.stats.refresh).toBe(1)
    offset += 2500
    expect((await orders()).status).toBe(200)
    expect(sim.oauth.stats.refresh).toBe(1)
  })

  it('a failed refresh ahead of expiry keeps using the still-valid token', async () => {
    const { sim, orders } = await connected('etsy')
    offset = HOUR - 60_000
    sim.oauth.failNextTokenRequests(1, 500)
    expect((await orders()).status).toBe(200)
    expect(sim.oauth.stats.failures).toBe(1)
  })

  it('a refresh response without refresh_token keeps the old one (eBay)', async () => {
    const { sim, orders, stored } = await connected('ebay')
    const before = await stored()
    offset = 2 * HOUR + 1000
    expect((await orders()).status).toBe(200)
    const after = await stored()
    expect(after.access_token).not.toBe(before.access_token)
    expect(after.refresh_token).toBe(before.refresh_token)
    offset = 4 * HOUR + 2000
    expect((await orders()).status).toBe(200)
    expect(sim.oauth.stats.refresh).toBe(2)
  })

  it('an upstream 401 forces one refresh and one retry', async () => {
    const { gw, sim, orders, stored } = await connected('shopify')
    sim.oauth.revoke((await stored()).access_token)
    const responses = await Promise.all(Array.from({ length: 10 }, () => orders()))
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(sim.oauth.stats.refresh).toBe(1)
    const metrics = await (await gw.app.request('/metrics')).text()
    expect(metrics).toMatch(/kopru_token_refreshes_total\{provider="shopify",outcome="ok"\} 1/)
  })

  it("Amazon's 403 'access token you provided has expired' also forces a refresh", async () => {
    const { sim, orders } = await connected('amazon')
    sim.oauth.expireAccessTokens()
    expect((await orders()).status).toBe(200)
    expect(sim.oauth.stats.refresh).toBe(1)
  })

  it('invalid_grant marks the connection needs_reauth once and records connection.needs_reauth', async () => {
    const { gw, tenant, sim, connectionId, orders, stored } = await connected('etsy')
    sim.oauth.revoke((await stored()).refresh_token)
    offset = HOUR + 1000
    const answers = await Promise.all(Array.from({ length: 20 }, () => orders()))
    for (const answer of answers) {
      const problem = await expectProblem(answer, 409, 'connection_needs_reauth')
      expect(problem.reconnect_url).toMatch(/\/connect\/cs_/)
    }
    expect(sim.oauth.stats.refresh).toBe(1)
    const events = await gw.app.services.db.select().from(eventsTable).where(eq(eventsTable.connectionId, connectionId))
    expect(events.filter((e) => e.type === 'connection.needs_reauth')).toHaveLength(1)
    expect(events.every((e) => e.tenantId === tenant.id)).toBe(true)

    // The reconnect link re-authorizes the same connection, which becomes active again.
    const problem = await expectProblem(await orders(), 409, 'connection_needs_reauth')
    const reconnect = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy', connectionId })
    expect(reconnect.connectionId).toBe(connectionId)
    expect(problem.reconnect_url).toBeTruthy()
    expect((await orders()).status).toBe(200)
  })
})
