/**
 * One setting of the gateway against another over HTTP (issue 18's call log on/off, issue 14's quotas on/off):
 * two gateway processes of each setting in front of one simulator, quotas and everything else as given, for
 * `GET /v1/orders/{id}`. Started A, B, B, A: the gateway started first measured ≈ 4 % slower in an A/A run, so each
 * pair of rounds puts A once in an earlier- and once in a later-started process. Warm-up each, then alternated
 * rounds (pair and order rotate) so load drifts on the shared machine hit both. The figures are medians of the
 * per-round ratios of req/s and of CPU per answered request — of the gateway's main thread (the event loop, which
 * bounds the throughput of a gateway with cores to spare) and of the whole process (the embedded database's thread
 * and V8's helpers included, which bounds it where every core is busy). CPU is read from /proc (Linux).
 */
import { fixed, median, round, table, warmUp, type Round, type Target } from './cannon.js'
import { cpuTicks, mainThreadTicks } from './cpu-ticks.js'
import { serve, start, stopAll } from './processes.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const roundsOf = (ab: AB) => Number(process.env.BENCH_ROUNDS ?? ab.rounds ?? 4)
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 3)
const tickUs = 10_000 // USER_HZ = 100

export interface Setting {
  name: string
  /** bench/serve.ts gateway options beyond the simulator's URL and credentials. */
  options: Record<string, unknown>
}

export interface AB {
  title: string
  a: Setting
  b: Setting
  /** The question the ratios answer, printed before them, e.g. "call log on ÷ off (target: a cost ≤ 5 %)". */
  question: string
  /** Options for the i-th gateway started (0…3), e.g. a scratch database of its own. */
  perGateway?: (i: number) => Promise<Record<string, unknown>>
  /** Rounds when BENCH_ROUNDS does not say (a small cost needs more rounds than the per-round spread). */
  rounds?: number
}

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

export async function gatewayAB(ab: AB): Promise<string> {
  const sim = await serve('sim', { packages: 300 })
  const base = { simUrl: sim.url, credentials: sim.credentials }
  const settings = [ab.a, ab.b, ab.b, ab.a]
  const started: { url: string; apiKey: string; connectionId: string; pid: number }[] = []
  const path = `/v1/orders/${sim.packageId}`
  const target = (i: number): [Target, number] => {
    const g = started[i]!
    return [{ name: settings[i]!.name, url: g.url + path, headers: { authorization: `Bearer ${g.apiKey}`, 'kopru-connection-id': g.connectionId } }, g.pid]
  }
  const rounds: Measured[][] = []
  try {
    for (const [i, setting] of settings.entries()) started.push(await gateway({ ...base, ...setting.options, ...(await ab.perGateway?.(i)) }))
    const pairs = [[target(0), target(1)], [target(3), target(2)]]
    for (const pair of pairs) for (const [t] of pair) await warmUp(t, CONNECTIONS, WARM_UP)
    for (let i = 0; i < roundsOf(ab); i++) {
      const pair = pairs[i % 2]!
      const order = i % 4 < 2 ? [0, 1] : [1, 0]
      const one: Measured[] = new Array(2)
      for (const k of order) one[k] = await measured(...pair[k]!)
      rounds.push(one)
      console.error(`${ab.a.name} / ${ab.b.name} round ${i + 1}: ${one.map((r) => `${r.target} ${fixed(r.rps)} req/s, ${fixed(r.mainUs)} µs main`).join(', ')}`)
    }
  } finally {
    await stopAll()
  }
  return report(ab, rounds)
}

function report(ab: AB, rounds: Measured[][]): string {
  const rows = rounds.flatMap((one, i) =>
    one.map((r) => [i + 1, r.target, fixed(r.rps), fixed(r.p50, 1), fixed(r.p99, 1), fixed(r.mainUs, 1), fixed(r.totalUs, 1), r.failed, fixed(r.load, 2)]),
  )
  const ratios = {
    rps: rounds.map(([a, b]) => a!.rps / b!.rps),
    main: rounds.map(([a, b]) => b!.mainUs / a!.mainUs),
    total: rounds.map(([a, b]) => b!.totalUs / a!.totalUs),
  }
  const [ratio, main, total] = [median(ratios.rps), median(ratios.main), median(ratios.total)]
  const cost = (r: number) => `${fixed((1 - r) * 100, 1)} %`
  const spread = (xs: number[]) => `middle half of the rounds ${fixed(quantile(xs, 0.25), 3)}–${fixed(quantile(xs, 0.75), 3)}`
  return [
    `### ${ab.title} (autocannon, ${CONNECTIONS} connections, ${rounds.length} alternated rounds of ${DURATION} s after a ${WARM_UP} s warm-up, \`GET /v1/orders/{id}\`)`,
    '',
    table(['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'main-thread CPU µs/request', 'process CPU µs/request', 'non-2xx + errors', 'load 1 min'], rows),
    '',
    `${ab.question}, medians of the rounds: req/s ${fixed(ratio, 3)} (cost ${cost(ratio)}; ${spread(ratios.rps)}); ` +
      `CPU-bound throughput from the main thread's CPU per request ${fixed(main, 3)} (cost ${cost(main)}); ` +
      `from the whole process's CPU ${fixed(total, 3)} (cost ${cost(total)}; ${spread(ratios.total)}).`,
  ].join('\n')
}

/** The q-quantile of `xs`, interpolated between the two nearest ranks. */
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low)
}
