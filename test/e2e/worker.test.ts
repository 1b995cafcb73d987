import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyBase64, sha256Hex } from '../../src/core/crypto.js'
import { openDatabase } from '../../src/db/open.js'
import { freshDatabase } from '../helpers/db.js'
import { apiKeys, tenants } from '../../src/db/schema.js'

const run = promisify(execFile)
const databaseUrl = process.env.DATABASE_URL

// The edge path needs PostgreSQL (PGlite is Node-only), so this runs in the PostgreSQL pass of CI.
describe.skipIf(!databaseUrl)('Cloudflare Workers entry, bundled by wrangler and run in workerd', () => {
  let outdir = ''
  let mf: Miniflare
  let scratch: Awaited<ReturnType<typeof freshDatabase>>
  const apiKey = `kpr_live_worker${Date.now()}`

  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'kopru-worker-'))
    await run(join(process.cwd(), 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' },
    })
    scratch = await freshDatabase('worker')
    const url = scratch.env.DATABASE_URL!
    const database = await openDatabase({ url, dataDir: 'memory://' })
    const tenantId = `ten_worker${Date.now()}`
    await database.db.insert(tenants).values({ id: tenantId, name: 'Edge tenant' })
    await database.db.insert(apiKeys).values({ id: `key_w${Date.now()}`, tenantId, keyHash: await sha256Hex(apiKey), keyPrefix: apiKey.slice(0, 13) })
    await database.close()
    mf = new Miniflare({
      modules: true,
      scriptPath: join(outdir, 'worker.js'),
      modulesRoot: outdir,
      // The same rule as wrangler.toml: wrangler keeps the /docs renderer's files as text modules beside worker.js.
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: '2026-04-26',
      compatibilityFlags: ['nodejs_compat'],
      bindings: {
        DATABASE_URL: url,
        KOPRU_ADMIN_KEY: 'kpr_admin_edge_0123456789',
        KOPRU_ENCRYPTION_KEY: generateKeyBase64(),
        LOG_LEVEL: 'warn',
      },
    })
  }, 60_000)

  afterAll(async () => {
    await mf?.dispose()
    await scratch?.drop()
    if (outdir) await rm(outdir, { recursive: true, force: true })
  })

  it('serves health, the catalog for a tenant key from PostgreSQL, and problem+json', async () => {
    const health = await mf.dispatchFetch('http://kopru.local/health')
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await mf.dispatchFetch('http://kopru.local/ready')
    expect(ready.status).toBe(200)
    const providers = await mf.dispatchFetch('http://kopru.local/v1/providers', { headers: { authorization: `Bearer ${apiKey}` } })
    expect(providers.status).toBe(200)
    const body = (await providers.json()) as { data: { id: string }[] }
    expect(body.data.map((p) => p.id)).toContain('trendyol')
    const denied = await mf.dispatchFetch('http://kopru.local/v1/providers')
    expect(denied.status).toBe(401)
    expect(denied.headers.get('content-type')).toContain('application/problem+json')
  })

  it('serves /docs with the renderer bundled into the worker (no CDN)', async () => {
    const page = await (await mf.dispatchFetch('http://kopru.local/docs')).text()
    const src = /src="([^"]+swagger-ui-bundle\.js)"/.exec(page)![1]!
    const script = await mf.dispatchFetch(`http://kopru.local${src}`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(await script.text()).toContain('SwaggerUIBundle')
  })
})
