import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runPrintedCurl } from '../helpers/printed-curl.js'

/** Runs what `npm start` runs (scripts/start.mjs: src/server.ts bundled by esbuild) and waits for its banner. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 90 s:\n${output}`)), 90_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('API reference:')) {
        clearTimeout(timer)
        resolve({ child, output })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

describe('npm start', () => {
  const children: ChildProcess[] = []
  let dataDir = ''
  afterAll(async () => {
    await Promise.all(children.map(stop))
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('serves, seeds a demo tenant, and the printed curl commands return unified orders — also after a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kopru-start-'))
    for (const round of [1, 2]) {
      const { child, output } = await start({ KOPRU_DATA_DIR: join(dataDir, 'data') })
      children.push(child)
      expect(output).toMatch(/admin key: +kpr_admin_/)
      // Where the start-up time went, phase by phase (bench/cold-start.ts reads this line).
      const phases = JSON.parse(/^startup: (\{.*\})$/m.exec(output)![1]!) as Record<string, number>
      expect(Object.keys(phases)).toEqual(['transpile (esbuild)', 'node + modules', 'config + secrets', 'database open', 'migrations', 'simulators', 'gateway + listen', 'demo seed'])
      expect(output).toMatch(/tenant key: +kpr_live_/)
      const curls = output.split('\n').filter((line) => line.trim().startsWith('curl '))
      expect(curls.length).toBeGreaterThanOrEqual(5)
      const [list, open, one, products, inventory] = await Promise.all(curls.slice(0, 5).map(runPrintedCurl))
      expect(list!.status, `round ${round}`).toBe(200)
      const listed = (await list!.json()) as { data: { id: string; provider: string; total: { amount: string } }[] }
      expect(listed.data).toHaveLength(3)
      expect(listed.data[0]!.provider).toBe('trendyol')
      const opened = (await open!.json()) as { data: { status: string }[] }
      expect(opened.data.every((order) => order.status === 'open')).toBe(true)
      const single = (await one!.json()) as { id: string; order_number: string }
      expect(single.id).toBe(listed.data[0]!.id)
      expect(((await products!.json()) as { data: unknown[] }).data).toHaveLength(2)
      expect(inventory!.status).toBe(202)
      const job = (await inventory!.json()) as { id: string; items: { sku: string }[] }
      expect(job.items).toHaveLength(1)
      // The printed invoice curl turns the demo Trendyol order into an e-Arşiv invoice at the Paraşüt simulator
      // (after the restart, the same Idempotency-Key answers the stored invoice).
      const invoiceCurl = curls.find((line) => line.includes('/v1/invoices" '))
      expect(invoiceCurl, output).toBeDefined()
      const invoice = await runPrintedCurl(invoiceCurl!)
      const created = (await invoice.json()) as { id: string; document_type: string; status: string; order_ref: { order_id: string } }
      expect(invoice.status, JSON.stringify(created)).toBe(201)
      expect(created).toMatchObject({ document_type: 'e_arsiv', order_ref: { order_id: single.id } })
      expect(['issuing', 'issued']).toContain(created.status)
      // The printed follow-ups, with the id the call before them answered in place of `<id>`.
      const then = (path: string, id: string) => {
        const line = output.split('\n').find((l) => l.includes('then') && l.includes(`${path}/<id>`))!
        return runPrintedCurl(line.slice(line.indexOf('curl ')).replace('<id>', id))
      }
      expect((await then('/v1/inventory/jobs', job.id)).status).toBe(200)
      // "issued within seconds", as the banner says: asked again until it is (after the restart it already is).
      let issued = { status: '' }
      for (let tries = 0; tries < 30 && issued.status !== 'issued'; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 500))
        const answer = await then('/v1/invoices', created.id)
        expect(answer.status, `round ${round}: ${await answer.clone().text()}`).toBe(200)
        issued = (await answer.json()) as { status: string }
      }
      expect(issued.status).toBe('issued')
      await stop(child)
    }
  }, 240_000)
})
