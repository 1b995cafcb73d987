/** Bench servers run as child processes (bench/serve.ts) that print one `READY {json}` line once they listen. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

const children: ChildProcess[] = []

/** Runs `script` with tsx, or with plain Node when it is already JavaScript (a bundle from scripts/bundle.mjs). */
export function start(script: string, args: string[], marker = 'READY', extraNodeArgs: string[] = []): Promise<{ info: any; child: ChildProcess }> {
  const runner = script.endsWith('.mjs') ? process.execPath : './node_modules/.bin/tsx'
  const child = spawn(runner, [...extraNodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
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
