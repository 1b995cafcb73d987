/**
 * CPU time of a unified call in workerd: the bundled Worker in Miniflare (one workerd process, no dev proxy),
 * against the Trendyol simulator and PostgreSQL (DATABASE_URL). CPU is read from /proc for the workerd
 * processes this script started (utime + stime), across N sequential GET /v1/orders?limit=10 after a warm-up;
 * it includes opening the invocation's postgres.js client, which a Hyperdrive binding makes cheaper.
 * Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/edge-cpu.ts [N]
 */
import { readdir, readFile } from 'node:fs/promises'
import { createTrendyolSimulator, trendyolDemoSeller } from '../providers/trendyol/simulator.js'
import { serveSimulator } from '../test/helpers/simulators.js'
import { bundleWorker, startEdge } from '../test/helpers/workerd.js'

const N = Number(process.argv[2] ?? 300)
const ticksPerSecond = 100 // CLK_TCK on Linux

async function workerdCpuTicks(): Promise<number> {
  let total = 0
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (!stat.includes('(workerd)') || Number(fields[1]) !== process.pid) continue
    total += Number(fields[11]) + Number(fields[12])
  }
  return total
}

const bundle = await bundleWorker()
const simulator = await serveSimulator(createTrendyolSimulator({ quota: { limit: 1_000_000, windowMs: 1000 } }))
const edge = await startEdge(bundle.outdir, { bindings: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: simulator.url, KOPRU_QUOTAS: 'off', LOG_LEVEL: 'error' } })
try {
  const tenant = await edge.tenant()
  const headers = { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' }
  const created = await fetch(`${edge.base}/v1/connections`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret } }),
  })
  const connection = ((await created.json()) as { id: string }).id
  const call = async () => {
    const response = await fetch(`${edge.base}/v1/orders?limit=10`, { headers: { ...headers, 'kopru-connection-id': connection } })
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
    await response.arrayBuffer()
  }
  for (let i = 0; i < 30; i++) await call()
  const before = await workerdCpuTicks()
  const started = performance.now()
  for (let i = 0; i < N; i++) await call()
  const wallMs = performance.now() - started
  const cpuMs = ((await workerdCpuTicks()) - before) * (1000 / ticksPerSecond)
  const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')
  console.log(`workerd CPU per unified GET /v1/orders?limit=10: ${(cpuMs / N).toFixed(2)} ms (${N} calls, ${Math.round(cpuMs)} ms CPU, wall ${(wallMs / N).toFixed(1)} ms per call, load ${load})`)
} finally {
  await edge.close()
  await simulator.server.close()
  await bundle.remove()
}
