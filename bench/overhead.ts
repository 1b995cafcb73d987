/**
 * Gateway overhead, issue 14: kopru against the thinnest gateway (bench/baseline.ts) in front of the same
 * simulator, for `GET /v1/orders/{id}`, `GET /v1/orders?limit=50` and `/v1/proxy/…`. Each route gets a
 * warm-up of every target, then alternated rounds (baseline, kopru quotas off, kopru quotas on, repeated)
 * so a load spike on the shared machine hits both sides; the order rotates from round to round; ratios are
 * per round (kopru ÷ the baseline of the same round) and their median is the figure.
 */
import { fixed, median, round, table, warmUp, type Round, type Target } from './cannon.js'
import { serve, stopAll } from './processes.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 3)

interface RouteResult {
  route: string
  rounds: Round[][]
}

async function measureRoute(route: string, targets: Target[]): Promise<RouteResult> {
  for (const target of targets) await warmUp(target, CONNECTIONS, WARM_UP)
  const rounds: Round[][] = []
  for (let i = 0; i < ROUNDS; i++) {
    // The order rotates each round, so no target always runs right after the same neighbour; the table
    // keeps the targets' own order.
    const order = targets.map((_, k) => (k + i) % targets.length)
    const one: Round[] = new Array(targets.length)
    for (const k of order) one[k] = await round(targets[k]!, CONNECTIONS, DURATION)
    rounds.push(one)
    console.error(`${route} round ${i + 1}: ${one.map((r) => `${r.target} ${fixed(r.rps)} req/s p99 ${r.p99} ms`).join(', ')}`)
  }
  return { route, rounds }
}

function report({ route, rounds }: RouteResult) {
  const rows: (string | number)[][] = []
  const names = rounds[0]!.map((r) => r.target)
  rounds.forEach((one, i) => {
    const [base] = one
    for (const r of one) {
      const ratio = r === base ? '—' : `${fixed(r.rps / base!.rps, 2)} / ${fixed(r.p99 / Math.max(base!.p99, 1), 2)}`
      rows.push([i + 1, r.target, fixed(r.rps), fixed(r.p50, 1), fixed(r.p99, 1), ratio, r.failed, fixed(r.load, 2)])
    }
  })
  const medians = names.slice(1).map((name, k) => {
    const rps = median(rounds.map((one) => one[k + 1]!.rps / one[0]!.rps))
    const p99 = median(rounds.map((one) => one[k + 1]!.p99 / Math.max(one[0]!.p99, 1)))
    return [name, fixed(rps, 2), fixed(p99, 2)]
  })
  const onOff = names.length === 3 ? median(rounds.map((one) => one[2]!.rps / one[1]!.rps)) : undefined
  return [
    `#### ${route}`,
    '',
    table(['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ baseline / p99 ÷ baseline', 'non-2xx + errors', 'load 1 min'], rows),
    '',
    table(['median over rounds', 'req/s ÷ baseline', 'p99 ÷ baseline'], medians),
    ...(onOff === undefined ? [] : ['', `Quotas on ÷ quotas off (req/s, median; one process each, so ±10 % round to round — the figure is the quotas A/B section): ${fixed(onOff, 2)}`]),
  ].join('\n')
}

export async function overhead() {
  const sim = await serve('sim', { packages: 300 })
  const credentials = sim.credentials as { seller_id: string; api_key: string; api_secret: string }
  const baseline = await serve('baseline', { simUrl: sim.url, credentials })
  const off = await serve('gateway', { simUrl: sim.url, credentials, quotas: 'off' })
  const on = await serve('gateway', { simUrl: sim.url, credentials, quotas: 'on' })
  const tenant = (g: any) => ({ authorization: `Bearer ${g.apiKey}`, 'kopru-connection-id': g.connectionId })
  const proxyPath = `/v1/proxy/integration/order/sellers/${credentials.seller_id}/orders?shipmentPackageIds=${sim.packageId}&page=0&size=1`
  const routes: [string, string, boolean][] = [
    ['GET /v1/orders/{id}', `/v1/orders/${sim.packageId}`, true],
    ['GET /v1/orders?limit=50', '/v1/orders?limit=50', false],
    ['GET /v1/proxy/… (getShipmentPackages)', proxyPath, false],
  ]
  const results: RouteResult[] = []
  try {
    const only = process.env.BENCH_ROUTES?.split(',').map(Number) // e.g. BENCH_ROUTES=1,3 while working on one
    for (const [index, [route, path, withQuotasOn]] of routes.entries()) {
      if (only && !only.includes(index + 1)) continue
      const targets: Target[] = [
        { name: 'baseline', url: baseline.url + path, headers: {} },
        { name: 'kopru, quotas off', url: off.url + path, headers: tenant(off) },
        ...(withQuotasOn ? [{ name: 'kopru, quotas on', url: on.url + path, headers: tenant(on) }] : []),
      ]
      results.push(await measureRoute(route, targets))
    }
  } finally {
    await stopAll()
  }
  return [
    `### Gateway overhead against the minimal gateway (autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternated rounds of ${DURATION} s after a ${WARM_UP} s warm-up per target, loopback, LOG_LEVEL=warn)`,
    '',
    'Baseline: bench/baseline.ts (Hono + @hono/node-server, undici Pool of 64, auth headers, JSON parsed and re-serialised). The simulator holds 300 orders of the last two days. Targets run in rotating order within each round; ratios compare each kopru round with the baseline of the same round.',
    '',
    results.map(report).join('\n\n'),
  ].join('\n')
}
