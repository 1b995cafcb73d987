/**
 * The call log's cost on the hot path over HTTP (issue 18: ≤ 5 % of unified-call throughput): two gateway
 * processes in front of the same simulator, quotas off, one with the call log on (the default) and one with
 * `KOPRU_CALL_LOG=off`, for `GET /v1/orders/{id}` — two such pairs, so neither kind always runs in the process
 * started first; warm-up each, then alternated rounds (pair and order rotate) so load drifts on the shared machine
 * hit both. The figure is the median of the per-round ratios, of
 * req/s and of CPU per answered request — of the gateway's main thread (the event loop, which bounds the
 * throughput of a gateway with cores to spare) and of the whole process (the embedded database's thread and V8's
 * helpers included, which bounds it where every core is busy). CPU is read from /proc (Linux). Runs on PGlite, and
 * again on PostgreSQL when `DATABASE_URL` is set (the server's own CPU is then outside the gateway's process).
 * `BENCH_ONLY=calllog BENCH_DURATION=5 BENCH_ROUNDS=3 npm run bench`.
 */
import { fixed, median, round, table, warmUp, type Round, type Target } from './cannon.js'
import { cpuTicks, mainThreadTicks } from './cpu-ticks.js'
import { serve, start, stopAll } from './processes.js'
import { createScratchDatabase, dropScratchDatabase } from './scratch-db.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 3)
const tickUs = 10_000 // USER_HZ = 100

interface Measured extends Round {
  mainUs: number
  totalUs: number
}

async function measured(target: Target, pid: number): Promise<Measured> {
  const main = mainThreadTicks(pid)
  const total = cpuTicks(pid)
  const result = await round(target, CONNECTIONS, DURATION)
  const answered = Math.max(result.answered ?? 1, 1)
  return { ...result, mainUs: ((mainThreadTicks(pid) - main) * tickUs) / answered, totalUs: ((cpuTicks(pid) - total) * tickUs) / answered }
}

async function gateway(options: Record<string, unknown>) {
  const { info, child } = await start('bench/serve.ts', ['gateway', JSON.stringify(options)])
  return { ...info, pid: child.pid! }
}

/** On PGlite (the embedded default), and on PostgreSQL too when `DATABASE_URL` names a server. */
export async function callLogCost(): Promise<string> {
  const sections = [await callLogCostOn('pglite')]
  if (process.env.DATABASE_URL) sections.push(await callLogCostOn('postgres'))
  return sections.join('\n\n')
}

type Store = 'pglite' | 'postgres'
const storeName: Record<Store, string> = {
  pglite: 'PGlite in memory per gateway, on its own thread',
  postgres: 'PostgreSQL on this machine, a scratch database per gateway',
}

async function callLogCostOn(store: Store): Promise<string> {
  const serverUrl = process.env.DATABASE_URL
  const scratch = (i: number) => `kopru_bench_call_log_${process.pid}_${i}`
  const databaseUrl = async (i: number) => (store === 'postgres' ? await createScratchDatabase(serverUrl!, scratch(i)) : undefined)
  const sim = await serve('sim', { packages: 300 })
  const credentials = sim.credentials
  // Two gateways of each kind, started on, off, off, on: the gateway started first measured ≈ 4 % slower in an
  // A/A run (both off), so each pair of rounds puts the log once in an earlier- and once in a later-started process.
  const kinds = [undefined, 'off', 'off', undefined]
  const started: { url: string; apiKey: string; connectionId: string; pid: number }[] = []
  for (const [i, callLog] of kinds.entries()) {
    started.push(await gateway({ simUrl: sim.url, credentials, quotas: 'off', callLog, databaseUrl: await databaseUrl(i) }))
  }
  const path = `/v1/orders/${sim.packageId}`
  const target = (g: (typeof started)[number], name: string): [Target, number] => [
    { name, url: g.url + path, headers: { authorization: `Bearer ${g.apiKey}`, 'kopru-connection-id': g.connectionId } },
    g.pid,
  ]
  const pairs: [Target, number][][] = [
    [target(started[0]!, 'call log on'), target(started[1]!, 'call log off')],
    [target(started[3]!, 'call log on'), target(started[2]!, 'call log off')],
  ]
  const rounds: Measured[][] = []
  try {
    for (const pair of pairs) for (const [t] of pair) await warmUp(t, CONNECTIONS, WARM_UP)
    for (let i = 0; i < ROUNDS; i++) {
      const pair = pairs[i % 2]!
      const order = i % 4 < 2 ? [0, 1] : [1, 0]
      const one: Measured[] = new Array(2)
      for (const k of order) one[k] = await measured(...pair[k]!)
      rounds.push(one)
      console.error(`call log round ${i + 1}: ${one.map((r) => `${r.target} ${fixed(r.rps)} req/s, ${fixed(r.mainUs)} µs main`).join(', ')}`)
    }
  } finally {
    await stopAll()
    if (store === 'postgres') for (const i of kinds.keys()) await dropScratchDatabase(serverUrl!, scratch(i))
  }
  return report(rounds, store)
}

function report(rounds: Measured[][], store: Store): string {
  const rows = rounds.flatMap((one, i) =>
    one.map((r) => [i + 1, r.target, fixed(r.rps), fixed(r.p50, 1), fixed(r.p99, 1), fixed(r.mainUs, 1), fixed(r.totalUs, 1), r.failed, fixed(r.load, 2)]),
  )
  const ratio = median(rounds.map(([withLog, without]) => withLog!.rps / without!.rps))
  const main = median(rounds.map(([withLog, without]) => without!.mainUs / withLog!.mainUs))
  const total = median(rounds.map(([withLog, without]) => without!.totalUs / withLog!.totalUs))
  const cost = (r: number) => `${fixed((1 - r) * 100, 1)} %`
  return [
    `### Call log cost over HTTP (autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternated rounds of ${DURATION} s after a ${WARM_UP} s warm-up, \`GET /v1/orders/{id}\`, quotas off, ${storeName[store]})`,
    '',
    table(['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'main-thread CPU µs/request', 'process CPU µs/request', 'non-2xx + errors', 'load 1 min'], rows),
    '',
    `Call log on ÷ off, medians of the rounds (target: a cost ≤ 5 %): req/s ${fixed(ratio, 3)} (cost ${cost(ratio)}); ` +
      `CPU-bound throughput from the main thread's CPU per request ${fixed(main, 3)} (cost ${cost(main)}); ` +
      `from the whole process's CPU ${fixed(total, 3)} (cost ${cost(total)}).`,
  ].join('\n')
}
