/**
 * Bench servers run as child processes (bench/serve.ts) that print one `READY {json}` line once they listen.
 * They run as JavaScript compiled by tsc (bench/tsconfig.json → .bench-js/), the way an operator runs the
 * published package (`dist/`), not through tsx's loader, whose per-closure `__name` wrapping and source-map
 * hooks are a development cost; BENCH_TSX=1 runs the TypeScript sources through tsx instead.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync } from 'node:fs'
import { createInterface } from 'node:readline'

const children: ChildProcess[] = []
const compiledDir = '.bench-js'
let compiled = false

/** tsc once per bench run (incremental: seconds when nothing changed), plus the migrations the gateway reads. */
function compileOnce() {
  if (compiled) return
  execFileSync('./node_modules/.bin/tsc', ['-p', 'bench/tsconfig.json'], { stdio: 'inherit' })
  cpSync('drizzle', `${compiledDir}/drizzle`, { recursive: true })
  compiled = true
}

function command(script: string, extraNodeArgs: string[]): [string, string[]] {
  if (process.env.BENCH_TSX === '1') return ['./node_modules/.bin/tsx', [...extraNodeArgs, script]]
  compileOnce()
  return [process.execPath, [...extraNodeArgs, `${compiledDir}/${script.replace(/\.ts$/, '.js')}`]]
}

export function start(script: string, args: string[], marker = 'READY', extraNodeArgs: string[] = []): Promise<{ info: any; child: ChildProcess }> {
  const [bin, argv] = command(script, extraNodeArgs)
  const child = spawn(bin, [...argv, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (line.startsWith(`${marker} `)) resolve({ info: JSON.parse(line.slice(marker.length + 1)), child })
    })
    child.on('exit', (code) => reject(new Error(`${script} ${args[0] ?? ''} exited with ${code} before ${marker}`)))
  })
}

export const serve = async (role: string, options: Record<string, unknown> = {}, nodeArgs: string[] = []) =>
  (await start('bench/serve.ts', [role, JSON.stringify(options)], 'READY', nodeArgs)).info

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

export async function stopAll() {
  await Promise.all(children.map(stop))
  children.length = 0
}
