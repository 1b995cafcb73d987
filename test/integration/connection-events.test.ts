import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import type { ConnectionEvent } from '../../src/core/connection-events.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'
import { serveSimulator } from '../helpers/simulators.js'

const seller = { sellerId: '555001', apiKey: 'tyKeyA1', apiSecret: 'tySecretB2' }
const HOUR = 3600_000
let offset = 0
const clock = { now: () => Date.now() + offset }
const etsy = oauthCases.find((c) => c.id === 'etsy')!

/** Every path that records a connection event goes through the embedder's recorder, with one shape per type (docs/events.md). */
describe('connection lifecycle events', () => {
  let trendyol: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let etsySim: ReturnType<typeof etsy.simulator>
  let etsyServer: Listening
  beforeAll(async () => {
    trendyol = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller, packages: [] }] }))
    etsySim = etsy.simulator(`${PUBLIC_URL}/connect/callback`, clock)
    etsyServer = await listen(etsySim.app)
  })
  afterAll(async () => {
    await trendyol.server.close()
    await etsyServer.close()
  })

  const gateway = async (recorded: ConnectionEvent[]) =>
    testGateway({
      publicUrl: PUBLIC_URL,
      now: clock.now,
      quotas: 'off',
      env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: trendyol.url, ...etsy.env(etsyServer.url) },
      recordConnectionEvent: async (_tx, event) => void recorded.push(event),
    })

  it('a key/secret connection: connection.created carries the connection as GET /v1/connections/{id} shows it', async () => {
    const recorded: ConnectionEvent[] = []
    const gw = await gateway(recorded)
    const tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
    })
    expect(created.status).toBe(201)
    const view = await created.json()
    expect(recorded).toEqual([{ type: 'connection.created', tenantId: tenant.id, connectionId: view.id, data: view }])
  })

  it('an OAuth connection: created, needs_reauth (from the token manager) and reauthorized all carry the connection view', async () => {
    offset = 0
    const recorded: ConnectionEvent[] = []
    const gw = await gateway(recorded)
    const tenant = await gw.tenant()
    const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy', form: etsy.form })
    const id = flow.connectionId!
    const view = await (await gw.call(tenant.apiKey, `/v1/connections/${id}`)).json()
    expect(recorded).toEqual([{ type: 'connection.created', tenantId: tenant.id, connectionId: id, data: view }])

    const stored = (await gw.app.services.connections.get(tenant.id, id)).credentials as { refresh_token: string }
    etsySim.oauth.revoke(stored.refresh_token)
    offset = HOUR + 1000
    expect((await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: id })).status).toBe(409)
    await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy', connectionId: id })

    const keys = Object.keys(view).sort()
    expect(recorded.map((e) => e.type)).toEqual(['connection.created', 'connection.needs_reauth', 'connection.reauthorized'])
    const [, needsReauth, reauthorized] = recorded
    expect(Object.keys(needsReauth!.data).sort()).toEqual([...keys, 'reason'].sort())
    expect(needsReauth!.data).toMatchObject({ id, provider: 'etsy', status: 'needs_reauth', reason: expect.any(String) })
    expect(Object.keys(reauthorized!.data).sort()).toEqual(keys)
    expect(reauthorized!.data).toMatchObject({ id, provider: 'etsy', status: 'active' })
  })
})
