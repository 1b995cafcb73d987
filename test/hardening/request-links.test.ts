import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { serveTrendyol, trendyolTenant, type ServedTrendyol } from '../helpers/trendyol-tenant.js'

let sim: ServedTrendyol
beforeAll(async () => {
  sim = await serveTrendyol()
})
afterAll(() => sim.server.close())

async function needingReauth(gw: Awaited<ReturnType<typeof testGateway>>, name: string) {
  const tenant = await trendyolTenant(gw, name)
  const connection = await gw.app.services.connections.get(tenant.id, tenant.connectionId)
  connection.status = 'needs_reauth'
  gw.app.services.connections.remember(connection)
  return tenant
}

describe('links to kopru come from the answering request only', () => {
  it("a forged Host on one tenant's request never appears in another tenant's reconnect_url", async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    const honest = await needingReauth(gw, 'Honest')
    const attacker = await needingReauth(gw, 'Attacker')
    const ask = (tenant: typeof honest, base: string) =>
      gw.app.request(`${base}/v1/orders`, {
        headers: { authorization: `Bearer ${tenant.apiKey}`, 'kopru-connection-id': tenant.connectionId },
      })
    // Interleaved: the forged requests start while the honest ones are waiting on the database.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? ask(honest, 'http://gateway.example') : ask(attacker, 'http://evil.example'))),
    )
    for (const [i, answer] of answers.entries()) {
      const problem = await expectProblem(answer, 409, 'connection_needs_reauth')
      expect(problem.reconnect_url).toMatch(i % 2 === 0 ? /^http:\/\/gateway\.example\/connect\/cs_/ : /^http:\/\/evil\.example\/connect\/cs_/)
    }
    const later = await expectProblem(await ask(honest, 'http://gateway.example'), 409, 'connection_needs_reauth')
    expect(later.reconnect_url).toMatch(/^http:\/\/gateway\.example\//)
  })

  it('KOPRU_PUBLIC_URL wins over any Host', async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url }, publicUrl: 'https://kopru.example.com' })
    const tenant = await needingReauth(gw, 'Configured')
    const answer = await gw.app.request('http://evil.example/v1/orders', {
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'kopru-connection-id': tenant.connectionId },
    })
    const problem = await expectProblem(answer, 409, 'connection_needs_reauth')
    expect(problem.reconnect_url).toMatch(/^https:\/\/kopru\.example\.com\/connect\/cs_/)
  })
})
