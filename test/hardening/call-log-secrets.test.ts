import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { credentialSecrets } from '../../src/core/secrets.js'
import { ADMIN_KEY } from '../helpers/gateway.js'
import { demoGateway, type DemoGateway } from '../helpers/demo-gateway.js'
import { testReceiver } from '../helpers/events.js'
import { recordEvent } from '../../src/core/events/outbox.js'
import { connectThroughFlow } from '../helpers/connect-flow.js'
import { oauthCases } from '../helpers/oauth-providers.js'

let demo: DemoGateway
let doc: { paths: Record<string, Record<string, any>> }
const planted = new Set<string>()

beforeAll(async () => {
  demo = await demoGateway()
  doc = (await (await demo.gw.app.request('/openapi.json')).json()) as typeof doc
  for (const [id, module] of Object.entries(demo.simulators.modules)) {
    const provider = providers.find((p) => p.id === id)!
    for (const value of credentialSecrets(provider, module.demo.credentials)) planted.add(value)
    // The OAuth apps' client secrets (token refresh sends them).
    for (const [name, value] of Object.entries(module.demo as Record<string, unknown>)) if (/secret/i.test(name) && typeof value === 'string') planted.add(value)
  }
  for (const id of Object.values(demo.connectionOf)) {
    const connection = await demo.gw.app.services.connections.get('ten_demo', id)
    for (const value of credentialSecrets(connection.provider, connection.credentials)) planted.add(value)
  }
})
afterAll(() => demo.simulators.close())

const headers = (connection?: string, admin = false) => {
  const out = new Headers({ authorization: `Bearer ${admin ? ADMIN_KEY : demo.apiKey}`, 'content-type': 'application/json' })
  if (connection) out.set('kopru-connection-id', connection)
  out.set('idempotency-key', `k-${Math.random()}`)
  return out
}

async function allEntries(): Promise<unknown[]> {
  const entries: unknown[] = []
  let cursor = ''
  do {
    const response = await demo.gw.app.request(`/admin/logs?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: headers(undefined, true) })
    const page = (await response.json()) as { data: unknown[]; next_cursor: string | null }
    entries.push(...page.data)
    cursor = page.next_cursor ?? ''
  } while (cursor)
  return entries
}

describe('the call log keeps no secret, with bodies on', () => {
  it("every provider's operations, every /v1 route with every demo connection", { timeout: 180_000 }, async () => {
    for (const id of Object.values(demo.connectionOf)) {
      const response = await demo.gw.app.request(`/v1/connections/${id}`, { method: 'PATCH', headers: headers(), body: JSON.stringify({ settings: { log_bodies: true } }) })
      expect(response.status).toBe(200)
    }
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/') || path.startsWith('/v1/connections') || path.startsWith('/v1/logs')) continue
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{[^}]+\}/g, 'x1')
        const body = method === 'get' || method === 'delete' ? undefined : JSON.stringify({ note: 'call-log scan' })
        for (const connection of Object.values(demo.connectionOf)) {
          await demo.gw.app.request(url, { method: method.toUpperCase(), headers: headers(connection), body })
        }
      }
    }
    // The other kinds of exchange: the connect flow's code exchange (each OAuth demo connection re-authorized
    // through it, its codes and new tokens planted), a token refresh per OAuth connection, a poll pass, webhook deliveries.
    for (const testCase of oauthCases) {
      const id = demo.connectionOf[testCase.id]
      if (!id) continue
      const flow = await connectThroughFlow(demo.gw, demo.apiKey, { provider: testCase.id, form: testCase.form, connectionId: id, environment: 'sandbox' })
      expect(flow.connectionId, flow.location ?? '').toBe(id)
      for (const [name, value] of new URL(flow.callback).searchParams) if (/code/.test(name)) planted.add(value)
      const connection = await demo.gw.app.services.connections.get('ten_demo', id)
      for (const value of credentialSecrets(connection.provider, connection.credentials)) planted.add(value)
    }
    for (const id of Object.values(demo.connectionOf)) {
      const connection = await demo.gw.app.services.connections.get('ten_demo', id)
      const tokens = demo.gw.app.services.tokens
      if (!tokens.manages(connection)) continue
      const refreshed = await tokens.forceRefresh(connection, (connection.credentials as { access_token: string }).access_token)
      for (const value of credentialSecrets(connection.provider, refreshed)) planted.add(value)
    }
    await demo.gw.app.services.events.poller.runOnce()
    const receiver = await testReceiver()
    const put = await demo.gw.app.request('/v1/webhook-endpoint', { method: 'PUT', headers: headers(), body: JSON.stringify({ url: `${receiver.url}/hook` }) })
    const { secret } = (await put.json()) as { secret: string }
    planted.add(secret).add(secret.replace(/^whsec_/, ''))
    receiver.useSecret(secret)
    const [provider, connectionId] = Object.entries(demo.connectionOf)[0]!
    const event = { type: 'order.updated', tenantId: 'ten_demo', connectionId, provider, objectType: 'order', objectId: 'scan-1', data: { id: 'scan-1' } } as const
    await demo.gw.app.services.db.transaction((tx) => recordEvent(tx, { ...event, now: new Date() }))
    await demo.gw.app.services.events.delivery.runOnce()
    await receiver.close()

    const entries = await allEntries()
    const kinds = new Set(entries.map((entry) => (entry as { kind: string }).kind))
    for (const kind of ['operation', 'proxy', 'token_exchange', 'token_refresh', 'polling', 'webhook_delivery']) expect(kinds, kind).toContain(kind)
    const providersSeen = new Set(entries.filter((entry) => (entry as { kind: string }).kind !== 'webhook_delivery').map((entry) => (entry as { provider: string }).provider))
    expect([...providersSeen].sort()).toEqual(Object.keys(demo.connectionOf).sort())
    expect(entries.some((entry) => (entry as { request_body: string | null }).request_body)).toBe(true)
    const text = JSON.stringify(entries)
    for (const secret of [...planted].filter((value) => value.length >= 4)) {
      const escaped = JSON.stringify(secret).slice(1, -1)
      expect(text.includes(secret) || text.includes(JSON.stringify(escaped).slice(1, -1)), `secret ${JSON.stringify(secret.slice(0, 12))}… in the call log`).toBe(false)
    }
    console.log(`call log: ${entries.length} entries (${[...kinds].join(', ')}) over ${providersSeen.size} providers, ${planted.size} planted values`)
  })
})
