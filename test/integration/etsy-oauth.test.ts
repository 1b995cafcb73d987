import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEtsySimulator, etsyDemo, type EtsySimulator } from '../../providers/etsy/simulator.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

describe('Etsy: OAuth connect (PKCE) and receipts', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<EtsySimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let clock = { now: () => Date.now() }
  let offset = 0

  beforeAll(async () => {
    clock = { now: () => Date.now() + offset }
    sim = await serveSimulator(createEtsySimulator({ clock, redirectUris: [`${PUBLIC_URL}/connect/callback`], quota: { limit: 10_000, windowMs: 1000 } }))
  })
  afterAll(() => sim.server.close())
  beforeEach(async () => {
    offset = 0
    sim.oauth.resetStats()
    gw = await testGateway({
      publicUrl: PUBLIC_URL,
      now: clock.now,
      env: { KOPRU_PROVIDER_ETSY_BASE_URL: sim.url, KOPRU_PROVIDER_ETSY_CLIENT_ID: etsyDemo.keystring },
    })
    tenant = await gw.tenant()
  })

  it('connects through the hosted flow and lists unified orders', async () => {
    const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy' })
    expect(flow.done.status).toBe(303)
    expect(flow.location).toMatch(/^https:\/\/app\.example\/done\?connection_id=conn_/)
    const authorize = new URL(flow.authorizeUrl)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('state')).toHaveLength(43)
    const orders = await gw.call(tenant.apiKey, '/v1/orders?limit=3', { connection: flow.connectionId! })
    expect(orders.status).toBe(200)
    const body = (await orders.json()) as { data: any[]; next_cursor: string | null }
    expect(body.data).toHaveLength(3)
    expect(body.data[0]).toMatchObject({ provider: 'etsy', id: '3100000000', status: 'open', payment_status: 'paid', currency: 'USD' })
    expect(body.next_cursor).not.toBeNull()
    const connection = await gw.call(tenant.apiKey, `/v1/connections/${flow.connectionId}`)
    expect(await connection.json()).toMatchObject({ provider: 'etsy', status: 'active', metadata: { user_id: etsyDemo.userId, shop_id: String(etsyDemo.shopId) } })
  })

  it('refreshes an expired token once, persists the rotated refresh token, and keeps working', async () => {
    const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy' })
    offset = 3600_000 + 1000
    const calls = await Promise.all(Array.from({ length: 20 }, () => gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: flow.connectionId! })))
    expect(calls.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(sim.oauth.stats.refresh).toBe(1)
    offset = 2 * (3600_000 + 1000)
    expect((await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: flow.connectionId! })).status).toBe(200)
    expect(sim.oauth.stats.refresh).toBe(2)
    expect(sim.oauth.stats.rotations).toBe(2)
  })

  it('turns invalid_grant into needs_reauth with a reconnect_url and an event', async () => {
    const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy' })
    const row = await gw.app.services.connections.get(tenant.id, flow.connectionId!)
    sim.oauth.revoke((row.credentials as { refresh_token: string }).refresh_token)
    offset = 3600_000 + 1000
    const problem = await expectProblem(await gw.call(tenant.apiKey, '/v1/orders', { connection: flow.connectionId! }), 409, 'connection_needs_reauth')
    expect(problem.reconnect_url).toMatch(new RegExp(`^${PUBLIC_URL}/connect/cs_`))
    const again = await expectProblem(await gw.call(tenant.apiKey, '/v1/orders', { connection: flow.connectionId! }), 409, 'connection_needs_reauth')
    expect(again.reconnect_url).toBe(problem.reconnect_url)
    expect(sim.oauth.stats.refresh).toBe(1)
    const connection = await gw.call(tenant.apiKey, `/v1/connections/${flow.connectionId}`)
    expect(((await connection.json()) as { status: string }).status).toBe('needs_reauth')
  })
})
