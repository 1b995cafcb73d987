import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/core/events/outbox.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { connectThroughFlow, PUBLIC_URL } from '../helpers/connect-flow.js'
import { testReceiver, type TestReceiver } from '../helpers/events.js'
import { ADMIN_KEY, testGateway, type TestGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

/**
 * The exchanges that do not come from a unified call — token refresh, provider webhook registration, polling
 * and outbound webhook deliveries — are in the call log too, each under its `kind`, with the request id (or the
 * event id) and the connection, and without any secret.
 */
interface Entry {
  tenant_id: string
  connection_id: string | null
  provider: string
  operation: string
  kind: string
  method: string
  host: string
  path: string
  status: number | null
  attempt: number
  retry_reason: string | null
  request_id: string
  error_code: string | null
}

const HOUR = 3600_000
let offset = 0
const clock = { now: () => Date.now() + offset }
const cases = ['shopify', 'ebay'].map((id) => oauthCases.find((c) => c.id === id)!)
const servers: Record<string, Listening> = {}
const sims: Record<string, ReturnType<(typeof cases)[number]['simulator']>> = {}
let gw: TestGateway
let tenant: { id: string; apiKey: string }
let receiver: TestReceiver
const connectionOf: Record<string, string> = {}

beforeAll(async () => {
  for (const testCase of cases) {
    sims[testCase.id] = testCase.simulator(`${PUBLIC_URL}/connect/callback`, clock)
    servers[testCase.id] = await listen(sims[testCase.id]!.app)
  }
  receiver = await testReceiver()
  const env = Object.assign({}, ...cases.map((c) => c.env(servers[c.id]!.url))) as Record<string, string>
  // Failed deliveries are due again at once, so the retry is the next pass.
  gw = await testGateway({ publicUrl: PUBLIC_URL, now: clock.now, env, events: { retrySchedule: [0, 0, 0] } })
  tenant = await gw.tenant()
  for (const testCase of cases) {
    const flow = await connectThroughFlow(gw, tenant.apiKey, { provider: testCase.id, form: testCase.form })
    if (!flow.connectionId) throw new Error(`connect failed: ${flow.location}`)
    connectionOf[testCase.id] = flow.connectionId
  }
})
afterAll(async () => {
  for (const server of Object.values(servers)) await server.close()
  await receiver.close()
})

const logs = async (query: string) => {
  const response = await gw.call(tenant.apiKey, `/v1/logs?limit=200&${query}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { data: Entry[] }).data
}

/** Every secret this file planted: OAuth app secrets, the connections' tokens, the webhook signing secret. */
async function secrets(extra: string[] = []): Promise<string[]> {
  const values = [...extra]
  for (const testCase of cases) {
    const env = testCase.env('http://x')
    for (const [name, value] of Object.entries(env)) if (name.endsWith('_CLIENT_SECRET')) values.push(value)
    const connection = await gw.app.services.connections.get(tenant.id, connectionOf[testCase.id]!)
    const tokens = connection.credentials as { access_token?: string; refresh_token?: string }
    for (const token of [tokens.access_token, tokens.refresh_token]) if (token) values.push(token)
  }
  return values.filter((value) => value.length >= 6)
}

const expectNoSecret = (entries: Entry[], values: string[]) => {
  const text = JSON.stringify(entries)
  for (const value of values) expect(text.includes(value), `secret ${value.slice(0, 8)}… in the call log`).toBe(false)
}

describe('call log: every kind of upstream exchange', () => {
  it('provider webhook registration at connect (kind webhook_registration)', async () => {
    const entries = await logs('kind=webhook_registration')
    expect(entries.length).toBeGreaterThan(0)
    for (const entry of entries) {
      expect(entry).toMatchObject({ kind: 'webhook_registration', provider: 'shopify', connection_id: connectionOf.shopify, operation: 'webhooks.register', method: 'POST', status: 200 })
      expect(entry.request_id).toMatch(/\S/)
    }
    expectNoSecret(entries, await secrets())
  })

  it('an OAuth token refresh, under the request that needed it (kind token_refresh)', async () => {
    offset = 2 * HOUR + 1000
    const response = await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionOf.ebay })
    expect(response.status).toBe(200)
    const requestId = response.headers.get('kopru-request-id')!
    const entries = await logs(`request_id=${encodeURIComponent(requestId)}`)
    expect(entries.map((e) => e.kind).sort()).toEqual(['operation', 'token_refresh'])
    const refresh = entries.find((e) => e.kind === 'token_refresh')!
    expect(refresh).toMatchObject({ provider: 'ebay', connection_id: connectionOf.ebay, operation: 'oauth.refresh', method: 'POST', status: 200, error_code: null, attempt: 0 })
    expect(refresh.path).toMatch(/token/)
    expect(await logs('kind=token_refresh')).toHaveLength(1)
    expectNoSecret(entries, await secrets())
  })

  it("the poller's calls (kind polling), under the poll's own id", async () => {
    await gw.app.services.events.poller.runOnce()
    const entries = await logs('kind=polling')
    expect(entries.length).toBeGreaterThan(0)
    expect(new Set(entries.map((e) => e.connection_id))).toEqual(new Set([connectionOf.shopify, connectionOf.ebay]))
    for (const entry of entries) {
      expect(entry.request_id).toMatch(/^poll_/)
      expect(entry.operation).toMatch(/^poll\.orders|^orders\./)
    }
    expectNoSecret(entries, await secrets())
  })

  it('outbound webhook deliveries with status, attempt and retry reason, under the event id (kind webhook_delivery)', async () => {
    const put = await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: `${receiver.url}/hooks/kopru?tag=q1` }) })
    const { secret } = (await put.json()) as { secret: string }
    receiver.useSecret(secret)
    const event = await gw.app.services.db.transaction((tx) =>
      recordEvent(tx, {
        type: 'order.updated',
        tenantId: tenant.id,
        connectionId: connectionOf.ebay!,
        provider: 'ebay',
        objectType: 'order',
        objectId: 'o-1',
        data: { id: 'o-1' },
        // The delivery worker runs on the wall clock (the OAuth tests moved the gateway's `now` ahead).
        now: new Date(),
      }),
    )
    receiver.down = true
    expect((await gw.app.services.events.delivery.runOnce()).failed).toBeGreaterThan(0)
    receiver.down = false
    expect((await gw.app.services.events.delivery.runOnce()).delivered).toBeGreaterThan(0)
    const entries = (await logs(`request_id=${event!.id}`)).reverse()
    expect(entries.map((e) => [e.kind, e.status, e.attempt, e.retry_reason, e.error_code])).toEqual([
      ['webhook_delivery', 503, 0, null, 'receiver_error'],
      ['webhook_delivery', 204, 1, '503', null],
    ])
    for (const entry of entries) {
      expect(entry).toMatchObject({ tenant_id: tenant.id, connection_id: connectionOf.ebay, provider: 'ebay', operation: 'order.updated', method: 'POST', path: '/hooks/kopru' })
    }
    expect(JSON.stringify(entries)).not.toContain('tag=q1')
    expect(JSON.stringify(entries)).not.toContain('v1,')
    expectNoSecret(entries, await secrets([secret, secret.replace(/^whsec_/, '')]))
  })

  it('the kind filter works for operators too and refuses an unknown kind', async () => {
    const admin = await gw.app.request(`/admin/logs?kind=webhook_delivery&tenant_id=${tenant.id}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    const data = ((await admin.json()) as { data: Entry[] }).data
    expect(data.length).toBeGreaterThan(0)
    expect(data.every((e) => e.kind === 'webhook_delivery')).toBe(true)
    const bad = await gw.call(tenant.apiKey, '/v1/logs?kind=nonsense')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('kind')
  })
})
