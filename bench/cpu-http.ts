/**
 * `npx tsx bench/cpu-http.ts [route] [seconds]`: CPU time per request of each gateway process — the minimal
 * gateway (bench/baseline.ts) and kopru — under the same autocannon load over loopback, read from /proc
 * (user + system time of the server process and its children ÷ requests answered). Unlike req/s, this
 * hardly moves with the load of the shared machine, so it is the figure that compares one change of the
 * hot path with the next. Linux only. route: order (default), list, proxy.
 */
import { createRequire } from 'node:module'
import { fixed, table, warmUp, type Target } from './cannon.js'
import { cpuTicks, mainThreadTicks } from './cpu-ticks.js'
import { start, stopAll } from './processes.js'

const [routeName = 'order', seconds = '8'] = process.argv.slice(2)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { total: number }; non2xx: number; errors: number }>
const ticksPerSecond = 100 // USER_HZ on Linux

async function measure(target: Target, pid: number) {
  const before = cpuTicks(pid)
  const beforeMain = mainThreadTicks(pid)
  const result = await autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: Number(seconds) })
  const ok = result.requests.total - result.non2xx
  const perRequest = (ticks: number) => ((ticks / ticksPerSecond) * 1e6) / Math.max(ok, 1)
  return { name: target.name, requests: ok, failed: result.non2xx + result.errors, usPerRequest: perRequest(cpuTicks(pid) - before), mainUs: perRequest(mainThreadTicks(pid) - beforeMain) }
}

const launch = (role: string, options: Record<string, unknown>) => start('bench/serve.ts', [role, JSON.stringify(options)])

try {
  const { info: sim } = await launch('sim', { packages: 300 })
  const credentials = sim.credentials
  const { info: base, child: baseChild } = await launch('baseline', { simUrl: sim.url, credentials })
  const quotas = process.env.KOPRU_QUOTAS ?? 'off'
  const { info: gw, child: gwChild } = await launch('gateway', { simUrl: sim.url, credentials, quotas, callLog: process.env.KOPRU_CALL_LOG })
  const paths: Record<string, string> = {
    order: `/v1/orders/${sim.packageId}`,
    list: '/v1/orders?limit=50',
    proxy: `/v1/proxy/integration/order/sellers/${credentials.seller_id}/orders?shipmentPackageIds=${sim.packageId}&page=0&size=1`,
  }
  const path = paths[routeName]!
  const targets: [Target, number][] = [
    [{ name: 'baseline', url: base.url + path, headers: {} }, baseChild.pid!],
    [{ name: `kopru, quotas ${quotas}`, url: gw.url + path, headers: { authorization: `Bearer ${gw.apiKey}`, 'kopru-connection-id': gw.connectionId } }, gwChild.pid!],
  ]
  for (const [target] of targets) await warmUp(target, CONNECTIONS, 3)
  const rows: (string | number)[][] = []
  for (const [target, pid] of targets) {
    const r = await measure(target, pid)
    rows.push([r.name, r.requests, r.failed, fixed(r.usPerRequest, 1), fixed(r.mainUs, 1)])
  }
  const ratio = Number(rows[0]![3]) / Number(rows[1]![3])
  console.log(table([`${routeName} (${CONNECTIONS} connections, ${seconds} s)`, 'answered', 'non-2xx + errors', 'CPU µs per request', 'main thread µs'], rows))
  console.log(`baseline CPU ÷ kopru CPU: ${fixed(ratio, 2)} (the req/s ratio a CPU-bound gateway would reach)`)
} finally {
  await stopAll()
}
