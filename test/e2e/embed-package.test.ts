import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyBase64 } from '../../src/core/crypto.js'
import { trendyolDemoSeller } from '../../providers/trendyol/simulator.js'

const run = promisify(execFile)
const root = process.cwd()
const quiet = { ...process.env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', npm_config_audit: 'false' }

async function started(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`example exited with ${code}: ${output}`)))
  })
}

// Build -> npm pack -> install into examples/embed (another hono minor) -> run it -> a unified call under /integrations.
// Packaging does not depend on the database, so this runs in the PGlite pass only (it costs a build and an install).
describe.skipIf(Boolean(process.env.DATABASE_URL))('the packed kopru package inside a host app with its own hono', () => {
  let dir = ''
  let child: ChildProcess | undefined
  let base = ''

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-embed-'))
    await run('npm', ['run', 'build'], { cwd: root, env: quiet })
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, env: quiet })
    await cp(join(root, 'examples/embed/package.json'), join(dir, 'package.json'))
    await cp(join(root, 'examples/embed/server.js'), join(dir, 'server.js'))
    await run('npm', ['install', '--prefer-offline', '--no-package-lock'], { cwd: dir, env: quiet })
    child = spawn(process.execPath, ['server.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        KOPRU_DEMO: '1',
        KOPRU_DATA_DIR: 'memory://',
        KOPRU_ADMIN_KEY: 'kpr_admin_embed_0123456789abcdef',
        KOPRU_ENCRYPTION_KEY: generateKeyBase64(),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    base = await started(child)
  }, 240_000)

  afterAll(async () => {
    child?.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  })

  it('installs one hono, the host app’s own, which differs from kopru’s dev version', async () => {
    const host = JSON.parse(await readFile(join(dir, 'node_modules/hono/package.json'), 'utf8')) as { version: string }
    const dev = JSON.parse(await readFile(join(root, 'node_modules/hono/package.json'), 'utf8')) as { version: string }
    expect(host.version).toBe('4.12.34')
    expect(host.version).not.toBe(dev.version)
    await expect(readFile(join(dir, 'node_modules/kopru/node_modules/hono/package.json'))).rejects.toThrow()
    const pkg = JSON.parse(await readFile(join(dir, 'node_modules/kopru/package.json'), 'utf8')) as { peerDependencies: Record<string, string> }
    expect(pkg.peerDependencies.hono).toBeDefined()
  })

  it('answers GET /integrations/v1/orders from a provider, and /docs offline', async () => {
    const admin = { authorization: 'Bearer kpr_admin_embed_0123456789abcdef', 'content-type': 'application/json' }
    const tenant = (await (await fetch(`${base}/integrations/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Embedded' }) })).json()) as { id: string }
    const { key } = (await (await fetch(`${base}/integrations/admin/tenants/${tenant.id}/api-keys`, { method: 'POST', headers: admin, body: '{}' })).json()) as { key: string }
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
    const credentials = { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret }
    const created = await fetch(`${base}/integrations/v1/connections`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'trendyol', environment: 'sandbox', credentials }) })
    expect(created.status, await created.clone().text()).toBe(201)
    const connection = (await created.json()) as { id: string }
    const orders = await fetch(`${base}/integrations/v1/orders?limit=2`, { headers: { ...auth, 'kopru-connection-id': connection.id } })
    expect(orders.status, await orders.clone().text()).toBe(200)
    const body = (await orders.json()) as { data: { provider: string }[] }
    expect(body.data[0]!.provider).toBe('trendyol')
    const docs = await fetch(`${base}/integrations/docs`)
    expect(await docs.text()).toContain('/integrations/docs/assets/swagger-ui-dist@')
    const script = await fetch(`${base}/integrations/docs/assets/swagger-ui-dist@5.35.0/swagger-ui-bundle.js`)
    expect(script.status).toBe(200)
    expect((await script.text()).length).toBeGreaterThan(100_000)
  })
})
