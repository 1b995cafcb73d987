import { readFile } from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { devSecretsFile } from '../../src/node/secrets.js'
import { freshDatabase } from '../helpers/db.js'
import { ADMIN_KEY } from '../helpers/gateway.js'
import { startGatewayProcess, tenantOverHttp, type GatewayProcess } from '../helpers/gateway-process.js'

const otherKey = Buffer.alloc(32, 9).toString('base64')

async function sealSomething(gateway: GatewayProcess, adminKey = ADMIN_KEY) {
  const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
  const tenant = (await (await fetch(`${gateway.url}/admin/tenants`, { method: 'POST', headers: admin, body: '{"name":"Sealed"}' })).json()) as { id: string }
  const { key } = (await (await fetch(`${gateway.url}/admin/tenants/${tenant.id}/api-keys`, { method: 'POST', headers: admin, body: '{}' })).json()) as { key: string }
  const put = await fetch(`${gateway.url}/v1/webhook-endpoint`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/hook' }),
  })
  expect(put.status).toBe(200)
  return key
}

describe('start-up', () => {
  it('outside production, development secrets outlive the process whatever the database', () => {
    expect(devSecretsFile({ dataDir: 'memory://', databaseUrl: 'postgres://db/kopru' })).toBe(join('.kopru', 'dev-secrets.json'))
    expect(devSecretsFile({ dataDir: '/srv/kopru/data' })).toBe('/srv/kopru/dev-secrets.json')
    expect(devSecretsFile({ dataDir: 'memory://' })).toBeNull()
  })

  it('refuses to start, saying why, when stored secrets were sealed with a key it does not have', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kopru-keys-'))
    try {
      const first = await startGatewayProcess({ env: { DATABASE_URL: '' }, dataDir: join(dir, 'data') })
      await sealSomething(first)
      await first.stop()
      const failed = await startGatewayProcess({ env: { DATABASE_URL: '', KOPRU_ENCRYPTION_KEY: otherKey }, dataDir: join(dir, 'data') }).then(
        () => 'started',
        (error: Error) => error.message,
      )
      expect(failed).toMatch(/exited \(1\)/)
      expect(failed).toMatch(/refusing to start: stored secrets were sealed with encryption key id\(s\) [0-9a-f]{8}/)
      expect(failed).toContain('KOPRU_ENCRYPTION_KEY')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe.skipIf(!process.env.DATABASE_URL)('start-up on a shared PostgreSQL', () => {
  it('two instances started together on an empty database both come up (migrations under an advisory lock)', { timeout: 120_000 }, async () => {
    const database = await freshDatabase('twostart')
    const gateways: GatewayProcess[] = []
    try {
      gateways.push(...(await Promise.all([startGatewayProcess({ env: database.env }), startGatewayProcess({ env: database.env })])))
      for (const gateway of gateways) expect((await fetch(`${gateway.url}/ready`)).status).toBe(200)
      const tenant = await tenantOverHttp(gateways[0]!.url)
      const listed = await fetch(`${gateways[1]!.url}/v1/connections`, { headers: { authorization: `Bearer ${tenant.apiKey}` } })
      expect(listed.status).toBe(200)
    } finally {
      await Promise.all(gateways.map((g) => g.stop()))
      await database.drop()
    }
  })

  it('without KOPRU_ENCRYPTION_KEY, a restart still opens what the previous start sealed', { timeout: 120_000 }, async () => {
    const database = await freshDatabase('devkeys')
    const env = { ...database.env, KOPRU_ADMIN_KEY: '', KOPRU_ENCRYPTION_KEY: '' }
    try {
      const first = await startGatewayProcess({ env })
      expect(first.output.join('')).toContain('dev-secrets.json')
      const file = devSecretsFile({ dataDir: 'memory://', databaseUrl: database.env.DATABASE_URL })!
      const { adminKey } = JSON.parse(await readFile(file, 'utf8')) as { adminKey: string }
      const key = await sealSomething(first, adminKey)
      await first.stop()
      const second = await startGatewayProcess({ env })
      const read = await fetch(`${second.url}/v1/webhook-endpoint`, { headers: { authorization: `Bearer ${key}` } })
      expect(read.status).toBe(200)
      await second.stop()
    } finally {
      await database.drop()
    }
  })
})
