/**
 * The delivery worker inside real gateway processes (src/server.ts): SIGKILL in the middle of a batch and a
 * restart lose nothing, and two processes on one PostgreSQL never send the same attempt twice.
 */
import { freshDatabase } from '../helpers/db.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { ADMIN_KEY } from '../helpers/gateway.js'
import { testReceiver, type TestReceiver } from '../helpers/events.js'
import { serveSimulator } from '../helpers/simulators.js'

const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
const ENCRYPTION_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))
const sellers = [1, 2, 3].map((n) => ({ sellerId: `66600${n}`, apiKey: `crashKey${n}`, apiSecret: `crashSecret${n}`, packages: [] }))

interface Server {
  child: ChildProcess
  url: string
  output: () => string
}

/**
 * Spawns `./node_modules/.bin/tsx src/server.ts` in its own process group (pitfall P12: tsx runs the server in a
 * child process, so a SIGKILL must go to the whole group or the real server survives as an orphan).
 */
function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(tsx, ['src/server.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      KOPRU_DEMO: '0',
      LOG_LEVEL: 'debug',
      KOPRU_ADMIN_KEY: ADMIN_KEY,
      KOPRU_ENCRYPTION_KEY: ENCRYPTION_KEY,
      KOPRU_DELIVERY_INTERVAL_MS: '25',
      KOPRU_POLL_INTERVAL_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not listening within 45 s:\n${output.slice(-3000)}`)), 45_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((candidate) => candidate.includes('"msg":"kopru listening"'))
      if (line) {
        clearTimeout(timer)
        resolve({ child, url: (JSON.parse(line) as { url: string }).url, output: () => output })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`))
    })
  })
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))

async function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // already gone
  }
  await exited(child)
}

async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const admin = (server: Server, path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

async function tenantWithEndpoint(server: Server, receiver: TestReceiver) {
  const tenant = (await (await admin(server, '/admin/tenants', { name: 'Crash test' })).json()) as { id: string }
  const { key } = (await (await admin(server, `/admin/tenants/${tenant.id}/api-keys`, {})).json()) as { key: string }
  const endpoint = await fetch(`${server.url}/v1/webhook-endpoint`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: receiver.url }),
  })
  receiver.useSecret(((await endpoint.json()) as { secret: string }).secret)
  return key
}

async function createConnection(server: Server, key: string, seller: (typeof sellers)[number]) {
  const response = await fetch(`${server.url}/v1/connections`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
  })
  if (response.status !== 201) throw new Error(`connection: ${response.status} ${await response.text()}`)
}

async function listEvents(server: Server, key: string) {
  const response = await fetch(`${server.url}/v1/events?limit=200`, { headers: { authorization: `Bearer ${key}` } })
  return ((await response.json()) as { data: { id: string; type: string; delivery: { status: string } }[] }).data
}


describe('delivery across process crashes and instances', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  const servers: Server[] = []
  const cleanups: (() => Promise<void>)[] = []

  beforeAll(async () => {
    sim = await serveSimulator(createTrendyolSimulator({ sellers }))
  })
  afterAll(async () => {
    for (const server of servers) await killGroup(server.child, 'SIGTERM')
    for (const cleanup of cleanups) await cleanup().catch(() => {})
    await sim.server.close()
  })

  it('SIGKILL in the middle of a batch, restart: every event arrives, the deduplicating receiver sees each once', async () => {
    const db = await freshDatabase('crash')
    cleanups.push(db.drop)
    const receiver = await testReceiver({ delayMs: 800 })
    cleanups.push(receiver.close)
    const env = {
      ...db.env,
      KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url,
      KOPRU_DELIVERY_BATCH_SIZE: '4',
      KOPRU_DELIVERY_TIMEOUT_MS: '2000',
      KOPRU_DELIVERY_LEASE_MS: '2500',
    }
    const first = await startServer(env)
    servers.push(first)
    const key = await tenantWithEndpoint(first, receiver)
    const total = 12
    for (let i = 0; i < total; i++) await createConnection(first, key, sellers[i % sellers.length]!)
    await waitFor('a batch in flight after the first ones were handled', () => receiver.handled.length >= 4 && receiver.inflight > 0)
    // Read at the moment the signal goes out: the receiver is still holding a delivery of this batch.
    const handledAtKill = receiver.handled.length
    const inflightAtKill = receiver.inflight
    await killGroup(first.child, 'SIGKILL')
    expect(handledAtKill).toBeLessThan(total)
    expect(inflightAtKill).toBeGreaterThan(0)

    const second = await startServer(env)
    servers.push(second)
    await waitFor('every event delivered', async () => (await listEvents(second, key)).every((e) => e.delivery.status === 'delivered'))
    const events = (await listEvents(second, key)).filter((e) => e.type === 'connection.created')
    expect(events).toHaveLength(total)
    const handled = receiver.handled.map((e) => e.id)
    expect(new Set(handled).size).toBe(handled.length) // each exactly once after dedupe on webhook-id
    expect(new Set(handled)).toEqual(new Set(events.map((e) => e.id)))
    const sent = receiver.attempts.filter((a) => a.status === 204).length
    console.log(`crash test: ${total} events, handled ${handledAtKill} before SIGKILL with ${inflightAtKill} in flight; ${sent} deliveries in all (${sent - total} duplicates absorbed by the receiver)`)
    await killGroup(second.child, 'SIGTERM')
  }, 150_000)

  it.skipIf(!process.env.DATABASE_URL)('two gateway processes on one PostgreSQL never deliver the same attempt twice', async () => {
    const db = await freshDatabase('pair')
    cleanups.push(db.drop)
    const receiver = await testReceiver({ delayMs: 40 })
    cleanups.push(receiver.close)
    const env = { ...db.env, KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url, KOPRU_DELIVERY_BATCH_SIZE: '3', KOPRU_DELIVERY_INTERVAL_MS: '10' }
    const a = await startServer(env) // migrates first; the second finds the schema in place
    servers.push(a)
    const b = await startServer(env)
    servers.push(b)
    const key = await tenantWithEndpoint(a, receiver)
    const total = 30
    for (let i = 0; i < total; i++) await createConnection(i % 2 ? a : b, key, sellers[i % sellers.length]!)
    await waitFor('every event delivered', async () => (await listEvents(a, key)).filter((e) => e.delivery.status === 'delivered').length === total)
    await new Promise((resolve) => setTimeout(resolve, 300)) // room for a (wrong) second delivery to show up
    const ids = receiver.attempts.map((attempt) => attempt.id)
    expect(ids).toHaveLength(total)
    expect(new Set(ids).size).toBe(total)
    const claimedBy = (server: Server) =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('"msg":"delivery pass"'))
        .reduce((sum, line) => sum + (JSON.parse(line) as { claimed: number }).claimed, 0)
    const [fromA, fromB] = [claimedBy(a), claimedBy(b)]
    expect(fromA + fromB).toBe(total)
    expect(fromA).toBeGreaterThan(0)
    expect(fromB).toBeGreaterThan(0)
    console.log(`two instances: ${total} events, ${fromA} sent by one process and ${fromB} by the other, 0 duplicates`)
  }, 150_000)
})
