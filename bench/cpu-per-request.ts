/**
 * `npx tsx bench/cpu-per-request.ts [requests]`: CPU time kopru spends per unified `GET /v1/orders/{id}`,
 * in process (`gateway.request()`, an in-memory transport answering a Trendyol page), without HTTP on
 * either side. CPU time moves far less with the load of a shared machine than req/s does, so this is the
 * figure used to compare one change of the hot path with the next (bench/RESULTS.md).
 */
import { createTrendyolSimulator } from '../providers/trendyol/simulator.js'
import { createGateway } from '../src/app.js'
import { createKeyring } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { backgroundScope } from '../src/core/request-scope.js'
import type { Transport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import { issueApiKey } from '../src/routes/admin.js'

const total = Number(process.argv[2] ?? 20_000)
const sim = createTrendyolSimulator()
const pkg = sim.seller().packages[0]!
const page = JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] })
const canned: Transport = async () => ({
  status: 200,
  headers: new Headers({ 'content-type': 'application/json' }),
  body: null,
  text: async () => page,
})

const database = await openDatabase({ dataDir: 'memory://' })
const gateway = createGateway({
  db: database.db,
  keyring: await createKeyring([new Uint8Array(32).fill(7)]),
  adminKey: 'kpr_admin_bench_0123456789abcdef',
  transport: canned,
  quotas: process.env.KOPRU_QUOTAS === 'on' ? 'on' : 'off',
  logger: createLogger({ level: 'warn' }),
  quotaOverrides: { trendyol: { orders: { limit: 1_000_000_000, intervalMs: 1000 } } },
})
await gateway.services.tenants.create({ id: 'ten_cpu', name: 'cpu', createdAt: new Date() })
const { key } = await issueApiKey(gateway.services, 'ten_cpu')
const credentials = { seller_id: '100200', api_key: 'k', api_secret: 's' }
const connection = await gateway.services.connections.create({ tenantId: 'ten_cpu', provider: 'trendyol', credentials }, backgroundScope('req_cpu'))
const headers = { authorization: `Bearer ${key}`, 'kopru-connection-id': connection.info.id }

async function run(count: number) {
  let next = 0
  const worker = async () => {
    while (next++ < count) {
      const response = await gateway.request(`http://kopru.local/v1/orders/${pkg.id}`, { headers })
      if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`)
      await response.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker))
}

await run(Math.min(5_000, total)) // warm-up: JIT, caches
globalThis.gc?.()
const cpu = process.cpuUsage()
const wall = performance.now()
await run(total)
const used = process.cpuUsage(cpu)
const micros = (used.user + used.system) / total
console.log(
  `RESULT ${JSON.stringify({ requests: total, cpu_us_per_request: Math.round(micros), wall_ms: Math.round(performance.now() - wall), quotas: process.env.KOPRU_QUOTAS === 'on' ? 'on' : 'off' })}`,
)
await gateway.services.close()
await database.close()
process.exit(0)
