import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SHOPIFY_GRAPHQL_PATH } from '../../providers/shopify/api.js'
import { createShopifySimulator, type ShopifySimulator } from '../../providers/shopify/simulator.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'
import { shopifySchemaSpec } from '../helpers/shopify-schema.js'
import { recording } from '../helpers/spec-check.js'

const shopifyCase = oauthCases.find((c) => c.id === 'shopify')!

describe('Shopify webhooks: registered on connect, verified over the raw body, turned into order events', () => {
  let sim: ShopifySimulator
  let recorder: ReturnType<typeof recording<ShopifySimulator>>
  const schema = shopifySchemaSpec()
  let server: Listening
  let gw: TestGateway
  let apiKey: string
  let connectionId: string

  /** Delivers to kopru in process: the simulator addresses the public URL kopru registered. */
  const toGateway = (url: string, init: RequestInit) => Promise.resolve(gw.app.request(url.replace(PUBLIC_URL, ''), init))
  const orderEvents = async () =>
    ((await (await gw.call(apiKey, '/v1/events?limit=200')).json()) as { data: { type: string; data: { id: string; payment_status: string } }[] }).data.filter(
      (event) => event.type.startsWith('order.'),
    )

  beforeAll(async () => {
    sim = createShopifySimulator({ redirectUris: [`${PUBLIC_URL}/connect/callback`], bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } })
    recorder = recording(sim)
    server = await listen(recorder.app)
  })
  afterAll(() => server.close())
  // The webhook mutations kopru sent, and the simulator's answers, per Shopify's published schema.
  afterEach(() => {
    const sent = recorder.requests.splice(0).filter((request) => new URL(request.url).pathname === SHOPIFY_GRAPHQL_PATH)
    for (const request of sent) expect(schema.check(request), request.body).toEqual([])
  })

  beforeEach(async () => {
    sim.webhooks.length = 0
    gw = await testGateway({ publicUrl: PUBLIC_URL, env: shopifyCase.env(server.url) })
    const tenant = await gw.tenant()
    apiKey = tenant.apiKey
    const flow = await connectThroughFlow(gw, apiKey, { provider: 'shopify', form: shopifyCase.form })
    connectionId = flow.connectionId!
  })

  it('subscribes the connection to order topics at Shopify when it is created', () => {
    expect(sim.webhooks.map((hook) => hook.topic).sort()).toEqual(['orders/cancelled', 'orders/create', 'orders/fulfilled', 'orders/updated'])
    for (const hook of sim.webhooks) expect(hook.address).toBe(`${PUBLIC_URL}/webhooks/shopify/${connectionId}`)
  })

  it('accepts a signed delivery once and records the order change; a replay, a forgery or a modified body is 401 with no event', async () => {
    const order = sim.orders[3]!
    order.financial_status = 'paid'
    order.updated_at = new Date().toISOString()
    const [delivery] = await sim.deliverWebhook(order.id, 'orders/updated', toGateway)
    expect(delivery!.response.status).toBeLessThan(300)
    const after = await orderEvents()
    expect(after).toHaveLength(1)
    expect(after[0]!.data).toMatchObject({ id: String(order.id), payment_status: 'paid' })

    // Replayed: the same delivery (same X-Shopify-Webhook-Id and body) again.
    expect((await toGateway(delivery!.url, delivery!.init)).status).toBe(401)
    // Forged: a signature made with another secret.
    const forged = { ...delivery!.init, headers: { ...delivery!.init.headers, 'x-shopify-webhook-id': crypto.randomUUID(), 'x-shopify-hmac-sha256': btoa('not the signature') } }
    expect((await toGateway(delivery!.url, forged)).status).toBe(401)
    // Modified: the body changed after signing.
    const modified = {
      ...delivery!.init,
      headers: { ...delivery!.init.headers, 'x-shopify-webhook-id': crypto.randomUUID() },
      body: delivery!.init.body.replace('"paid"', '"refunded"'),
    }
    expect((await toGateway(delivery!.url, modified)).status).toBe(401)
    expect(await orderEvents()).toHaveLength(1)
  })

  it('removes the subscriptions at Shopify when the connection is deleted', async () => {
    expect((await gw.call(apiKey, `/v1/connections/${connectionId}`, { method: 'DELETE' })).status).toBe(204)
    expect(sim.webhooks).toHaveLength(0)
  })
})
