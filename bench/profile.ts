/**
 * `npx tsx bench/profile.ts [route] [seconds]`: CPU profile (node --cpu-prof) and GC trace (--trace-gc) of
 * one kopru gateway process under autocannon load against the bench simulator (`KOPRU_CALL_LOG=off` for an ablation). Writes the .cpuprofile
 * (open it in Chrome DevTools or speedscope for the flame graph) under bench/profiles/ and prints the
 * functions with the most self time, by file, plus the share of samples in the garbage collector.
 */
import { readdir, readFile, mkdir } from 'node:fs/promises'
import { warmUp } from './cannon.js'
import { serve, stopAll } from './processes.js'

const [routeName = 'order', seconds = '10'] = process.argv.slice(2)
const dir = 'bench/profiles'
await mkdir(dir, { recursive: true })

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

try {
  const sim = await serve('sim', { packages: 300 })
  const credentials = sim.credentials
  const gateway = await serve('gateway', { simUrl: sim.url, credentials, quotas: process.env.KOPRU_QUOTAS ?? 'off', callLog: process.env.KOPRU_CALL_LOG }, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    ...(process.env.TRACE_GC ? ['--trace-gc'] : []),
  ])
  const paths: Record<string, string> = {
    order: `/v1/orders/${sim.packageId}`,
    list: '/v1/orders?limit=50',
    proxy: `/v1/proxy/integration/order/sellers/${credentials.seller_id}/orders?shipmentPackageIds=${sim.packageId}&page=0&size=1`,
  }
  const before = new Set(await readdir(dir))
  const headers = { authorization: `Bearer ${gateway.apiKey}`, 'kopru-connection-id': gateway.connectionId }
  await warmUp({ name: 'kopru', url: gateway.url + paths[routeName], headers }, 50, Number(seconds))
  await stopAll()
  const file = (await readdir(dir)).find((name) => !before.has(name) && name.endsWith('.cpuprofile'))
  if (!file) throw new Error('no profile written')
  const profile = JSON.parse(await readFile(`${dir}/${file}`, 'utf8')) as Profile
  // Only the samples of the load (the last `seconds` before exit), not start-up.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const from = profile.endTime - Number(seconds) * 1e6
  const self = new Map<string, number>()
  let total = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!
    if (at < from) return
    const { functionName, url } = byId.get(id)!.callFrame
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules\/|work\/wt\/[^/]+\/(\.bench-js\/)?)/, '')}`
    self.set(key, (self.get(key) ?? 0) + 1)
    total++
  })
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))
  console.log(`${dir}/${file}: ${total} samples; self time:`)
  for (const [key, hits] of top) console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
  // Inclusive time of kopru's own functions (src/, providers/): where a request's time goes.
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const inclusive = new Map<string, number>()
  at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!
    if (at < from) return
    const seen = new Set<string>()
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const { functionName, url } = byId.get(node)!.callFrame
      const short = url.replace(/^.*\/(node_modules\/|work\/wt\/[^/]+\/(\.bench-js\/)?)/, '')
      if (!/^(src|providers|hono|@hono)\//.test(short)) continue
      seen.add(`${functionName || '(anonymous)'} ${short}`)
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + 1)
  })
  console.log('inclusive time:')
  for (const [key, hits] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) {
    console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
  }
} finally {
  await stopAll()
}
