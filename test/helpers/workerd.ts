import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Miniflare, type WorkerOptions } from 'miniflare'
import { generateKeyBase64 } from '../../src/core/crypto.js'
import { openDatabase } from '../../src/db/open.js'
import { freshDatabase } from './db.js'

const run = promisify(execFile)
export const ADMIN_KEY = 'kpr_admin_edge_0123456789'
const offline = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' }

/** Bundles src/worker.ts exactly as `wrangler deploy` would (dry run), into a fresh directory. */
export async function bundleWorker(): Promise<{ outdir: string; log: string; remove(): Promise<void> }> {
  const outdir = await mkdtemp(join(tmpdir(), 'kopru-worker-'))
  const { stdout, stderr } = await run(join(process.cwd(), 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, '--metafile', join(outdir, 'meta.json')], {
    env: { ...process.env, ...offline },
  })
  return { outdir, log: stdout + stderr, remove: () => rm(outdir, { recursive: true, force: true }) }
}

/** A free loopback port, for a Worker that must know its own public URL before it starts (webhook registration). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface WorkerFetcher {
  fetch(url: string, init?: RequestInit): Promise<Response>
  /** Runs the Worker's scheduled() handler as a Cron Trigger would. */
  scheduled(options: { cron?: string; scheduledTime?: Date }): Promise<{ outcome: string }>
}

export interface EdgeOptions {
  /** Extra bindings (KOPRU_PROVIDER_*_BASE_URL, KOPRU_QUOTA_OVERRIDES, ...). */
  bindings?: Record<string, string>
  /** Separate Workers (isolates) running the same bundle and sharing the quota Durable Object. */
  isolates?: number
  port?: number
}

/** The bundled Worker in workerd against a migrated PostgreSQL database of its own. */
export async function startEdge(outdir: string, { bindings = {}, isolates = 1, port }: EdgeOptions = {}) {
  const scratch = await freshDatabase('edge')
  const url = scratch.env.DATABASE_URL!
  const database = await openDatabase({ url, dataDir: 'memory://' })
  await database.close()
  const shared = {
    modules: true,
    scriptPath: join(outdir, 'worker.js'),
    modulesRoot: outdir,
    // The same rule as wrangler.toml: wrangler keeps the /docs renderer's files as text modules beside worker.js.
    modulesRules: [{ type: 'Text' as const, include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
    compatibilityDate: '2026-04-26',
    compatibilityFlags: ['nodejs_compat'],
    bindings: { DATABASE_URL: url, KOPRU_ADMIN_KEY: ADMIN_KEY, KOPRU_ENCRYPTION_KEY: generateKeyBase64(), LOG_LEVEL: 'warn', ...bindings },
  }
  const workers: WorkerOptions[] = Array.from({ length: isolates }, (_, index) => ({
    ...shared,
    name: `kopru-${index}`,
    durableObjects: { QUOTA_WINDOWS: index === 0 ? 'QuotaWindow' : { className: 'QuotaWindow', scriptName: 'kopru-0' } },
  }))
  const mf = new Miniflare({ host: '127.0.0.1', port: port ?? 0, workers })
  const base = (await mf.ready).toString().replace(/\/$/, '')
  // Miniflare types its fetchers from @cloudflare/workers-types, which kopru does not install.
  const fetchers = (await Promise.all(workers.map((worker) => mf.getWorker(worker.name)))) as unknown as WorkerFetcher[]
  return {
    mf,
    base,
    databaseUrl: url,
    fetchers,
    /** An admin-made tenant and API key, through the Worker. */
    async tenant(name = 'Edge tenant') {
      const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }
      const tenant = (await (await fetch(`${base}/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ name }) })).json()) as { id: string }
      const key = (await (await fetch(`${base}/admin/tenants/${tenant.id}/api-keys`, { method: 'POST', headers: admin, body: '{}' })).json()) as { key: string }
      return { id: tenant.id, apiKey: key.key }
    },
    async close() {
      await mf.dispose()
      await scratch.drop()
    },
  }
}
export type Edge = Awaited<ReturnType<typeof startEdge>>
