import { readFile } from 'node:fs/promises'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyBase64 } from '../../src/core/crypto.js'
import { bundleWorker } from '../helpers/workerd.js'

interface Metafile {
  inputs: Record<string, { imports?: { path: string; external?: boolean }[] }>
}

/** Packages and folders that only work on Node: none of them may reach the Worker bundle. */
const nodeOnly = [/node_modules\/@electric-sql\/pglite\//, /node_modules\/undici\//, /node_modules\/ioredis\//, /node_modules\/@hono\/node-server\//, /^src\/node\//, /^src\/server\.ts$/]

/**
 * The Node built-ins the bundle may import, and from where. workerd provides them under nodejs_compat; `node:fs`
 * is there too but sees no real files, so it is allowed only in drizzle's migrator, which the Worker never
 * runs (migrations are applied from Node, docs/edge.md).
 */
const allowedBuiltins: Record<string, RegExp> = {
  'node:async_hooks': /^src\/edge\/invocation\.ts$/,
  'node:buffer': /node_modules\/postgres\/cf\//,
  'node:events': /node_modules\/postgres\/cf\//,
  'node:stream': /node_modules\/postgres\/cf\//,
  'node:crypto': /node_modules\/drizzle-orm\/migrator\.js$/,
  'node:fs': /node_modules\/drizzle-orm\/migrator\.js$/,
}

describe('the Worker bundle', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorker>>
  let meta: Metafile
  const builtins = new Map<string, string[]>()

  beforeAll(async () => {
    bundle = await bundleWorker()
    meta = JSON.parse(await readFile(`${bundle.outdir}/meta.json`, 'utf8')) as Metafile
    for (const [input, { imports = [] }] of Object.entries(meta.inputs)) {
      for (const imported of imports) {
        if (!imported.path.startsWith('node:')) continue
        builtins.set(imported.path, [...(builtins.get(imported.path) ?? []), input])
      }
    }
  }, 120_000)
  afterAll(() => bundle?.remove())

  it('contains no Node-only package or module of the Node entry', () => {
    const inputs = Object.keys(meta.inputs)
    expect(inputs).toContain('src/worker.ts')
    expect(inputs.filter((input) => nodeOnly.some((pattern) => pattern.test(input)))).toEqual([])
  })

  it('imports Node built-ins only where they work in workerd', () => {
    const misplaced = [...builtins].flatMap(([builtin, importers]) =>
      importers.filter((importer) => !allowedBuiltins[builtin]?.test(importer)).map((importer) => `${importer} -> ${builtin}`),
    )
    expect(misplaced).toEqual([])
  })

  it('every built-in it imports loads in workerd under nodejs_compat', async () => {
    const names = [...builtins.keys()]
    const script = `${names.map((name, i) => `import * as m${i} from '${name}'`).join('\n')}
export default { fetch: () => Response.json([${names.map((_, i) => `Object.keys(m${i}).length`).join(', ')}]) }`
    const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-26', compatibilityFlags: ['nodejs_compat'] })
    try {
      const counts = (await (await mf.dispatchFetch('http://probe.local/')).json()) as number[]
      expect(counts).toHaveLength(names.length)
      expect(counts.every((count) => count > 0)).toBe(true)
    } finally {
      await mf.dispose()
    }
  })

  // Runs in the PGlite pass too: the Worker builds its gateway once per isolate, outside any invocation, where its
  // database does not exist (src/edge/invocation.ts). Anything that touches the database while the gateway is built
  // turns every request into 503 "not configured" — the call log's first batch once did. /health, /docs and
  // /openapi.json need no query, so a database nobody listens on is enough here.
  it('answers /health, /docs and /openapi.json: nothing touches the database while the gateway is built', async () => {
    const mf = new Miniflare({
      modules: true,
      scriptPath: `${bundle.outdir}/worker.js`,
      modulesRoot: bundle.outdir,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: '2026-04-26',
      compatibilityFlags: ['nodejs_compat'],
      bindings: {
        DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
        KOPRU_ADMIN_KEY: 'kpr_admin_edge_0123456789',
        KOPRU_ENCRYPTION_KEY: generateKeyBase64(),
        KOPRU_CLIENT_IP_HEADER: 'cf-connecting-ip',
        LOG_LEVEL: 'silent',
      },
    })
    try {
      const health = await mf.dispatchFetch('http://kopru.local/health')
      expect(health.status, await health.clone().text()).toBe(200)
      expect(await (await mf.dispatchFetch('http://kopru.local/docs')).text()).toContain('/docs/assets/swagger-ui-dist@')
      const doc = (await (await mf.dispatchFetch('http://kopru.local/openapi.json')).json()) as { openapi: string }
      expect(doc.openapi).toMatch(/^3\./)
    } finally {
      await mf.dispose()
    }
  })
})
