/**
 * Token refresh across real OS processes: two gateway processes sharing one PostgreSQL make exactly one
 * token request for a stampede on an expired token, and a gateway SIGKILLed the instant the provider
 * rotated the refresh token recovers (Shopify) or fails in the documented, visible way (Etsy).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connections } from '../../src/db/schema.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { workerDatabaseUrl } from '../helpers/db.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { connectOverHttp, freePort, startGatewayProcess, tenantOverHttp, type GatewayProcess } from '../helpers/gateway-process.js'
import { testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

const etsyCase = oauthCases.find((c) => c.id === 'etsy')!
const shopifyCase = oauthCases.find((c) => c.id === 'shopify')!

describe.skipIf(!process.env.DATABASE_URL)('two gateway processes sharing PostgreSQL', () => {
  let server: Listening
  let sim: ReturnType<typeof etsyCase.simulator>
  const processes: GatewayProcess[] = []

  beforeAll(async () => {
    sim = etsyCase.simulator(`${PUBLIC_URL}/connect/callback`, { now: () => Date.now() })
    server = await listen(sim.app)
  })
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    await server.close()
  })

  it('200 concurrent calls over both processes on an expired token cause exactly one token request', { timeout: 120_000 }, async () => {
    const gw = await testGateway({ publicUrl: PUBLIC_URL, env: etsyCase.env(server.url) })
    const tenant = await gw.tenant()
    const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy' })
    // The stored token expired a minute ago, and the provider agrees.
    const { keyring, db } = gw.app.services
    const [row] = await db.select().from(connections).where(eq(connections.id, flow.connectionId!))
    const credentials = JSON.parse(await keyring.decrypt(row!.credentials)) as Record<string, unknown>
    credentials.expires_at = new Date(Date.now() - 60_000).toISOString()
    await db.update(connections).set({ credentials: await keyring.encrypt(JSON.stringify(credentials)) }).where(eq(connections.id, flow.connectionId!))
    sim.oauth.expireAccessTokens()
    sim.oauth.resetStats()
    // A slow token endpoint keeps the first refresh holding the lock while the other process arrives.
    sim.oauth.slowTokenEndpoint(400)

    // Etsy's 10 requests/s would make 200 calls a 10-second queue per process and, on a loaded machine, turn the
    // tail into honest `rate_limited` answers; the subject here is the token, so the quota is lifted.
    const env = { ...etsyCase.env(server.url), DATABASE_URL: (await workerDatabaseUrl())!, KOPRU_QUOTAS: 'off' }
    processes.push(...(await Promise.all([startGatewayProcess({ env }), startGatewayProcess({ env })])))
    const started = performance.now()
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${processes[i % 2]!.url}/v1/orders?limit=1`, { headers: { authorization: `Bearer ${tenant.apiKey}`, 'kopru-connection-id': flow.connectionId! } }),
      ),
    )
    const statuses = responses.map((r) => r.status)
    expect(statuses).toEqual(Array(200).fill(200))
    expect(sim.oauth.stats.refresh).toBe(1)
    const waited = processes.filter((p) => p.output.join('').includes('token refreshed by another holder')).length
    expect(waited).toBe(1)
    console.log(`two-process stampede: 200 calls, ${sim.oauth.stats.refresh} token request, ${Math.round(performance.now() - started)} ms, processes that re-read after the lock: ${waited}`)
  })
})

describe('a gateway killed (SIGKILL) right after the provider rotated the refresh token', () => {
  const servers: Listening[] = []
  const processes: GatewayProcess[] = []
  const dirs: string[] = []

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()))
    await Promise.all(servers.map((s) => s.close()))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  async function running(testCase: typeof etsyCase) {
    const port = await freePort()
    const sim = testCase.simulator(`http://127.0.0.1:${port}/connect/callback`, { now: () => Date.now() })
    const server = await listen(sim.app)
    servers.push(server)
    const url = await workerDatabaseUrl()
    const dir = url ? undefined : mkdtempSync(join(tmpdir(), 'kopru-kill-'))
    if (dir) dirs.push(dir)
    const dataDir = dir ? join(dir, 'data') : 'memory://'
    const env = { ...testCase.env(server.url), DATABASE_URL: url ?? '' }
    if (url) await testGateway()
    const first = await startGatewayProcess({ env, port, dataDir })
    processes.push(first)
    const tenant = await tenantOverHttp(first.url)
    const connectionId = await connectOverHttp(first.url, tenant.apiKey, testCase.id, testCase.form)
    const call = (base: string) => fetch(`${base}/v1/orders?limit=1`, { headers: { authorization: `Bearer ${tenant.apiKey}`, 'kopru-connection-id': connectionId } })
    expect((await call(first.url)).status).toBe(200)
    return { first, env, port, dataDir, sim, call, tenant, connectionId }
  }

  async function killedMidRefresh(testCase: typeof etsyCase) {
    const { first, env, port, dataDir, sim, call, tenant, connectionId } = await running(testCase)
    // The provider rotates and the gateway dies before it can read the answer: the worst moment.
    let rotated = false
    sim.oauth.onRotated(() => {
      if (rotated) return
      rotated = true
      process.kill(first.pid, 'SIGKILL')
    })
    sim.oauth.expireAccessTokens()
    await call(first.url).catch(() => undefined)
    expect(await first.exited).toBeNull()
    expect(rotated).toBe(true)

    const second = await startGatewayProcess({ env, port, dataDir })
    processes.push(second)
    const after = await call(second.url)
    return { sim, after, second, tenant, connectionId }
  }

  it('Etsy: killed right after the rotation (as the new token is first used), the restarted gateway refreshes with the persisted token', { timeout: 120_000 }, async () => {
    const { first, env, port, dataDir, sim, call } = await running(etsyCase)
    let rotated = false
    let killed = false
    sim.oauth.onRotated(() => void (rotated = true))
    sim.oauth.onTokenUsed(() => {
      if (!rotated || killed) return
      killed = true
      process.kill(first.pid, 'SIGKILL')
    })
    sim.oauth.expireAccessTokens()
    await call(first.url).catch(() => undefined)
    expect(await first.exited).toBeNull()
    expect(killed).toBe(true)
    const second = await startGatewayProcess({ env, port, dataDir })
    processes.push(second)
    sim.oauth.expireAccessTokens()
    const after = await call(second.url)
    expect(after.status, await after.clone().text()).toBe(200)
    expect(sim.oauth.stats.rotations).toBe(2)
  })

  it('Shopify: the connection still refreshes afterwards (the old refresh token lives until its successor is used)', { timeout: 120_000 }, async () => {
    const { sim, after } = await killedMidRefresh(shopifyCase)
    expect(after.status, await after.clone().text()).toBe(200)
    expect(sim.oauth.stats.rotations).toBe(2)
  })

  it('Etsy (strict rotation): the lost window is visible — the connection turns needs_reauth with a reconnect_url, never silently broken', { timeout: 120_000 }, async () => {
    const { after, second, tenant, connectionId } = await killedMidRefresh(etsyCase)
    expect(after.status).toBe(409)
    const problem = (await after.json()) as { code: string; reconnect_url: string }
    expect(problem.code).toBe('connection_needs_reauth')
    expect(problem.reconnect_url).toContain(`${second.url}/connect/cs_`)
    const connection = (await (await fetch(`${second.url}/v1/connections/${connectionId}`, { headers: { authorization: `Bearer ${tenant.apiKey}` } })).json()) as { status: string }
    expect(connection.status).toBe('needs_reauth')
  })
})
