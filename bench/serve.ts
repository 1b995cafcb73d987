/**
 * Processes the benchmarks talk to over loopback, one role per process so the load generator, the
 * gateway and the simulator never share an event loop:
 *   tsx bench/serve.ts sim '{"quota":{"limit":50,"windowMs":1000}}'
 *   tsx bench/serve.ts gateway '{"simUrl":"…","transport":"undici"|"fetch","redisUrl":"…","quotaLimit":50,"quotaWindowMs":1000}'
 *   tsx bench/serve.ts baseline '{"simUrl":"…","credentials":{…}}'   (bench/baseline.ts)
 * Each prints one line `READY {json}` once it listens.
 */
import { Hono } from 'hono'
import { seedPackages } from '../providers/trendyol/fixtures.js'
import { createTrendyolSimulator, trendyolDemoSeller } from '../providers/trendyol/simulator.js'
import { createGateway } from '../src/app.js'
import { createKeyring } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { backgroundScope } from '../src/core/request-scope.js'
import { fetchTransport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import { listen } from '../src/node/listen.js'
import { createRedisQuotaDatastore } from '../src/node/redis-quotas.js'
import { createUndiciTransport } from '../src/node/undici-transport.js'
import { tuneHeapForServer } from '../src/node/heap-tuning.js'
import { issueApiKey } from '../src/routes/admin.js'
import { createBaseline } from './baseline.js'

const [role, json = '{}'] = process.argv.slice(2)
const options = JSON.parse(json) as Record<string, any>
// A clean exit on SIGTERM, so --cpu-prof writes its profile (bench/profile.ts).
process.on('SIGTERM', () => process.exit(0))
const ready = (info: Record<string, unknown>) => console.log(`READY ${JSON.stringify(info)}`)

if (role === 'sim') {
  // `packages`: that many orders in the last two days, so a 50-order page is one full upstream page.
  const packages = options.packages ? seedPackages({ count: options.packages, days: 2 }) : undefined
  const sim = createTrendyolSimulator({
    sellers: [{ ...trendyolDemoSeller, packages }],
    quota: options.quota ?? { limit: 1_000_000_000, windowMs: 1000 },
  })
  const app = new Hono()
  app.get('/__stats', (c) => c.json({ ...sim.quota.stats, arrivals: sim.received.map((r) => r.at) }))
  app.post('/__reset', (c) => {
    sim.quota.reset()
    sim.received.length = 0
    return c.json({ ok: true })
  })
  // The upstream should cost as little as possible, so the gateway's own cost shows: without a quota to
  // enforce, an answer is computed once per query (the date range, which moves with the clock, ignored).
  const answers = new Map<string, { status: number; type: string; body: string }>()
  app.all('*', async (c) => {
    if (!options.keepArrivals) sim.received.length = 0
    if (options.quota || c.req.method !== 'GET') return sim.app.fetch(c.req.raw)
    const url = new URL(c.req.url)
    for (const moving of ['startDate', 'endDate']) url.searchParams.delete(moving)
    const key = `${c.req.header('authorization')} ${url.pathname}?${url.searchParams}`
    let answer = answers.get(key)
    if (!answer) {
      const response = await sim.app.fetch(c.req.raw)
      answer = { status: response.status, type: response.headers.get('content-type') ?? 'application/json', body: await response.text() }
      if (answers.size < 1000) answers.set(key, answer)
    }
    return c.body(answer.body, answer.status as 200, { 'content-type': answer.type })
  })
  const server = await listen(app)
  ready({ url: server.url, credentials: sim.demo.credentials, packageId: String(sim.seller().packages[0]!.id), sellerId: trendyolDemoSeller.sellerId })
} else if (role === 'gateway') {
  // As the Node entry (src/server.ts) does; the simulator and the minimal gateway run on V8's defaults.
  tuneHeapForServer()
  // `databaseUrl`: PostgreSQL (bench/call-log-http.ts gives each gateway a database of its own); else PGlite in memory.
  const database = await openDatabase({ url: options.databaseUrl, dataDir: 'memory://' })
  const datastore = options.redisUrl ? createRedisQuotaDatastore(options.redisUrl, { namespace: options.namespace }) : undefined
  const gateway = createGateway({
    db: database.db,
    keyring: await createKeyring([new Uint8Array(32).fill(3)]),
    adminKey: 'kpr_admin_bench_0123456789abcdef',
    env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: options.simUrl },
    transport: options.transport === 'fetch' ? fetchTransport : createUndiciTransport(),
    logger: createLogger({ level: 'warn' }),
    quotas: options.quotas ?? 'on',
    // `callLog: "off"` only for an ablation (bench/cpu-http.ts with KOPRU_CALL_LOG=off): the figures keep it on.
    ...(options.callLog === 'off' && { callLog: { enabled: false } }),
    maxQueueMs: options.maxQueueMs ?? 10_000,
    quotaDatastore: datastore,
    quotaOverrides: {
      trendyol: {
        orders: { limit: options.quotaLimit ?? 1_000_000, intervalMs: options.quotaWindowMs ?? 1000 },
        default: { limit: options.quotaLimit ?? 1_000_000, intervalMs: options.quotaWindowMs ?? 1000 },
      },
    },
  })
  await gateway.services.tenants.create({ id: 'ten_bench', name: 'bench', createdAt: new Date() })
  const { key } = await issueApiKey(gateway.services, 'ten_bench')
  const connection = await gateway.services.connections.create(
    { tenantId: 'ten_bench', provider: 'trendyol', credentials: options.credentials },
    backgroundScope('req_bench_seed'),
  )
  const server = await listen(gateway)
  ready({ url: server.url, apiKey: key, connectionId: connection.info.id })
} else if (role === 'baseline') {
  const baseline = createBaseline({ upstream: options.simUrl, credentials: options.credentials })
  const server = await listen(baseline.app)
  ready({ url: server.url })
} else {
  console.error(`unknown role ${role}`)
  process.exit(2)
}
