/**
 * `npm run dev:edge`: the Worker in workerd (wrangler dev, offline) against a local PostgreSQL, with every
 * provider simulator on loopback and a demo tenant — the edge twin of `npm start` (docs/edge.md).
 * DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/kopru_edge (created when missing); PORT to 8788.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import postgres from 'postgres'
import { createGateway } from '../src/app.js'
import { createKeyring, parseKeyList } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { openDatabase } from '../src/db/open.js'
import { seedDemo } from '../src/node/demo.js'
import { loadDevSecrets } from '../src/node/secrets.js'
import { startSimulators } from '../src/node/simulators.js'
import { providers } from '../providers/index.js'

const started = performance.now()
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/kopru_edge'
const port = Number(process.env.PORT || 8788)
const baseUrl = `http://127.0.0.1:${port}`

async function ensureDatabase(url: string) {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const server = new URL(url)
  server.pathname = '/postgres'
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} })
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`
    if (found.length === 0) await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`)
  } finally {
    await admin.end()
  }
}

await ensureDatabase(databaseUrl)
const database = await openDatabase({ url: databaseUrl, dataDir: 'memory://' })
const secrets = await loadDevSecrets(join(process.env.KOPRU_DATA_DIR ?? '.kopru/edge', 'data'))
const simulators = await startSimulators(providers)
const env: Record<string, string> = {
  DATABASE_URL: databaseUrl,
  KOPRU_ADMIN_KEY: secrets.adminKey,
  KOPRU_ENCRYPTION_KEY: secrets.encryptionKey,
  KOPRU_PUBLIC_URL: baseUrl,
  KOPRU_WEBHOOK_ALLOW_PRIVATE: '1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  ...Object.fromEntries(Object.entries(simulators.urls).map(([id, url]) => [`KOPRU_PROVIDER_${id.toUpperCase().replace(/-/g, '_')}_BASE_URL`, url])),
}
// The demo tenant and connections are seeded from Node into the same database the Worker reads.
const seeder = createGateway({ db: database.db, keyring: await createKeyring(parseKeyList(secrets.encryptionKey)), adminKey: secrets.adminKey, env, publicUrl: baseUrl, logger: createLogger({ level: 'warn' }) })
const demo = await seedDemo(seeder, simulators, baseUrl)
await seeder.services.close()
await database.close()

const wrangler = spawn(
  join(process.cwd(), 'node_modules/.bin/wrangler'),
  ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--test-scheduled', '--show-interactive-dev-session=false',
    '--persist-to', '.kopru/edge/wrangler', ...Object.entries(env).flatMap(([name, value]) => ['--var', `${name}:${value}`])],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_UPDATE_NOTIFIER: '1' } },
)
let wranglerLog = ''
const keep = (chunk: Buffer) => {
  wranglerLog = (wranglerLog + chunk.toString()).slice(-20_000)
  if (process.env.LOG_LEVEL === 'debug') process.stderr.write(chunk)
}
wrangler.stdout.on('data', keep)
wrangler.stderr.on('data', keep)
wrangler.on('exit', (code) => {
  console.error(`wrangler dev exited with ${code}\n${wranglerLog}`)
  void simulators.close().finally(() => process.exit(code ?? 1))
})

async function waitForWorker() {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ok = await fetch(`${baseUrl}/ready`).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`the Worker did not become ready:\n${wranglerLog}`)
}
await waitForWorker()

// wrangler dev runs no Cron Triggers by itself: tick scheduled() the way Cloudflare would, through --test-scheduled.
const tick = setInterval(() => void fetch(`${baseUrl}/__scheduled?cron=*+*+*+*+*`).catch(() => {}), 60_000)
const auth = `-H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.connectionId}"`
console.log([
  '',
  `kopru (Cloudflare Worker in workerd) is ready on ${baseUrl} in ${Math.round(performance.now() - started)} ms (postgres: ${new URL(databaseUrl).pathname.slice(1)})`,
  `  simulators: ${Object.entries(simulators.urls).map(([id, url]) => `${id} ${url}`).join(', ')}`,
  `  admin key:  ${secrets.adminKey}${secrets.file ? `   (kept in ${secrets.file})` : ''}`,
  `  tenant key: ${demo.apiKey}   (demo tenant "${demo.tenantName}", new key for this run)`,
  `  connections (Kopru-Connection-Id): ${demo.connections.map((c) => `${c.provider} ${c.id}`).join(', ')}`,
  `  cron: scheduled() every 60 s; now: curl -s "${baseUrl}/__scheduled?cron=*+*+*+*+*"`,
  '',
  'Try:',
  `  curl -s "${baseUrl}/v1/orders?limit=3" ${auth}`,
  `  curl -s "${baseUrl}/v1/orders/${demo.sampleOrderId}" ${auth}`,
  `  curl -s "${baseUrl}/v1/products?limit=2" ${auth}`,
  '',
  `API reference: ${baseUrl}/docs`,
  '',
].join('\n'))

let stopping = false
function shutdown() {
  if (stopping) return
  stopping = true
  clearInterval(tick)
  wrangler.removeAllListeners('exit')
  wrangler.once('exit', () => void simulators.close().finally(() => process.exit(0)))
  wrangler.kill('SIGTERM')
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
