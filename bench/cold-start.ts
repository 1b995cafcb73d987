/**
 * Cold start as a new user meets it: `npm start` (scripts/start.mjs: esbuild bundles src/server.ts, Node runs
 * it) on a fresh data directory and an empty temp folder (TMPDIR pointed at a new folder, as on a machine
 * that never ran kopru), until "kopru is ready".
 * The server prints where its time went (`startup:` line); this collects it, then a warm restart on the
 * same data directory for contrast.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { table } from './cannon.js'

interface Start {
  wallMs: number
  readyMs: number
  phases: Record<string, number>
}

function startOnce(env: Record<string, string>): Promise<Start> {
  const began = performance.now()
  const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
  return new Promise((resolve, reject) => {
    let phases: Record<string, number> = {}
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (line.startsWith('startup: ')) phases = JSON.parse(line.slice('startup: '.length))
      const ready = /kopru is ready on \S+ in (\d+) ms/.exec(line)
      if (!ready) return
      result = { wallMs: performance.now() - began, readyMs: Number(ready[1]), phases }
      process.kill(-child.pid!, 'SIGTERM')
    })
    let result: Start | undefined
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`npm start exited with ${code} before it was ready`))))
  })
}

export async function coldStart() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'kopru-cold-'))
  // DATABASE_URL emptied: the memory bench of the same run may use PostgreSQL, a newcomer's `npm start` does not.
  const env = { KOPRU_DATA_DIR: path.join(scratch, 'data'), TMPDIR: path.join(scratch, 'tmp'), PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' }
  await import('node:fs/promises').then((fs) => fs.mkdir(env.TMPDIR, { recursive: true }))
  try {
    const cold = await startOnce(env)
    const warm = await startOnce(env)
    const names = [...new Set([...Object.keys(cold.phases), ...Object.keys(warm.phases)])]
    return [
      '### Start-up (`npm start`, demo mode, PGlite)',
      '',
      'Cold: a fresh data directory (template copy, migrations, demo seed) and an empty TMPDIR. Warm: the same directory started again. Wall = from spawning `npm start` to the ready line (includes npm and Node start-up); phases are what the server measured itself.',
      '',
      table(
        ['', 'cold ms', 'warm ms'],
        [
          ['wall (spawn → ready)', Math.round(cold.wallMs), Math.round(warm.wallMs)],
          ['ready line', cold.readyMs, warm.readyMs],
          ...names.map((name) => [name, cold.phases[name] ?? '—', warm.phases[name] ?? '—']),
        ],
      ),
    ].join('\n')
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
