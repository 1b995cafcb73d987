import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyBase64 } from '../../src/core/crypto.js'
import { trendyolDemoSeller } from '../../providers/trendyol/simulator.js'

const run = promisify(execFile)
const root = process.cwd()
const quiet = { ...process.env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', npm_config_audit: 'false' }
const offline = { ...quiet, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
const adminKey = 'kpr_admin_embed_0123456789abcdef'

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

/** Runs one of examples/embed/ from the scratch project, in demo mode on an in-memory database. */
function startExample(dir: string, file: string): { child: ChildProcess; base: Promise<string> } {
  const child = spawn(process.execPath, [file], {
    cwd: dir,
    env: { PATH: process.env.PATH, PORT: '0', KOPRU_DEMO: '1', KOPRU_DATA_DIR: 'memory://', KOPRU_ADMIN_KEY: adminKey, KOPRU_ENCRYPTION_KEY: generateKeyBase64(), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return { child, base: started(child) }
}

/** A tenant, its key, a Trendyol sandbox connection (the simulator's demo seller), then one unified call. */
async function unifiedOrders(base: string): Promise<Response> {
  const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
  const tenant = (await (await fetch(`${base}/integrations/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Embedded' }) })).json()) as { id: string }
  const { key } = (await (await fetch(`${base}/integrations/admin/tenants/${tenant.id}/api-keys`, { method: 'POST', headers: admin, body: '{}' })).json()) as { key: string }
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const credentials = { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret }
  const created = await fetch(`${base}/integrations/v1/connections`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'trendyol', environment: 'sandbox', credentials }) })
  expect(created.status, await created.clone().text()).toBe(201)
  const connection = (await created.json()) as { id: string }
  return fetch(`${base}/integrations/v1/orders?limit=2`, { headers: { ...auth, 'kopru-connection-id': connection.id } })
}

/** The fenced ```ts block between `<!-- name:start` and `<!-- name:end -->` in README.md, as written. */
async function readmeSnippet(name: string): Promise<string> {
  const readme = await readFile(join(root, 'README.md'), 'utf8')
  return readme.split(`<!-- ${name}:start`)[1]!.split('```ts\n')[1]!.split('```')[0]!
}

// Build -> npm pack -> install into examples/embed (another hono minor) -> run it -> a unified call under /integrations.
// Packaging does not depend on the database, so this runs in the PGlite pass only (it costs a build and an install).
describe.skipIf(Boolean(process.env.DATABASE_URL))('the packed kopru package inside a host app with its own hono', () => {
  let dir = ''
  const children: ChildProcess[] = []
  let base = ''
  let nodeHttpBase = ''
  let expressBase = ''

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-embed-'))
    await run('npm', ['run', 'build'], { cwd: root, env: quiet })
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, env: quiet })
    for (const file of ['package.json', 'server.js', 'node-http.js', 'express.js']) await cp(join(root, 'examples/embed', file), join(dir, file))
    await run('npm', ['install', '--prefer-offline', '--no-package-lock'], { cwd: dir, env: quiet })
    const hono = startExample(dir, 'server.js')
    const nodeHttp = startExample(dir, 'node-http.js')
    const express = startExample(dir, 'express.js')
    children.push(hono.child, nodeHttp.child, express.child)
    ;[base, nodeHttpBase, expressBase] = await Promise.all([hono.base, nodeHttp.base, express.base])
  }, 240_000)

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM')
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
    const orders = await unifiedOrders(base)
    expect(orders.status, await orders.clone().text()).toBe(200)
    const body = (await orders.json()) as { data: { provider: string }[] }
    expect(body.data[0]!.provider).toBe('trendyol')
    const docs = await fetch(`${base}/integrations/docs`)
    expect(await docs.text()).toContain('/integrations/docs/assets/swagger-ui-dist@')
    const script = await fetch(`${base}/integrations/docs/assets/swagger-ui-dist@5.35.0/swagger-ui-bundle.js`)
    expect(script.status).toBe(200)
    expect((await script.text()).length).toBeGreaterThan(100_000)
  })

  it('serves under /integrations of a plain node:http server (examples/embed/node-http.js), next to the host’s own routes', async () => {
    expect(await (await fetch(`${nodeHttpBase}/`)).text()).toBe('my shop')
    const orders = await unifiedOrders(nodeHttpBase)
    expect(orders.status, await orders.clone().text()).toBe(200)
    const doc = (await (await fetch(`${nodeHttpBase}/integrations/openapi.json`)).json()) as { servers: { url: string }[] }
    expect(doc.servers[0]!.url).toBe('/integrations')
  })

  it('serves under /integrations of an Express 5 app (examples/embed/express.js), POSTs included, next to the host’s own routes', async () => {
    expect(await (await fetch(`${expressBase}/`)).text()).toBe('my shop')
    const orders = await unifiedOrders(expressBase)
    expect(orders.status, await orders.clone().text()).toBe(200)
    const doc = (await (await fetch(`${expressBase}/integrations/openapi.json`)).json()) as { servers: { url: string }[] }
    expect(doc.servers[0]!.url).toBe('/integrations')
  })

  it('type-checks the README snippets as written in a strict TypeScript project against the packed types', async () => {
    // A user's project: NodeNext resolution through the package's `exports`, the strict flags beyond kopru's own.
    await mkdir(join(dir, 'ts'), { recursive: true })
    await writeFile(join(dir, 'ts/embed.ts'), await readmeSnippet('embed-snippet'))
    await writeFile(join(dir, 'ts/client.ts'), `${await readmeSnippet('client-snippet')}\nexport { data, error }\n`)
    const compilerOptions = {
      noEmit: true,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
    }
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['ts'] }))
    const result = await run(join(root, 'node_modules/.bin/tsc'), ['-p', dir]).catch((error: { stdout: string }) => ({ stdout: error.stdout }))
    expect(result.stdout).toBe('')
  }, 60_000)

  it('bundles kopru/worker with wrangler as docs/edge.md says, without warnings, and the bundle answers in workerd', async () => {
    const edge = join(dir, 'edge')
    await mkdir(edge, { recursive: true })
    const documented = (await readFile(join(root, 'docs/edge.md'), 'utf8')).split('<!-- worker-from-package:start')[1]!
    const entry = documented.split('```js\n')[1]!.split('```')[0]!
    await writeFile(join(edge, 'worker.js'), entry)
    const toml = (await readFile(join(root, 'wrangler.toml'), 'utf8')).replace('main = "src/worker.ts"', 'main = "worker.js"')
    await writeFile(join(edge, 'wrangler.toml'), toml)
    const out = join(edge, 'out')
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], { cwd: edge, env: offline })
    expect(`${stdout}${stderr}`).not.toMatch(/WARNING|ERROR/)
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(out, 'worker.js'),
      modulesRoot: out,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: '2026-04-26',
      compatibilityFlags: ['nodejs_compat'],
      // /health and /docs need no query: a database nobody listens on is enough.
      bindings: { DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', KOPRU_ADMIN_KEY: adminKey, KOPRU_ENCRYPTION_KEY: generateKeyBase64(), KOPRU_CLIENT_IP_HEADER: 'cf-connecting-ip', LOG_LEVEL: 'silent' },
    })
    try {
      expect((await mf.dispatchFetch('http://kopru.local/health')).status).toBe(200)
      const css = await mf.dispatchFetch('http://kopru.local/docs/assets/swagger-ui-dist@5.35.0/swagger-ui.css')
      expect(css.headers.get('content-type')).toContain('text/css')
    } finally {
      await mf.dispose()
    }
  }, 120_000)
})
