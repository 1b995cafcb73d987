/**
 * `npx tsx bench/thread-cpu-ab.ts calllog|quotas [requests] [rounds]`: one setting against another in process
 * (`app.request()`, a canned Trendyol answer, two gateways each on its own PGlite), CPU per request by thread from
 * /proc (Linux): the event loop, V8's helper threads (the process's first threads after it) and the rest (the
 * PGlite threads). Steadier than the HTTP A/B (bench/gateway-ab.ts), whose rounds swing more than the costs sought;
 * it says where a cost runs, not what it does to throughput on a busy machine. Alternated rounds, medians.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createTrendyolSimulator } from '../providers/trendyol/simulator.js'
import { createGateway } from '../src/app.js'
import { createKeyring } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { backgroundScope } from '../src/core/request-scope.js'
import type { Transport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import { issueApiKey } from '../src/routes/admin.js'
import { median, runRequests } from './edge-run.js'

const [which = 'calllog', count = '20000', roundsArg = '6'] = process.argv.slice(2)
const total = Number(count)
const rounds = Number(roundsArg)
const settings: Record<string, [string, Record<string, unknown>][]> = {
  calllog: [['call log on', {}], ['call log off', { callLog: { enabled: false } }]],
  quotas: [['quotas on', { quotas: 'on' }], ['quotas off', {}]],
}
const pair = settings[which]
if (!pair) throw new Error('usage: thread-cpu-ab.ts calllog|quotas [requests] [rounds]')

/** CPU µs of each thread of this process (USER_HZ = 100). */
function threadCpu(): Map<number, number> {
  const out = new Map<number, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    out.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10_000)
  }
  return out
}

const sim = createTrendyolSimulator()
const pkg = sim.seller().packages[0]!
const page = JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] })
const canned: Transport = async () => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: null, text: async () => page })
const unlimited = { limit: 1_000_000_000, intervalMs: 1000 }

async function gateway(options: Record<string, unknown>) {
  const database = await openDatabase({ dataDir: 'memory://' })
  const app = createGateway({
    db: database.db,
    keyring: await createKeyring([new Uint8Array(32).fill(7)]),
    adminKey: 'kpr_admin_bench_0123456789abcdef',
    transport: canned,
    quotas: 'off',
    logger: createLogger({ level: 'warn' }),
    quotaOverrides: { trendyol: { orders: unlimited, default: unlimited } },
    ...options,
  })
  await app.services.tenants.create({ id: 'ten_cpu', name: 'cpu', createdAt: new Date() })
  const { key } = await issueApiKey(app.services, 'ten_cpu')
  const credentials = { seller_id: '100200', api_key: 'k', api_secret: 's' }
  const connection = await app.services.connections.create({ tenantId: 'ten_cpu', provider: 'trendyol', credentials }, backgroundScope('req_cpu'))
  return { app, headers: { authorization: `Bearer ${key}`, 'kopru-connection-id': connection.info.id }, close: () => app.services.close().then(database.close) }
}

const url = `http://kopru.local/v1/orders/${pkg.id}`
const gateways = [await gateway(pair[0]![1]), await gateway(pair[1]![1])]
const main = process.pid
const helpers = [...threadCpu().keys()].filter((tid) => tid !== main).sort((a, b) => a - b).slice(0, 4)
for (const g of gateways) await runRequests(g.app, url, g.headers, 5_000)
const figures = gateways.map(() => ({ main: [] as number[], helpers: [] as number[], rest: [] as number[] }))
for (let r = 0; r < rounds; r++) {
  for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const before = threadCpu()
    await runRequests(gateways[i]!.app, url, gateways[i]!.headers, total)
    await gateways[i]!.app.services.callLog.flush()
    const after = threadCpu()
    const used = (tid: number) => ((after.get(tid) ?? 0) - (before.get(tid) ?? 0)) / total
    const others = [...after.keys()].filter((tid) => tid !== main && !helpers.includes(tid))
    figures[i]!.main.push(used(main))
    figures[i]!.helpers.push(helpers.reduce((sum, tid) => sum + used(tid), 0))
    figures[i]!.rest.push(others.reduce((sum, tid) => sum + used(tid), 0))
  }
}
console.log(`| setting | event loop µs/request | V8 helper threads | other threads (PGlite) |\n|---|---|---|---|`)
for (const [i, [name]] of pair.entries()) {
  const f = figures[i]!
  console.log(`| ${name} | ${median(f.main).toFixed(1)} | ${median(f.helpers).toFixed(1)} | ${median(f.rest).toFixed(1)} |`)
}
for (const g of gateways) await g.close()
process.exit(0)
