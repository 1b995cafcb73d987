import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import type { PackageSpec } from '../../providers/trendyol/fixtures.js'
import { providers as builtInProviders } from '../../providers/index.js'
import { hmacSha256Base64 } from '../../src/core/provider-kit/index.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { manualClock } from '../helpers/events.js'
import { HMAC_SHOP_APP_SECRET as APP_SECRET, hmacShop } from '../helpers/hmac-shop.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
const seller = { sellerId: '555077', apiKey: 'tyWebhookKey', apiSecret: 'tyWebhookSecret' }

describe('inbound provider webhooks', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let server: Listening
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  const clock = manualClock()
  const now = Date.now()

  const pkg = (id: number, status: string): PackageSpec => ({
    id,
    orderNumber: `20${id}`,
    orderedAt: now - 5 * HOUR,
    status,
    lines: [{ productName: 'Türk Kahvesi 250 g', barcode: `8690${id}`, merchantSku: `SKU-${id}`, quantity: 1, amount: 129.9, discount: 0, vatRate: 10 }],
    customer: { firstName: 'Mehmet', lastName: 'Kaya', email: `m${id}@trendyolmail.com` },
    address: { city: 'Ankara', district: 'Çankaya', neighborhood: 'Kızılay Mah.', postalCode: '06420', line: 'Atatürk Blv. 1', phone: '05321234567' },
    history: [{ status: 'Created', at: now - 5 * HOUR }],
  })

  beforeAll(async () => {
    sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller, packages: [pkg(700001, 'Created'), pkg(700002, 'Created')] }] }))
    server = await listen({ fetch: (request) => gw.app.fetch(request) })
  })
  afterAll(async () => {
    await server.close()
    await sim.server.close()
  })

  beforeEach(async () => {
    clock.set(Date.now())
    gw = await testGateway({
      env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url, KOPRU_PROVIDER_HMACSHOP_CLIENT_SECRET: APP_SECRET },
      providers: [...builtInProviders, hmacShop],
      publicUrl: server.url,
      events: { clock },
    })
    tenant = await gw.tenant()
  })

  const events = async () => ((await (await gw.call(tenant.apiKey, '/v1/events?limit=200')).json()) as { data: any[] }).data.reverse()

  async function connect(provider: string, credentials: Record<string, string>) {
    const response = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider, credentials }) })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }

  describe('Trendyol (credential chosen at registration, no signature)', () => {
    let connectionId: string
    beforeEach(async () => {
      for (const hook of [...sim.webhooks(seller.sellerId)]) sim.webhooks(seller.sellerId).splice(sim.webhooks(seller.sellerId).indexOf(hook), 1)
      connectionId = await connect('trendyol', { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret })
    })

    it('registers its webhook at Trendyol when the connection is created, and records connection.created', async () => {
      const hooks = sim.webhooks(seller.sellerId)
      expect(hooks).toHaveLength(1)
      expect(hooks[0]).toMatchObject({
        url: `${server.url}/webhooks/ty/${connectionId}`,
        authenticationType: 'API_KEY',
        status: 'ACTIVE',
        subscribedStatuses: [],
      })
      expect(hooks[0]!.apiKey).toMatch(/^[A-Za-z0-9]{40}$/)
      const listed = await (await fetch(`${sim.url}/integration/webhook/sellers/${seller.sellerId}/webhooks`, {
        headers: { authorization: `Basic ${btoa(`${seller.apiKey}:${seller.apiSecret}`)}`, 'user-agent': `${seller.sellerId} - SelfIntegration` },
      })).json()
      expect(listed).toEqual([expect.not.objectContaining({ apiKey: expect.anything() })])
      const [created] = await events()
      expect(created).toMatchObject({
        type: 'connection.created',
        tenant_id: tenant.id,
        connection_id: connectionId,
        provider: 'trendyol',
        data: { id: connectionId, provider: 'trendyol', status: 'active' },
      })
      // The stored credential and the key never show in the event or the logs.
      expect(JSON.stringify(created)).not.toContain(seller.apiSecret)
      expect(gw.logs.join('\n')).not.toContain(hooks[0]!.apiKey!)
    })

    it('turns a package-status push into unified order events; the same state again is no news', async () => {
      expect(await sim.deliverWebhook(700001, seller.sellerId)).toEqual([{ webhookId: expect.any(String), status: 200 }])
      const before = JSON.stringify(sim.seller(seller.sellerId).packages.find((p) => p.id === 700001))
      await new Promise((resolve) => setTimeout(resolve, 2)) // lastModifiedDate moves on
      sim.setStatus(700001, 'Picking', seller.sellerId)
      expect((await sim.deliverWebhook(700001, seller.sellerId))[0]!.status).toBe(200)
      const list = await events()
      expect(list.map((e) => e.type)).toEqual(['connection.created', 'order.updated', 'order.status_changed'])
      expect(list[2]).toMatchObject({
        connection_id: connectionId,
        data: { id: '700001', order_number: '20700001', provider_status: 'Picking', fulfillment_status: 'processing' },
        previous: { provider_status: 'Created', fulfillment_status: 'unfulfilled', status: 'open', payment_status: 'paid' },
      })
      // A late push of the older state (a different body, so not a replay) is accepted but changes nothing.
      const late = await fetch(`${server.url}/webhooks/ty/${connectionId}`, {
        method: 'POST',
        headers: { 'x-api-key': sim.webhooks(seller.sellerId)[0]!.apiKey!, 'content-type': 'application/json' },
        body: `${before}\n`,
      })
      expect(await late.json()).toEqual({ received: true, events: 0 })
      // Polling afterwards sees the same state: no event.
      await gw.app.services.events.poller.runOnce()
      expect(await events()).toHaveLength(3)
    })

    it('refuses a forged key, a missing key and a replayed delivery with 401 and records nothing', async () => {
      const body = JSON.stringify(sim.seller(seller.sellerId).packages[1])
      const post = (headers: Record<string, string>, payload = body) =>
        fetch(`${server.url}/webhooks/ty/${connectionId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload })
      expect((await post({ 'x-api-key': 'guessed-key' })).status).toBe(401)
      expect((await post({})).status).toBe(401)
      expect((await post({ authorization: `Basic ${btoa(`${seller.apiKey}:${seller.apiSecret}`)}` })).status).toBe(401)
      const key = sim.webhooks(seller.sellerId)[0]!.apiKey!
      const accepted = await post({ 'x-api-key': key })
      expect(accepted.status).toBe(200)
      const replay = await post({ 'x-api-key': key })
      expect(replay.status).toBe(401)
      expect(replay.headers.get('content-type')).toContain('application/problem+json')
      expect((await events()).map((e) => e.type)).toEqual(['connection.created', 'order.updated'])
      // The provider id works in the path too; unknown connections and providers are 404.
      const other = JSON.stringify({ ...JSON.parse(body), lastModifiedDate: Date.now() })
      expect((await fetch(`${server.url}/webhooks/trendyol/${connectionId}`, { method: 'POST', headers: { 'x-api-key': key }, body: other })).status).toBe(200)
      await expectProblem(await post({ 'x-api-key': key }, 'not json'), 400, 'invalid_request')
      await expectProblem(await fetch(`${server.url}/webhooks/ty/conn_doesNotExist1`, { method: 'POST', body }), 404, 'not_found')
      await expectProblem(await fetch(`${server.url}/webhooks/nope/${connectionId}`, { method: 'POST', body }), 404, 'not_found')
    })

    it('refuses URLs Trendyol forbids, as Trendyol does', async () => {
      const response = await fetch(`${sim.url}/integration/webhook/sellers/${seller.sellerId}/webhooks`, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa(`${seller.apiKey}:${seller.apiSecret}`)}`, 'user-agent': `${seller.sellerId} - SelfIntegration`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://kopru.example/webhooks/trendyol/conn_1', authenticationType: 'API_KEY', apiKey: 'k' }),
      })
      expect(response.status).toBe(400)
      expect(((await response.json()) as any).errors[0].key).toBe('webhook.url.forbidden.word')
    })

    it('removes its registration when the connection is deleted', async () => {
      expect(sim.webhooks(seller.sellerId)).toHaveLength(1)
      expect((await gw.call(tenant.apiKey, `/v1/connections/${connectionId}`, { method: 'DELETE' })).status).toBe(204)
      expect(sim.webhooks(seller.sellerId)).toHaveLength(0)
    })
  })

  describe('Shopify-style HMAC over the raw body (test-only provider)', () => {
    let connectionId: string
    beforeEach(async () => {
      connectionId = await connect('hmacshop', { access_token: 'shpat_test' })
    })

    const order = (financial: string) =>
      JSON.stringify({ id: 820982911946154500, name: '#1001', financial_status: financial, created_at: new Date(clock.now() + 1000).toISOString(), updated_at: new Date(clock.now() + 2000).toISOString() })

    async function deliver(body: string, { id = crypto.randomUUID(), signature, triggeredAt = new Date(clock.now()).toISOString() }: { id?: string; signature?: string; triggeredAt?: string } = {}) {
      return fetch(`${server.url}/webhooks/hmacshop/${connectionId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-hmac-sha256': signature ?? (await hmacSha256Base64(APP_SECRET, body)),
          'x-shopify-webhook-id': id,
          'x-shopify-triggered-at': triggeredAt,
        },
        body,
      })
    }

    it('accepts a correctly signed delivery and records order.created', async () => {
      const response = await deliver(order('pending'))
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ received: true, events: 1 })
      const list = await events()
      expect(list.map((e) => e.type)).toEqual(['connection.created', 'order.created'])
      expect(list[1]).toMatchObject({ provider: 'hmacshop', data: { id: '820982911946154500', payment_status: 'pending' } })
    })

    it('refuses forged, modified, replayed and stale deliveries with 401 and records nothing', async () => {
      const body = order('paid')
      expect((await deliver(body, { signature: await hmacSha256Base64('not-the-app-secret', body) })).status).toBe(401)
      expect((await deliver(body, { signature: 'AAAA' })).status).toBe(401)
      const signature = await hmacSha256Base64(APP_SECRET, body)
      expect((await deliver(body.replace('"paid"', '"refunded"'), { signature })).status).toBe(401)
      expect((await deliver(`${body} `, { signature })).status).toBe(401)
      expect((await deliver(body, { triggeredAt: new Date(clock.now() - 73 * HOUR).toISOString() })).status).toBe(401)
      expect((await events()).map((e) => e.type)).toEqual(['connection.created'])
      const id = crypto.randomUUID()
      expect((await deliver(body, { id })).status).toBe(200)
      const replay = await deliver(body, { id })
      expect(replay.status).toBe(401)
      expect((await events()).map((e) => e.type)).toEqual(['connection.created', 'order.created'])
      expect(gw.logs.some((line) => line.includes('replayed delivery'))).toBe(true)
    })
  })
})
