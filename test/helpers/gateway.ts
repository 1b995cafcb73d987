import { createGateway, type Gateway, type GatewayOptions } from '../../src/app.js'
import { createKeyring } from '../../src/core/crypto.js'
import { createLogger, type Logger } from '../../src/core/logger.js'
import { issueApiKey } from '../../src/routes/admin.js'
import { createUndiciTransport } from '../../src/node/undici-transport.js'
import { resetDatabase, testDatabase } from './db.js'

export const ADMIN_KEY = 'kpr_admin_test_key_0123456789abcdef'
export const TEST_KEY = new Uint8Array(32).fill(7)

export interface TestGateway {
  app: Gateway
  logs: string[]
  /** Creates a tenant and returns its id and a fresh API key. */
  tenant(name?: string): Promise<{ id: string; apiKey: string }>
  /** Sends a request with a tenant key (and a connection header when given). */
  call(apiKey: string, path: string, init?: RequestInit & { connection?: string }): Promise<Response>
}

/** A gateway on the shared per-worker test database, freshly emptied, talking HTTP through undici. */
export async function testGateway(options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const database = await testDatabase()
  await resetDatabase(database)
  const logs: string[] = []
  const logger: Logger = createLogger({ level: 'debug', sink: (line) => logs.push(line) })
  const app = createGateway({
    db: database.db,
    keyring: await createKeyring([TEST_KEY]),
    adminKey: ADMIN_KEY,
    transport: createUndiciTransport(),
    logger,
    ...options,
    // Test receivers listen on loopback.
    events: { allowPrivateEndpoints: true, ...options.events },
  })
  return {
    app,
    logs,
    async tenant(name = 'Test tenant') {
      const id = `ten_${Math.random().toString(36).slice(2, 12)}`
      await app.services.tenants.create({ id, name, createdAt: new Date() })
      const { key } = await issueApiKey(app.services, id)
      return { id, apiKey: key }
    },
    call(apiKey, path, init = {}) {
      const headers = new Headers(init.headers)
      headers.set('authorization', `Bearer ${apiKey}`)
      if (init.connection) headers.set('kopru-connection-id', init.connection)
      if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
      return Promise.resolve(app.request(path, { ...init, headers }))
    },
  }
}

export async function expectProblem(response: Response, status: number, code: string) {
  const text = await response.text()
  if (response.status !== status) throw new Error(`expected ${status} ${code}, got ${response.status}: ${text}`)
  if (!response.headers.get('content-type')?.includes('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers.get('content-type')}: ${text}`)
  }
  const body = JSON.parse(text) as { code: string; status: number; request_id: string }
  if (body.code !== code) throw new Error(`expected code ${code}, got ${body.code}: ${text}`)
  if (body.status !== status || !body.request_id) throw new Error(`incomplete problem: ${text}`)
  return body as Record<string, any>
}
