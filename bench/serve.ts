/**
 * Processes the benchmarks talk to over loopback, one role per process so the load generator, the
 * gateway and the simulator never share an event loop:
 *   tsx bench/serve.ts sim '{"quota":{"limit":50,"windowMs":1000}}'
 *   tsx bench/serve.ts gateway '{"simUrl":"…","transport":"undici"|"fetch","redisUrl":"…","quotaLimit":50,"quotaWindowMs":1000}'
 *   tsx bench/serve.ts bare-proxy '{"simUrl":"…"}'
 * Each prints one line `READY {json}` once it listens.
 */
import { Hono } from 'hono'
import { proxy } from 'hono/proxy'
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
import { issueApiKey } from '../src/routes/admin.js'

const [role, json = '{}'] = process.argv.slice(2)
const options = JSON.parse(json) as Record<string, any>
const ready = (info: Record<string, unknown>) => console.log(`READY ${JSON.stringify(info)}`)

if (role === 'sim') {
  const sim = createTrendyolSimulator({ quota: options.quota ?? { limit: 1_000_000_000, windowMs: 1000 } })
  const app = new Hono()
  app.get('/__stats', (c) => c.json({ ...sim.quota.stats, arrivals: sim.received.map((r) => r.at) }))
  app.post('/__reset', (c) => {
    sim.quota.reset()
    sim.received.length = 0
    return c.json({ ok: true })
  })
  app.all('*', (c) => {
    if (!options.keepArrivals) sim.received.length = 0
    return sim.app.fetch(c.req.raw)
  })
  const server = await listen(app)
  ready({ url: server.url, credentials: sim.demo.credentials, packageId: String(sim.seller().packages[0]!.id), sellerId: trendyolDemoSeller.sellerId })
} else if (role === 'gateway') {
  const database = await openDatabase({ dataDir: 'memory://' })
  const datastore = options.redisUrl ? createRedisQuotaDatastore(options.redisUrl, { namespace: options.namespace }) : undefined
  const gateway = createGateway({
    db: database.db,
    keyring: await createKeyring([new Uint8Array(32).fill(3)]),
    adminKey: 'kpr_admin_bench_0123456789abcdef',
    env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: options.simUrl },
    transport: options.transport === 'fetch' ? fetchTransport : createUndiciTransport(),
    logger: createLogger({ level: 'error' }),
    quotas: options.quotas ?? 'on',
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
} else if (role === 'bare-proxy') {
  // The floor for a passthrough: hono/proxy with nothing else (no auth lookup, no quota, no breaker).
  const app = new Hono()
  app.all('*', (c) => {
    const url = new URL(c.req.url)
    return proxy(`${options.simUrl}${url.pathname}${url.search}`, { headers: c.req.header() })
  })
  const server = await listen(app)
  ready({ url: server.url })
} else {
  console.error(`unknown role ${role}`)
  process.exit(2)
}
