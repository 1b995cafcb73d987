import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runPrintedCurl } from '../helpers/printed-curl.js'
import { freshDatabase } from '../helpers/db.js'
import { freePort } from '../helpers/workerd.js'

const databaseUrl = process.env.DATABASE_URL

describe.skipIf(!databaseUrl)('npm run dev:edge', () => {
  let child: ChildProcess | undefined
  let scratch: Awaited<ReturnType<typeof freshDatabase>> | undefined
  let dataDir = ''
  afterAll(async () => {
    if (child && child.exitCode === null) {
      // The whole process group (tsx, the script, wrangler, workerd): after a failed run a workerd outlived the
      // script and kept a core busy for the rest of the session. SIGKILL if it has not gone within 10 s.
      const group = -child.pid!
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(group, name)
        } catch {
          // the group is gone already
        }
      }
      await new Promise<void>((resolve) => {
        const force = setTimeout(resolve, 10_000)
        child!.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        signal('SIGTERM')
      })
      signal('SIGKILL')
    }
    await scratch?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('serves the Worker from workerd with the simulators, and its printed curl lines answer unified data', async () => {
    scratch = await freshDatabase('devedge')
    dataDir = await mkdtemp(join(tmpdir(), 'kopru-devedge-'))
    const port = await freePort()
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
    child = spawn(tsx, ['scripts/dev-edge.ts'], {
      env: { ...process.env, DATABASE_URL: scratch.env.DATABASE_URL, PORT: String(port), KOPRU_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 120 s:\n${output}`)), 120_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('API reference:')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child!.stdout!.on('data', onData)
      child!.stderr!.on('data', onData)
      child!.on('exit', (code) => reject(new Error(`dev:edge exited with ${code}:\n${output}`)))
    })
    expect(output).toContain(`kopru (Cloudflare Worker in workerd) is ready on http://127.0.0.1:${port}`)
    expect(output).toMatch(/tenant key: +kpr_live_/)
    const curls = output.split('\n').filter((line) => line.trim().startsWith('curl -s') && line.includes('/v1/'))
    expect(curls.length).toBeGreaterThanOrEqual(3)
    for (const line of curls) {
      const response = await runPrintedCurl(line)
      expect(response.status, line).toBe(200)
    }
    const orders = (await (await runPrintedCurl(curls[0]!)).json()) as { data: { provider: string }[] }
    expect(orders.data[0]?.provider).toBe('trendyol')
    const tick = await fetch(`http://127.0.0.1:${port}/__scheduled?cron=*+*+*+*+*`)
    expect(tick.status).toBe(200)
  }, 180_000)
})
