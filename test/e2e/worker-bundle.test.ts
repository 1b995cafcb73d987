import { readFile } from 'node:fs/promises'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
})
