/**
 * The call log's cost on the hot path over HTTP (issue 18: ≤ 5 % of unified-call throughput): two gateway
 * processes in front of the same simulator, quotas off, one with the call log on (the default) and one with
 * `KOPRU_CALL_LOG=off`, for `GET /v1/orders/{id}`; warm-up each, then alternated rounds (the order flips every
 * round) so load drifts on the shared machine hit both. The figure is the median of the per-round ratios.
 * `BENCH_ONLY=calllog BENCH_DURATION=5 BENCH_ROUNDS=3 npm run bench`.
 */
import { fixed, median, round, table, warmUp, type Round, type Target } from './cannon.js'
import { serve, stopAll } from './processes.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 3)

export async function callLogCost(): Promise<string> {
  const sim = await serve('sim', { packages: 300 })
  const credentials = sim.credentials
  const on = await serve('gateway', { simUrl: sim.url, credentials, quotas: 'off' })
  const off = await serve('gateway', { simUrl: sim.url, credentials, quotas: 'off', callLog: 'off' })
  const path = `/v1/orders/${sim.packageId}`
  const headers = (g: any) => ({ authorization: `Bearer ${g.apiKey}`, 'kopru-connection-id': g.connectionId })
  const targets: Target[] = [
    { name: 'call log on', url: on.url + path, headers: headers(on) },
    { name: 'call log off', url: off.url + path, headers: headers(off) },
  ]
  const rounds: Round[][] = []
  try {
    for (const target of targets) await warmUp(target, CONNECTIONS, WARM_UP)
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? [0, 1] : [1, 0]
      const one: Round[] = new Array(2)
      for (const k of order) one[k] = await round(targets[k]!, CONNECTIONS, DURATION)
      rounds.push(one)
      console.error(`call log round ${i + 1}: ${one.map((r) => `${r.target} ${fixed(r.rps)} req/s p99 ${r.p99} ms`).join(', ')}`)
    }
  } finally {
    await stopAll()
  }
  const rows = rounds.flatMap((one, i) => one.map((r) => [i + 1, r.target, fixed(r.rps), fixed(r.p50, 1), fixed(r.p99, 1), r.failed, fixed(r.load, 2)]))
  const ratio = median(rounds.map(([withLog, without]) => withLog!.rps / without!.rps))
  return [
    `### Call log cost over HTTP (autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternated rounds of ${DURATION} s after a ${WARM_UP} s warm-up, \`GET /v1/orders/{id}\`, quotas off, PGlite in memory per gateway)`,
    '',
    table(['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx + errors', 'load 1 min'], rows),
    '',
    `Call log on ÷ off (req/s, median of the rounds): ${fixed(ratio, 3)} — a throughput cost of ${fixed((1 - ratio) * 100, 1)} % (target ≤ 5 %).`,
  ].join('\n')
}
