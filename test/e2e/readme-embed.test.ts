import { readFile } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { generateKeyBase64 } from '../../src/core/crypto.js'

// Test files share a worker process: the variables the snippet reads are put back afterwards.
const saved = { ...process.env }
process.env.KOPRU_DATA_DIR = 'memory://'
process.env.KOPRU_ENCRYPTION_KEY = `${generateKeyBase64()},${generateKeyBase64()}`
process.env.KOPRU_ADMIN_KEY = 'kpr_admin_readme_0123456789abcdef'

// The README's embedding snippet, verbatim (the first test checks that README.md still says exactly this).
// --- snippet:start
import { Hono } from 'hono'
import { createNodeGateway } from 'kopru/node'

const kopru = await createNodeGateway({
  databaseUrl: process.env.DATABASE_URL, // unset: embedded PGlite in dataDir
  dataDir: process.env.KOPRU_DATA_DIR ?? '.kopru/data',
  encryptionKeys: process.env.KOPRU_ENCRYPTION_KEY!, // base64 32-byte keys, comma-separated; the first encrypts
  adminKey: process.env.KOPRU_ADMIN_KEY!,
})
const app = new Hono()
app.get('/', (c) => c.text('my shop'))
app.route('/integrations', kopru.app)
kopru.start() // webhook delivery and polling; `await kopru.stop()` on shutdown
// --- snippet:end

describe('the README embedding snippet', () => {
  afterAll(async () => {
    await kopru.stop()
    for (const name of ['KOPRU_DATA_DIR', 'KOPRU_ENCRYPTION_KEY', 'KOPRU_ADMIN_KEY']) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  it('is the one in README.md', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const own = await readFile(new URL(import.meta.url), 'utf8')
    const inReadme = readme.split('<!-- embed-snippet:start')[1]!.split('```ts\n')[1]!.split('```')[0]!
    const inTest = own.split('// --- snippet:start\n')[1]!.split('// --- snippet:end')[0]!
    expect(inTest).toBe(inReadme)
  })

  it('serves kopru under /integrations next to the host routes, with background work running', async () => {
    expect(await (await app.request('/')).text()).toBe('my shop')
    const admin = { authorization: `Bearer ${process.env.KOPRU_ADMIN_KEY}`, 'content-type': 'application/json' }
    const tenant = await app.request('/integrations/admin/tenants', { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Readme' }) })
    expect(tenant.status).toBe(201)
    const { id } = (await tenant.json()) as { id: string }
    const key = (await (await app.request(`/integrations/admin/tenants/${id}/api-keys`, { method: 'POST', headers: admin, body: '{}' })).json()) as { key: string }
    const orders = await app.request('/integrations/v1/orders', { headers: { authorization: `Bearer ${key.key}`, 'kopru-connection-id': 'conn_none' } })
    expect(orders.status).toBe(404)
    expect(orders.headers.get('content-type')).toContain('application/problem+json')
    const doc = (await (await app.request('/integrations/openapi.json')).json()) as { servers: { url: string }[] }
    expect(doc.servers[0]!.url).toBe('/integrations')
    // /docs is served with the renderer's files read from the installed package; nothing else is served there.
    const assets = '/integrations/docs/assets/swagger-ui-dist@5.35.0'
    expect((await app.request(`${assets}/swagger-ui.css`)).headers.get('content-type')).toContain('text/css')
    for (const name of ['toString', '..', 'package.json', 'index.html']) expect((await app.request(`${assets}/${name}`)).status).toBe(404)
  })
})
