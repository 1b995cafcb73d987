import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { ADMIN_KEY, TEST_KEY } from './gateway.js'

export const TEST_KEY_BASE64 = Buffer.from(TEST_KEY).toString('base64')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface GatewayProcess {
  url: string
  pid: number
  child: ChildProcess
  output: string[]
  exited: Promise<number | null>
  stop(): Promise<void>
}

/**
 * Runs `src/server.ts` as its own OS process. `node --import tsx` keeps the server in that one process, so
 * the PID is the server's own and SIGKILL really kills it (the `tsx` binary forwards SIGTERM to a child but
 * a SIGKILL would orphan that child: pitfall P12). DATABASE_URL empty means PGlite in `dataDir`.
 */
export async function startGatewayProcess({ env, port, dataDir = 'memory://' }: { env: Record<string, string>; port?: number; dataDir?: string }): Promise<GatewayProcess> {
  const listenPort = port ?? (await freePort())
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(listenPort),
      KOPRU_DEMO: '0',
      KOPRU_DATA_DIR: dataDir,
      KOPRU_ADMIN_KEY: ADMIN_KEY,
      KOPRU_ENCRYPTION_KEY: TEST_KEY_BASE64,
      KOPRU_PUBLIC_URL: `http://127.0.0.1:${listenPort}`,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway process did not start:\n${output.join('')}`)), 45_000)
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString())
      if (output.join('').includes('"msg":"kopru listening"')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`gateway process exited (${code}):\n${output.join('')}`))
    })
  })
  return {
    url: `http://127.0.0.1:${listenPort}`,
    pid: child.pid!,
    child,
    output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** The hosted connect flow over real HTTP against a gateway process (no browser). */
export async function connectOverHttp(baseUrl: string, apiKey: string, provider: string, form: Record<string, string> = {}) {
  const created = await fetch(`${baseUrl}/v1/connect/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ provider, redirect_url: 'https://app.example/done' }),
  })
  const session = (await created.json()) as { url: string }
  const page = await fetch(session.url)
  const cookie = page.headers.get('set-cookie')!.split(';')[0]!
  const started = await fetch(`${session.url}/authorize`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  })
  const authorize = new URL(started.headers.get('location')!)
  const decision = new URLSearchParams(authorize.searchParams)
  decision.set('decision', 'allow')
  const consented = await fetch(`${authorize.origin}${authorize.pathname}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: decision.toString(), redirect: 'manual' })
  const done = await fetch(consented.headers.get('location')!, { headers: { cookie }, redirect: 'manual' })
  const connectionId = new URL(done.headers.get('location')!).searchParams.get('connection_id')
  if (!connectionId) throw new Error(`connect over HTTP failed: ${done.headers.get('location')}`)
  return connectionId
}

/** A tenant and API key through the admin API of a running gateway. */
export async function tenantOverHttp(baseUrl: string) {
  const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }
  const tenant = (await (await fetch(`${baseUrl}/admin/tenants`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Process tenant' }) })).json()) as { id: string }
  const key = (await (await fetch(`${baseUrl}/admin/tenants/${tenant.id}/api-keys`, { method: 'POST', headers: admin, body: '{}' })).json()) as { key: string }
  return { id: tenant.id, apiKey: key.key }
}
