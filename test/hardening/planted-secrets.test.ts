import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { credentialSecrets } from '../../src/core/secrets.js'
import { ADMIN_KEY } from '../helpers/gateway.js'
import { demoGateway, type DemoGateway } from '../helpers/demo-gateway.js'

let demo: DemoGateway
let doc: { paths: Record<string, Record<string, any>> }
const planted = new Set<string>()
const answers: string[] = []

beforeAll(async () => {
  demo = await demoGateway()
  doc = (await (await demo.gw.app.request('/openapi.json')).json()) as typeof doc
  planted.add(ADMIN_KEY).add(demo.apiKey)
  for (const [id, module] of Object.entries(demo.simulators.modules)) {
    const provider = providers.find((p) => p.id === id)!
    for (const value of credentialSecrets(provider, module.demo.credentials)) planted.add(value)
    if (module.demoOAuth) planted.add(module.demoOAuth.app.clientSecret)
  }
  // The stored token sets of the OAuth demo connections.
  for (const [, id] of Object.entries(demo.connectionOf)) {
    const connection = await demo.gw.app.services.connections.get('ten_demo', id)
    for (const value of credentialSecrets(connection.provider, connection.credentials)) planted.add(value)
  }
})
afterAll(() => demo.simulators.close())

async function send(path: string, init: { method?: string; body?: unknown; connection?: string; admin?: boolean } = {}) {
  const headers = new Headers({ authorization: `Bearer ${init.admin ? ADMIN_KEY : demo.apiKey}`, 'idempotency-key': `k-${answers.length}` })
  if (init.connection) headers.set('kopru-connection-id', init.connection)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  const response = await demo.gw.app.request(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
  answers.push(`${response.status} ${[...response.headers].join(' ')} ${await response.text()}`)
  return response
}

const LEAK = 'LEAKME-secret-456'

describe('no planted secret in any log line or answer, over every route', () => {
  it("a secret no header can carry is refused with 400 naming the field, before any provider call", async () => {
    const mng = demo.simulators.modules.mng!.demo.credentials
    for (const bad of [`${LEAK}\u0000`, `${LEAK}ş`, `${LEAK}\r\nX-Injected: 1`]) {
      planted.add(bad)
      const response = await send('/v1/connections', { method: 'POST', body: { provider: 'mng', environment: 'sandbox', credentials: { ...mng, client_secret: bad } } })
      expect(response.status).toBe(400)
      expect(answers.at(-1)).toContain('credentials.client_secret')
    }
    planted.add(LEAK)
  })

  it('every route of /openapi.json, with every demo connection, leaks nothing', { timeout: 120_000 }, async () => {
    await send('/admin/providers/etsy/oauth-app', { method: 'PUT', admin: true, body: { client_id: 'planted-client', client_secret: `${LEAK}-app\u0000` } })
    planted.add(`${LEAK}-app`)
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const url = path.replace('{provider}', 'trendyol').replace(/\{[^}]+\}/g, 'x1')
        for (const connection of Object.values(demo.connectionOf)) {
          await send(url, { method: method.toUpperCase(), connection, admin: path.startsWith('/admin'), body: method === 'get' || method === 'delete' ? undefined : { fuzz: LEAK } })
        }
      }
    }
    for (const connection of Object.values(demo.connectionOf)) await send('/v1/proxy/anything?x=1', { connection })
    expect(answers.length).toBeGreaterThan(100)
    const haystacks = [...demo.gw.logs, ...answers]
    // Values under 4 characters (Yurtiçi's public test password) are not scrubbed: they would erase ordinary text.
    for (const secret of [...planted].filter((value) => value.length >= 4)) {
      const leaks = haystacks.filter((text) => text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)))
      expect(leaks.slice(0, 2), `secret ${JSON.stringify(secret.slice(0, 12))}… leaked`).toEqual([])
    }
    console.log(`planted secrets: ${planted.size} values, ${answers.length} answers and ${demo.gw.logs.length} log lines scanned`)
  })
})
