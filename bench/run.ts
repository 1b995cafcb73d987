/**
 * `npm run bench`: gateway overhead against the minimal gateway (bench/overhead.ts), quota utilization
 * (one process and three sharing Redis), memory with 100k connections, and a cold start. Every server runs
 * in its own process (bench/serve.ts) so the load generator, gateway and simulator do not share an event
 * loop; on a 2-core machine they still share the CPUs, which the results state. Prints tables and appends
 * them to bench/RESULTS.md with the machine, the date and the load average. `BENCH_ONLY=overhead,memory`
 * picks sections; `calllog` is the call log on/off A/B (bench/call-log-http.ts), `insert` what a row costs the
 * database (bench/call-log-insert.ts), `quotas` quotas on/off the same way (bench/quotas-ab.ts).
 */
import { appendFile } from 'node:fs/promises'
import os from 'node:os'
import { fixed, table } from './cannon.js'
import { coldStart } from './cold-start.js'
import { overhead } from './overhead.js'
import { callLogCost } from './call-log-http.js'
import { callLogInsertCost } from './call-log-insert.js'
import { quotasCost } from './quotas-ab.js'
import { serve, start, stopAll } from './processes.js'

const QUOTA = { limit: 50, windowMs: 1000 }
const QUEUED = Number(process.env.BENCH_QUEUED ?? 500)
const MEMORY_CONNECTIONS = Number(process.env.BENCH_MEMORY_CONNECTIONS ?? 100_000)
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function burst(urls: { url: string; headers: Record<string, string> }[], path: string, simUrl: string) {
  await fetch(`${simUrl}/__reset`, { method: 'POST' })
  const started = performance.now()
  const statuses = await Promise.all(
    Array.from({ length: QUEUED }, async (_, i) => {
      const target = urls[i % urls.length]!
      const response = await fetch(target.url + path, { headers: target.headers })
      await response.arrayBuffer()
      return response.status
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const stats = (await (await fetch(`${simUrl}/__stats`)).json()) as { allowed: number; violations: number; arrivals: number[] }
  const accepted = stats.arrivals.length - stats.violations
  const first = Math.min(...stats.arrivals)
  const last = Math.max(...stats.arrivals)
  // The calls spread over (last − first) plus the window the last one opened.
  const windows = (last - first) / QUOTA.windowMs + 1
  const fraction = accepted / (windows * QUOTA.limit)
  return {
    ok: statuses.filter((s) => s === 200).length,
    violations: stats.violations,
    seconds,
    rate: (fraction * QUOTA.limit * 1000) / QUOTA.windowMs,
    fraction,
  }
}

async function utilization() {
  const sim = await serve('sim', { quota: QUOTA, keepArrivals: true })
  const creds = sim.credentials
  const path = `/v1/orders/${sim.packageId}`
  const headersOf = (g: any) => ({ authorization: `Bearer ${g.apiKey}`, 'kopru-connection-id': g.connectionId })
  const rows: (string | number)[][] = []
  const common = { simUrl: sim.url, credentials: creds, quotaLimit: QUOTA.limit, quotaWindowMs: QUOTA.windowMs, maxQueueMs: 120_000 }

  const unlimited = await serve('gateway', { ...common, quotas: 'off' })
  await sleep(QUOTA.windowMs + 100)
  const off = await burst([{ url: unlimited.url, headers: headersOf(unlimited) }], path, sim.url)
  rows.push(['1 process, KOPRU_QUOTAS=off (for contrast)', QUEUED, off.ok, off.violations, fixed(off.seconds, 1), '—', '—'])

  const single = await serve('gateway', common)
  await sleep(QUOTA.windowMs + 100)
  const one = await burst([{ url: single.url, headers: headersOf(single) }], path, sim.url)
  rows.push(['1 process', QUEUED, one.ok, one.violations, fixed(one.seconds, 1), fixed(one.rate, 1), fixed(one.fraction * 100, 1) + ' %'])

  let redisNote = ''
  try {
    const namespace = `kopru-bench-${Date.now()}`
    const three = []
    for (let i = 0; i < 3; i++) three.push(await serve('gateway', { ...common, redisUrl: REDIS_URL, namespace }))
    await sleep(QUOTA.windowMs + 100)
    const shared = await burst(three.map((g) => ({ url: g.url, headers: headersOf(g) })), path, sim.url)
    rows.push(['3 processes, Redis-shared limiter', QUEUED, shared.ok, shared.violations, fixed(shared.seconds, 1), fixed(shared.rate, 1), fixed(shared.fraction * 100, 1) + ' %'])
  } catch (error) {
    redisNote = `\n\n3-process run skipped: ${(error as Error).message} (is Redis at ${REDIS_URL}?)`
  }
  await stopAll()
  return [
    `### Quota utilization (simulator enforces ${QUOTA.limit} req / ${QUOTA.windowMs / 1000} s per seller and endpoint; ${QUEUED} requests queued at once)`,
    '',
    `Scaled down from the real Trendyol quota (50 req / 10 s, 2,000 requests ≈ 400 s) to 50 req / 1 s and ${QUEUED} requests so the run takes seconds; the window arithmetic is the same. Share of quota = accepted upstream calls ÷ (quota × windows spanned, i.e. (last − first arrival) ÷ window + 1); achieved req/s = share × quota rate. kopru holds each slot until one window after the provider's answer, so every window costs window + round trip + 2 % safety: under this burst's load the round trip is tens of ms, 10× more relative to a 1 s window than to Trendyol's real 10 s one.`,
    '',
    table(['setup', 'requests', '200s', 'upstream 429s', 'seconds', 'achieved req/s', 'share of quota'], rows),
  ].join('\n') + redisNote
}

interface MemorySnapshot {
  rss_mb: number
  heap_used_mb: number
  heap_total_mb: number
  external_mb: number
  smaps?: { anonymous_mb: number; file_mb: number }
}
const row = (m: MemorySnapshot) => [m.rss_mb, m.heap_used_mb, m.heap_total_mb, m.external_mb, m.smaps ? `${m.smaps.anonymous_mb} / ${m.smaps.file_mb}` : '—']

async function memory() {
  // Compiled JavaScript on plain Node, as `npm start` runs the server (no tsx: its loader thread alone is ~50 MB).
  const { info } = await start('bench/memory.ts', [String(MEMORY_CONNECTIONS)], 'RESULT', ['--expose-gc'])
  await stopAll()
  const r = info
  return [
    `### Memory with ${r.connections.toLocaleString('en-US')} connections used once (one process, ${r.database === 'postgres' ? 'rows in PostgreSQL via DATABASE_URL' : 'PGlite in memory'})`,
    '',
    `Each connection has its own Trendyol credentials, so its own quota limiter; each made one \`GET /v1/orders/{id}\` through the whole gateway (${r.calls_per_second} calls/s, ${r.failures} failures). The provider was an in-process canned answer so only kopru's memory counts${r.database === 'postgres' ? '' : `; RSS includes PGlite holding the ${r.connections.toLocaleString('en-US')} rows`}. Bounded by design: connection cache 10,000 entries; quota windows only while they hold a slot (Trendyol's 10 s window) or carry the provider's feedback, at most 20,000 idle ones. The process runs compiled JavaScript on plain Node with the Node entry's heap setting (src/node/heap-tuning.ts), as \`npm start\` runs the server (no tsx). Anonymous RSS is V8's heaps and malloc; file-backed is the node binary and libraries.`,
    '',
    table(
      ['moment', 'RSS MB', 'heap used MB', 'heap reserved MB', 'external MB', 'anonymous / file RSS MB'],
      [
        ['gateway started', ...row(r.baseline)],
        [`${r.connections.toLocaleString('en-US')} connections stored (${r.seed_seconds} s)`, ...row(r.seeded)],
        [`after one call each (${r.call_seconds} s), 3 × GC over 3 s`, ...row(r.after_calls)],
        ...(r.idle ?? []).map((m: MemorySnapshot & { seconds: number }) => [`idle ${m.seconds} s after the calls, GC run`, ...row(m)]),
      ],
    ),
  ].join('\n')
}

process.on('SIGINT', () => void stopAll().then(() => process.exit(130)))
const started = Date.now()
const loadAtStart = os.loadavg()
try {
  const sections: string[] = []
  for (const [name, fn] of [['overhead', overhead], ['utilization', utilization], ['memory', memory], ['start', coldStart], ['quotas', quotasCost], ['calllog', callLogCost], ['insert', callLogInsertCost]] as const) {
    if (process.env.BENCH_ONLY && !process.env.BENCH_ONLY.split(',').includes(name)) continue
    const section = await fn()
    console.log(`\n${section}\n`)
    sections.push(section)
  }
  const cpus = os.cpus()
  const header = [
    `## ${new Date().toISOString()} — ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
    '',
    `Load average at the start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} (the machine is shared; all processes — load generator, gateway, simulator — share its cores). Total bench time ${Math.round((Date.now() - started) / 1000)} s.`,
  ].join('\n')
  // BENCH_APPEND=0: a trial run while working on the code, printed only.
  if (process.env.BENCH_APPEND !== '0') {
    await appendFile(new URL('./RESULTS.md', import.meta.url), `\n${header}\n\n${sections.join('\n\n')}\n`)
    console.log(`appended to bench/RESULTS.md (${Math.round((Date.now() - started) / 1000)} s)`)
  }
} finally {
  await stopAll()
}
