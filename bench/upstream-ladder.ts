/**
 * `npx tsx bench/upstream-ladder.ts [seconds-per-step]` (or `node .bench-js/bench/upstream-ladder.js` after
 * `tsc -p bench/tsconfig.json`, as the figures are taken): an ablation ladder of the upstream leg of
 * `GET /v1/orders/{id}`, main-thread CPU µs per call of each step alone, in process:
 *   json      JSON.parse of the Trendyol page the simulator sends (one package, 2.2 kB)
 *   zod       the page through its wire schema (trendyolPackagePage) by zod alone, on an already parsed value
 *   readWire  the same as the adapter reads it (the fast reader of wire-fast.ts, zod when it misses)
 *   mapping   toUnifiedOrder of the parsed package
 *   money     the five toDecimalString calls of a package (what `mapping` spends on amounts)
 *   runner    runner.run('getOrder') with an in-memory transport: every step above plus ctx.request()'s
 *             machinery (URL, headers, auth, timeout, breaker, metrics, call log), no socket
 *   undici    agent.request + body.text() against a child process serving the page over loopback: the socket
 *   wire      runner.run('getOrder') over the undici transport to that child: the whole upstream leg
 *   gateway   gateway.request('/v1/orders/{id}') with the in-memory transport: the edge added, no socket
 * One step at a time, 50 calls in flight for the asynchronous ones; CPU read from /proc for the main thread
 * only (the call log's database thread excluded). Linux only. KOPRU_CALL_LOG=off for an ablation; STEPS=zod,wire
 * runs only those.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { Agent } from 'undici'
import { toUnifiedOrder } from '../providers/trendyol/mapping.js'
import { createTrendyolSimulator } from '../providers/trendyol/simulator.js'
import { trendyolPackagePage } from '../providers/trendyol/wire.js'
import { createGateway } from '../src/app.js'
import { createKeyring } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { toDecimalString } from '../src/core/provider-kit/money.js'
import { readWire } from '../src/core/provider-kit/wire.js'
import { backgroundScope } from '../src/core/request-scope.js'
import type { Transport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import { createUndiciTransport } from '../src/node/undici-transport.js'
import { issueApiKey } from '../src/routes/admin.js'
import { mainThreadTicks } from './cpu-ticks.js'
import { fixed, table } from './cannon.js'

const seconds = Number(process.argv[2] ?? 2)
const sim = createTrendyolSimulator()
const pkg = sim.seller().packages[0]!
const page = JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] })

/** A child process answering every request with the page, so the socket's cost on our side shows alone. */
async function pageServer(): Promise<{ url: string; stop(): void }> {
  const code = `const http=require('node:http');const body=Buffer.from(process.argv[1]);
http.createServer((q,s)=>{q.resume();q.on('end',()=>{s.writeHead(200,{'content-type':'application/json','content-length':body.length});s.end(body)})})
.listen(0,'127.0.0.1',function(){console.log('READY '+this.address().port)})`
  const child = spawn(process.execPath, ['-e', code, page], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('READY ') && resolve(line.slice(6))))
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}

async function measure(name: string, op: () => unknown, inFlight = 1): Promise<(string | number)[]> {
  const until = (ms: number) => performance.now() + ms
  const loop = async (end: number) => {
    let count = 0
    const worker = async () => {
      while (performance.now() < end) {
        await op()
        count++
      }
    }
    await Promise.all(Array.from({ length: inFlight }, worker))
    return count
  }
  const syncLoop = (end: number) => {
    let count = 0
    while (performance.now() < end) for (let i = 0; i < 100; i++, count++) op()
    return count
  }
  const run = inFlight > 1 ? loop : async (end: number) => syncLoop(end)
  await run(until(500))
  globalThis.gc?.()
  const ticks = mainThreadTicks(process.pid)
  const count = await run(until(seconds * 1000))
  const us = ((mainThreadTicks(process.pid) - ticks) * 10_000) / count
  return [name, count, fixed(us, 2)]
}

const server = await pageServer()
const canned: Transport = async () => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: null, text: async () => page })
const undici = createUndiciTransport()
let transport: Transport = canned
const database = await openDatabase({ dataDir: 'memory://' })
const gateway = createGateway({
  db: database.db,
  keyring: await createKeyring([new Uint8Array(32).fill(7)]),
  adminKey: 'kpr_admin_bench_0123456789abcdef',
  env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: server.url },
  transport: (request) => transport(request),
  quotas: process.env.KOPRU_QUOTAS === 'on' ? 'on' : 'off',
  logger: createLogger({ level: 'warn' }),
  ...(process.env.KOPRU_CALL_LOG === 'off' && { callLog: { enabled: false } }),
  quotaOverrides: { trendyol: { orders: { limit: 1_000_000_000, intervalMs: 1000 } } },
})
try {
  await gateway.services.tenants.create({ id: 'ten_ladder', name: 'ladder', createdAt: new Date() })
  const { key } = await issueApiKey(gateway.services, 'ten_ladder')
  const credentials = { seller_id: '100200', api_key: 'k', api_secret: 's' }
  const connection = await gateway.services.connections.create({ tenantId: 'ten_ladder', provider: 'trendyol', credentials }, backgroundScope('req_ladder'))
  const headers = { authorization: `Bearer ${key}`, 'kopru-connection-id': connection.info.id }
  const id = String(pkg.id)
  const parsed = JSON.parse(page)
  const wire = trendyolPackagePage.parse(parsed).content[0]!
  const amounts = [wire.grossAmount, wire.totalPrice, ...wire.lines.flatMap((line) => [line.price, line.vatRate ?? 0])]
  const getOrder = () => gateway.services.runner.run('ten_ladder', connection.info.id, 'orders.get', { id }, backgroundScope('req_ladder'))
  const agent = new Agent({ connections: 64, pipelining: 1 })
  const steps: { name: string; op: () => unknown; inFlight?: number; over?: Transport }[] = [
    { name: 'json', op: () => JSON.parse(page) },
    { name: 'zod', op: () => trendyolPackagePage.parse(parsed) },
    { name: 'readWire', op: () => readWire(trendyolPackagePage, parsed, { provider: { id: 'trendyol', name: 'Trendyol' }, what: 'response' }) },
    { name: 'mapping', op: () => toUnifiedOrder(wire, connection.info.id, undefined, parsed.content[0]) },
    { name: 'money', op: () => amounts.map((amount) => toDecimalString(amount, 2)) },
    { name: 'runner', op: getOrder, inFlight: 50 },
    { name: 'undici', op: async () => (await agent.request({ origin: server.url, path: '/', method: 'GET' })).body.text(), inFlight: 50 },
    { name: 'wire', op: getOrder, inFlight: 50, over: undici },
    { name: 'gateway', op: async () => (await gateway.request(`http://kopru.local/v1/orders/${id}`, { headers })).arrayBuffer(), inFlight: 50 },
  ]
  const only = process.env.STEPS?.split(',')
  const rows: (string | number)[][] = []
  for (const step of steps.filter((s) => !only || only.includes(s.name))) {
    transport = step.over ?? canned
    rows.push(await measure(step.name, step.op, step.inFlight))
  }
  console.log(table(['step', 'calls', 'main-thread CPU µs per call'], rows))
  await agent.close()
} finally {
  await undici.close()
  server.stop()
  await gateway.services.close()
  await database.close()
}
process.exit(0)
