/**
 * `npx tsx bench/alloc-http.ts <before-dir> [route] [seconds] [rounds]`: bytes the gateway process allocates per
 * request over HTTP — two builds (`<before-dir>`, a copy of .bench-js made before a change, against the current
 * sources in .bench-js) under the same autocannon load against one simulator, alternated rounds, each run with
 * `--trace-gc-nvp` (V8 prints `allocated=` since the previous collection on every collection of the main thread's
 * heap). Unlike CPU time, allocation hardly moves with the load of a shared machine, and it is what the scavenges
 * (the tail's pauses) pay for. A round's allocation is the sum over the collections during it, so the figure is
 * the total over all rounds ÷ the requests answered (at most one young generation of error per round).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createInterface } from 'node:readline'
import { fixed, table, warmUp } from './cannon.js'
import { serve, stopAll } from './processes.js'

const [before, routeName = 'order', seconds = '5', rounds = '4'] = process.argv.slice(2)
if (!before || !existsSync(`${before}/bench/serve.js`)) throw new Error('usage: bench/alloc-http.ts <before-dir with bench/serve.js> [route] [seconds] [rounds]')
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { total: number }; non2xx: number; latency: { p50: number; p99: number } }>
const extra: ChildProcess[] = []

interface Build {
  name: string
  info: { url: string; apiKey: string; connectionId: string }
  /** Bytes allocated on the main thread's heap so far, as the collections reported it; their pauses (ms); bytes
   * scavenges promoted to the old generation (what survives long enough to need a full collection); full collections. */
  gc: { allocated: number; pauseMs: number; scavenges: number; promoted: number; full: number }
}

function startBuild(name: string, dir: string, options: Record<string, unknown>): Promise<Build> {
  const child = spawn(process.execPath, ['--trace-gc-nvp', `${dir}/bench/serve.js`, 'gateway', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] })
  extra.push(child)
  const gc = { allocated: 0, pauseMs: 0, scavenges: 0, promoted: 0, full: 0 }
  // Lines start `[pid:isolate]`; the main thread's isolate collects first (module loading), before the PGlite
  // worker's exists, so the first isolate seen is the one counted.
  let main: string | undefined
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve({ name, info: JSON.parse(line.slice(6)), gc })
      const allocated = /\ballocated=(\d+)/.exec(line)
      if (!allocated) return
      const isolate = /^\[\d+:(0x[0-9a-f]+)\]/.exec(line)?.[1]
      main ??= isolate
      if (isolate !== main) return
      gc.allocated += Number(allocated[1])
      gc.pauseMs += Number(/\bpause=([\d.]+)/.exec(line)?.[1] ?? 0)
      if (/\bgc=s\b/.test(line)) {
        gc.scavenges++
        gc.promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0)
      }
      if (/\bgc=mc\b/.test(line)) gc.full++
    })
    child.on('exit', (code) => reject(new Error(`${dir} gateway exited with ${code}`)))
  })
}

try {
  const sim = await serve('sim', { packages: 300 })
  const options = { simUrl: sim.url, credentials: sim.credentials, quotas: process.env.KOPRU_QUOTAS ?? 'off' }
  const builds = [await startBuild(`before (${before})`, before, options), await startBuild('after (.bench-js)', '.bench-js', options)]
  const paths: Record<string, string> = {
    order: `/v1/orders/${sim.packageId}`,
    list: '/v1/orders?limit=50',
    proxy: `/v1/proxy/integration/order/sellers/${sim.credentials.seller_id}/orders?shipmentPackageIds=${sim.packageId}&page=0&size=1`,
  }
  const target = (b: Build) => ({ name: b.name, url: b.info.url + paths[routeName], headers: { authorization: `Bearer ${b.info.apiKey}`, 'kopru-connection-id': b.info.connectionId } })
  for (const b of builds) await warmUp(target(b), CONNECTIONS, 3)
  const totals = builds.map(() => ({ ok: 0, allocated: 0, pauseMs: 0, scavenges: 0, promoted: 0, full: 0 }))
  const rows: (string | number)[][] = []
  for (let r = 0; r < Number(rounds); r++) {
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const b = builds[i]!
      const start = { ...b.gc }
      const result = await autocannon({ ...target(b), connections: CONNECTIONS, duration: Number(seconds) })
      const ok = result.requests.total - result.non2xx
      const t = totals[i]!
      t.ok += ok
      t.allocated += b.gc.allocated - start.allocated
      t.pauseMs += b.gc.pauseMs - start.pauseMs
      t.scavenges += b.gc.scavenges - start.scavenges
      t.promoted += b.gc.promoted - start.promoted
      t.full += b.gc.full - start.full
      rows.push([r + 1, b.name, ok, result.latency.p50, result.latency.p99])
    }
  }
  console.log(table(['round', `${routeName} (${CONNECTIONS} connections, ${seconds} s)`, 'answered', 'p50 ms', 'p99 ms'], rows))
  const head = ['build', 'requests', 'bytes allocated per request', 'scavenges', 'bytes promoted per request', 'full collections', 'GC pause µs per request']
  console.log(table(head, builds.map((b, i) => {
    const t = totals[i]!
    return [b.name, t.ok, Math.round(t.allocated / t.ok), t.scavenges, Math.round(t.promoted / t.ok), t.full, fixed((t.pauseMs * 1000) / t.ok, 1)]
  })))
} finally {
  for (const child of extra) if (child.exitCode === null) child.kill('SIGTERM')
  await stopAll()
}
