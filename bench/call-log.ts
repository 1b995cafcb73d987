/**
 * `npx tsx bench/call-log.ts [requests-per-round] [rounds]`: what the call log costs a unified
 * `GET /v1/orders/{id}`, in process (an in-memory transport answering a Trendyol page). Two gateways on one
 * database, call log on and off, measured in alternated rounds (on, off, off, on, …) so machine load drifts
 * hit both alike; CPU µs per request and req/s per mode are the medians over rounds.
 */
import { createTrendyolSimulator } from '../providers/trendyol/simulator.js'
import { createGateway, type Gateway } from '../src/app.js'
import { createKeyring } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { backgroundScope } from '../src/core/request-scope.js'
import type { Transport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import { issueApiKey } from '../src/routes/admin.js'

const perRound = Number(process.argv[2] ?? 5_000)
const rounds = Number(process.argv[3] ?? 6)
const sim = createTrendyolSimulator()
const pkg = sim.seller().packages[0]!
const page = JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] })
const canned: Transport = async () => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: null, text: async () => page })

// BENCH_DATABASE_URL: PostgreSQL, where the inserts' own CPU is out of process as in production.
const database = await openDatabase({ url: process.env.BENCH_DATABASE_URL, dataDir: 'memory://' })
const keyring = await createKeyring([new Uint8Array(32).fill(7)])

async function gatewayWith(callLog: boolean, tenantId: string) {
  const gateway = createGateway({
    db: database.db,
    keyring,
    adminKey: 'kpr_admin_bench_0123456789abcdef',
    transport: canned,
    quotas: 'off',
    logger: createLogger({ level: 'warn' }),
    callLog: { enabled: callLog },
  })
  await gateway.services.tenants.create({ id: tenantId, name: tenantId, createdAt: new Date() })
  const { key } = await issueApiKey(gateway.services, tenantId)
  const credentials = { seller_id: '100200', api_key: 'k', api_secret: 's' }
  const connection = await gateway.services.connections.create({ tenantId, provider: 'trendyol', credentials }, backgroundScope('req_bench'))
  return { gateway, headers: { authorization: `Bearer ${key}`, 'kopru-connection-id': connection.info.id } }
}

async function run({ gateway, headers }: { gateway: Gateway; headers: Record<string, string> }, count: number) {
  let next = 0
  const worker = async () => {
    while (next++ < count) {
      const response = await gateway.request(`http://kopru.local/v1/orders/${pkg.id}`, { headers })
      if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`)
      await response.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker))
  // The batched writes belong to the cost of the round that made them.
  await gateway.services.callLog.flush()
}

const modes = { on: await gatewayWith(true, 'ten_on'), off: await gatewayWith(false, 'ten_off') }
await run(modes.on, 2_000)
await run(modes.off, 2_000)
const samples: Record<'on' | 'off', { cpu: number; rps: number }[]> = { on: [], off: [] }
for (let round = 0; round < rounds; round++) {
  const order: ('on' | 'off')[] = round % 2 === 0 ? ['on', 'off'] : ['off', 'on']
  for (const mode of order) {
    globalThis.gc?.()
    const cpu = process.cpuUsage()
    const wall = performance.now()
    await run(modes[mode], perRound)
    const used = process.cpuUsage(cpu)
    samples[mode].push({ cpu: (used.user + used.system) / perRound, rps: perRound / ((performance.now() - wall) / 1000) })
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const summary = Object.fromEntries(
  (['on', 'off'] as const).map((mode) => [mode, { cpu_us_per_request: Math.round(median(samples[mode].map((s) => s.cpu))), rps: Math.round(median(samples[mode].map((s) => s.rps))) }]),
)
const cost = 1 - summary.on!.rps / summary.off!.rps
console.log(`RESULT ${JSON.stringify({ requests_per_round: perRound, rounds, ...summary, throughput_cost_pct: Math.round(cost * 1000) / 10 })}`)
await modes.on.gateway.services.close()
await modes.off.gateway.services.close()
await database.close()
process.exit(0)
