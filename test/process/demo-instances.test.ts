import { spawn, type ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../helpers/db.js'

interface DemoProcess {
  child: ChildProcess
  url: string
  apiKey: string
  connections: Record<string, string>
}

/** `npm start`-like demo instance on a shared database, read from its banner. */
function startDemo(env: Record<string, string>): Promise<DemoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'warn', KOPRU_DEMO: '1', KOPRU_DATA_DIR: 'memory://', KOPRU_ADMIN_KEY: 'kpr_admin_demo_instances_0123456789', KOPRU_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 110_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (!output.includes('API reference:')) return
      clearTimeout(timer)
      const url = /kopru is ready on (\S+)/.exec(output)![1]!
      const apiKey = /tenant key: (\S+)/.exec(output)![1]!
      const list = /connections \(Kopru-Connection-Id\): (.*)/.exec(output)![1]!
      const connections = Object.fromEntries(list.split(', ').map((pair) => pair.split(' ') as [string, string]))
      resolve({ child, url, apiKey, connections })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)))
  })
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

const soakMs = Number(process.env.KOPRU_DEMO_SOAK_MS ?? 0)

describe.skipIf(!process.env.DATABASE_URL)('two demo instances on one PostgreSQL', () => {
  it('one hosts the simulators and seeds, the other reuses them: every demo connection stays active under calls', { timeout: 240_000 + soakMs }, async () => {
    const database = await freshDatabase('demo2')
    const instances: DemoProcess[] = []
    try {
      instances.push(await startDemo(database.env))
      instances.push(await startDemo(database.env))
      const oauth = ['shopify', 'ebay', 'etsy', 'amazon']
      // A scaled-down run of the 10-minute check: rounds of calls on every OAuth demo connection from both instances.
      // KOPRU_DEMO_SOAK_MS=600000 keeps calling for the full 10 minutes.
      const until = Date.now() + soakMs
      let calls = 0
      for (let round = 0; round < 5 || Date.now() < until; round++) {
        if (soakMs > 0) await new Promise((resolve) => setTimeout(resolve, 2000))
        for (const instance of instances) {
          for (const provider of oauth) {
            const response = await fetch(`${instance.url}/v1/orders?limit=1`, {
              headers: { authorization: `Bearer ${instance.apiKey}`, 'kopru-connection-id': instance.connections[provider]! },
            })
            // A provider's own quota may say 429 (Amazon searchOrders: burst 20, then one call per ~3 min); the tokens must never go bad (409).
            expect([200, 429], `${provider} via ${instance.url}: ${await response.clone().text()}`).toContain(response.status)
            calls++
          }
        }
      }
      for (const instance of instances) {
        const listed = (await (await fetch(`${instance.url}/v1/connections?limit=50`, { headers: { authorization: `Bearer ${instance.apiKey}` } })).json()) as {
          data: { provider: string; status: string }[]
        }
        expect(listed.data.length).toBeGreaterThanOrEqual(oauth.length)
        expect(listed.data.filter((c) => c.status !== 'active')).toEqual([])
      }
      expect(instances[0]!.connections).toEqual(instances[1]!.connections)
      console.log(`two demo instances: ${calls} calls, every connection active`)
    } finally {
      await Promise.all(instances.map((i) => stop(i.child)))
      await database.drop()
    }
  })
})
