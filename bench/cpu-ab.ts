/**
 * `npx tsx bench/cpu-ab.ts <before-dir> [route] [seconds] [rounds]`: CPU µs per request of two builds of the
 * gateway side by side — `<before-dir>` (a copy of .bench-js/ made before a change, e.g.
 * `cp -r .bench-js .bench-before`, beside it so both resolve node_modules alike) against the
 * current sources (compiled to .bench-js/) — under the same autocannon load, in alternated rounds
 * (A B, B A, A B …), against one simulator. On a shared machine a single CPU-per-request figure drifts with
 * the load of the moment; a change is judged by the median of the per-round ratios. route: order, list, proxy.
 * BENCH_BEFORE_NODE_ARGS / BENCH_AFTER_NODE_ARGS (space-separated) give each build's Node flags, to A/B a V8 flag on
 * one build (`BENCH_AFTER_NODE_ARGS=--heap-growing-percent=50 npx tsx bench/cpu-ab.ts .bench-before`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { cpuTicks, mainThreadTicks } from './cpu-ticks.js'
import { fixed, table, warmUp, type Target } from './cannon.js'
import { serve, stopAll } from './processes.js'
import { createRequire } from 'node:module'

const [before, routeName = 'order', seconds = '6', rounds = '4'] = process.argv.slice(2)
if (!before || !existsSync(`${before}/bench/serve.js`)) throw new Error('usage: bench/cpu-ab.ts <before-dir with bench/serve.js> [route] [seconds] [rounds]')
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { total: number }; non2xx: number; errors: number }>
const extra: ChildProcess[] = []

const nodeArgs = (name: string) => (process.env[name] ?? '').split(' ').filter(Boolean)

function startBuild(dir: string, flags: string[], options: Record<string, unknown>): Promise<{ info: any; child: ChildProcess }> {
  const child = spawn(process.execPath, [...flags, `${dir}/bench/serve.js`, 'gateway', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] })
  extra.push(child)
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ info: JSON.parse(line.slice(6)), child })
    })
    child.on('exit', (code) => reject(new Error(`${dir} gateway exited with ${code}`)))
  })
}

async function measure(target: Target, pid: number) {
  const start = cpuTicks(pid)
  const startMain = mainThreadTicks(pid)
  const result = await autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: Number(seconds) })
  const ok = result.requests.total - result.non2xx
  const perRequest = (ticks: number) => ((ticks / 100) * 1e6) / Math.max(ok, 1)
  return { ok, failed: result.non2xx + result.errors, us: perRequest(cpuTicks(pid) - start), mainUs: perRequest(mainThreadTicks(pid) - startMain) }
}

try {
  const sim = await serve('sim', { packages: 300 })
  const options = { simUrl: sim.url, credentials: sim.credentials, quotas: process.env.KOPRU_QUOTAS ?? 'off', callLog: process.env.KOPRU_CALL_LOG }
  const builds = [
    { name: `before (${before} ${nodeArgs('BENCH_BEFORE_NODE_ARGS').join(' ')})`, ...(await startBuild(before, nodeArgs('BENCH_BEFORE_NODE_ARGS'), options)) },
    { name: `after (.bench-js ${nodeArgs('BENCH_AFTER_NODE_ARGS').join(' ')})`, ...(await startBuild('.bench-js', nodeArgs('BENCH_AFTER_NODE_ARGS'), options)) },
  ]
  const paths: Record<string, string> = {
    order: `/v1/orders/${sim.packageId}`,
    list: '/v1/orders?limit=50',
    proxy: `/v1/proxy/integration/order/sellers/${sim.credentials.seller_id}/orders?shipmentPackageIds=${sim.packageId}&page=0&size=1`,
  }
  const targets = builds.map((b) => ({
    target: { name: b.name, url: b.info.url + paths[routeName], headers: { authorization: `Bearer ${b.info.apiKey}`, 'kopru-connection-id': b.info.connectionId } },
    pid: b.child.pid!,
  }))
  for (const { target } of targets) await warmUp(target, CONNECTIONS, 3)
  const rows: (string | number)[][] = []
  const ratios: number[] = []
  const mainRatios: number[] = []
  for (let r = 0; r < Number(rounds); r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0]
    const us: number[] = []
    const mainUs: number[] = []
    for (const i of order) {
      const m = await measure(targets[i]!.target, targets[i]!.pid)
      us[i] = m.us
      mainUs[i] = m.mainUs
      rows.push([r + 1, targets[i]!.target.name, m.ok, m.failed, fixed(m.us, 1), fixed(m.mainUs, 1)])
    }
    ratios.push(us[1]! / us[0]!)
    mainRatios.push(mainUs[1]! / mainUs[0]!)
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const header = ['round', `${routeName} (${CONNECTIONS} connections, ${seconds} s)`, 'answered', 'non-2xx + errors', 'CPU µs per request', 'main thread µs']
  console.log(table(header, rows))
  console.log(`after ÷ before CPU per round: ${ratios.map((x) => fixed(x, 3)).join(', ')}; median ${fixed(median(ratios), 3)}`)
  console.log(`after ÷ before main-thread CPU per round: ${mainRatios.map((x) => fixed(x, 3)).join(', ')}; median ${fixed(median(mainRatios), 3)}`)
} finally {
  for (const child of extra) if (child.exitCode === null) child.kill('SIGTERM')
  await stopAll()
}
