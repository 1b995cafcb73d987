import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events as eventsTable } from '../../src/db/schema.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { testGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

const etsy = oauthCases.find((c) => c.id === 'etsy')!
let server: Listening
let sim: ReturnType<typeof etsy.simulator>
beforeAll(async () => {
  sim = etsy.simulator(`${PUBLIC_URL}/connect/callback`, { now: () => Date.now() })
  server = await listen(sim.app)
})
afterAll(() => server.close())

describe('connection lifecycle events', () => {
  it('connection.reauthorized only after needs_reauth; re-consent on an active connection is connection.updated', async () => {
    const gw = await testGateway({ publicUrl: PUBLIC_URL, env: etsy.env(server.url) })
    const tenant = await gw.tenant()
    const first = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy', form: etsy.form })
    const connectionId = first.connectionId!
    const types = async () =>
      (await gw.app.services.db.select().from(eventsTable).where(eq(eventsTable.connectionId, connectionId))).map((e) => e.type).sort()

    const again = await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy', connectionId })
    expect(again.connectionId).toBe(connectionId)
    expect(await types()).toEqual(['connection.created', 'connection.updated'])

    expect(await gw.app.services.connections.markNeedsReauth(tenant.id, connectionId, 'test')).toBe(true)
    await connectThroughFlow(gw, tenant.apiKey, { provider: 'etsy', connectionId })
    expect(await types()).toEqual(['connection.created', 'connection.needs_reauth', 'connection.reauthorized', 'connection.updated'])
  })
})
