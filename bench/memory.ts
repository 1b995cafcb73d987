/**
 * Memory with N connections each used once (default 100,000): every connection has its own Trendyol
 * credentials (so its own quota limiter) and makes one unified `GET /v1/orders/{id}` through the whole
 * gateway (auth, connection lookup + decrypt, quota slot, breaker, metrics). The provider is answered by
 * an in-process transport with a canned Trendyol page, so only the gateway's memory is measured.
 * Prints `RESULT {json}`.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import v8 from 'node:v8'
import { createGateway } from '../src/app.js'
import { createKeyring } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import type { Transport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import { tuneHeapForServer } from '../src/node/heap-tuning.js'
import type { Database } from '../src/db/types.js'
import { connections } from '../src/db/schema.js'
import { issueApiKey } from '../src/routes/admin.js'
import { createTrendyolSimulator } from '../providers/trendyol/simulator.js'
import { createScratchDatabase, dropScratchDatabase } from './scratch-db.js'

const count = Number(process.argv[2] ?? 100_000)
// As the Node entry (src/server.ts) does.
tuneHeapForServer()
const keyring = await createKeyring([new Uint8Array(32).fill(5)])
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
const snapshot = () => {
  globalThis.gc?.()
  const usage = process.memoryUsage()
  // What RSS is made of: the JS heap (used and reserved), memory outside it that V8 knows of (buffers,
  // array buffers), and the rest (code, the allocator's retained pages, native libraries).
  return {
    rss_mb: mb(usage.rss),
    heap_used_mb: mb(usage.heapUsed),
    heap_total_mb: mb(usage.heapTotal),
    external_mb: mb(usage.external),
    array_buffers_mb: mb(usage.arrayBuffers),
    spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, [mb(s.space_used_size), mb(s.space_size)]])),
    smaps: smaps(),
  }
}

/** Resident memory by kind (Linux): anonymous (heaps, malloc) and file-backed (the node binary, libraries). */
function smaps() {
  try {
    const text = readFileSync('/proc/self/smaps_rollup', 'utf8')
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
    return { anonymous_mb: Math.round(kb('Anonymous') / 1024), file_mb: Math.round((kb('Rss') - kb('Anonymous')) / 1024) }
  } catch {
    return undefined
  }
}

const sim = createTrendyolSimulator()
const pkg = sim.seller().packages[0]!
const page = JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] })
const canned: Transport = async () => {
  const body = new TextEncoder().encode(page)
  return {
    status: 200,
    headers: new Headers({ 'content-type': 'application/json' }),
    body: new Response(body).body,
    text: async () => page,
  }
}

function connectionId(i: number) {
  return `conn_mem${i.toString(36).padStart(8, '0')}`
}

async function insertConnections(db: Database, total: number) {
  for (let start = 0; start < total; start += 1000) {
    const rows = []
    for (let i = start; i < Math.min(total, start + 1000); i++) {
      const credentials = { seller_id: String(100_000 + i), api_key: `key${i}`, api_secret: `secret${i}` }
      rows.push({
        id: connectionId(i),
        tenantId: 'ten_mem',
        provider: 'trendyol',
        environment: 'production',
        credentials: await keyring.encrypt(JSON.stringify(credentials)),
      })
    }
    await db.insert(connections).values(rows)
  }
}

// `memory.ts seed N URL`: the seeding process (see below); the tenant exists already.
if (process.argv[2] === 'seed') {
  const seeding = await openDatabase({ url: process.argv[4], dataDir: 'memory://' })
  await insertConnections(seeding.db, Number(process.argv[3]))
  await seeding.close()
  process.exit(0)
}

// With DATABASE_URL the rows live in PostgreSQL (a scratch database, dropped at the end), so the RSS
// below is the gateway's alone and the run is several times faster than on embedded PGlite.
const serverUrl = process.env.DATABASE_URL
const scratch = `kopru_bench_memory_${process.pid}`
const databaseUrl = serverUrl ? await createScratchDatabase(serverUrl, scratch) : undefined
const database = await openDatabase({ url: databaseUrl, dataDir: 'memory://' })
const gateway = createGateway({
  db: database.db,
  keyring,
  adminKey: 'kpr_admin_bench_0123456789abcdef',
  transport: canned,
  quotas: process.env.KOPRU_QUOTAS === 'off' ? 'off' : 'on',
  logger: createLogger({ level: 'error' }),
})
await gateway.services.tenants.create({ id: 'ten_mem', name: 'memory', createdAt: new Date() })
const { key } = await issueApiKey(gateway.services, 'ten_mem')
const baseline = snapshot()

const ids = Array.from({ length: count }, (_, i) => connectionId(i))
const seedStarted = performance.now()
if (databaseUrl) {
  // Another process stores the rows, as connections are made over months through the API and not in a burst
  // by the gateway itself: encrypting and inserting 100k rows here left ~100 MB of the seeding's garbage in
  // this process's RSS, which is not what serving them costs.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'seed', String(count), databaseUrl], { stdio: 'inherit' })
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding exited with ${code}`))))
  })
} else {
  await insertConnections(database.db, count)
}
const seeded = snapshot()
const seedSeconds = (performance.now() - seedStarted) / 1000

const callsStarted = performance.now()
let next = 0
let failures = 0
async function worker() {
  while (next < ids.length) {
    const id = ids[next++]!
    const response = await gateway.request(`/v1/orders/${pkg.id}`, {
      headers: { authorization: `Bearer ${key}`, 'kopru-connection-id': id },
    })
    if (response.status !== 200) failures++
    await response.arrayBuffer()
  }
}
await Promise.all(Array.from({ length: database.kind === 'postgres' ? 64 : 32 }, worker))
const callSeconds = (performance.now() - callsStarted) / 1000
// V8 returns the pages a burst made it reserve only after full collections with the program idle; an
// operator's process after a burst sees the same within seconds.
for (let i = 0; i < 3; i++) {
  globalThis.gc?.()
  await new Promise((resolve) => setTimeout(resolve, 1000))
}
const afterCalls = snapshot()
// What is live at the moment the bound is judged (the snapshot itself disturbs the idle figures below).
if (process.env.BENCH_HEAP_SNAPSHOT) v8.writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT)
// And once V8's memory reducer has had its turn: it starts ~8 s after the last full collection when the
// allocation rate is low and compacts the old generation (what a process sees a little after a burst).
const idle: ({ seconds: number } & ReturnType<typeof snapshot>)[] = []
for (const seconds of [10, 20, 30]) {
  await new Promise((resolve) => setTimeout(resolve, (seconds - (idle.at(-1)?.seconds ?? 3)) * 1000))
  idle.push({ seconds, ...snapshot() })
}

console.log(
  `RESULT ${JSON.stringify({
    connections: count,
    failures,
    seed_seconds: Math.round(seedSeconds * 10) / 10,
    call_seconds: Math.round(callSeconds * 10) / 10,
    calls_per_second: Math.round(count / callSeconds),
    baseline,
    seeded,
    after_calls: afterCalls,
    idle,
    gc_exposed: typeof globalThis.gc === 'function',
    database: database.kind,
  })}`,
)
await gateway.services.close()
await database.close()
if (serverUrl) await dropScratchDatabase(serverUrl, scratch)
process.exit(0)
