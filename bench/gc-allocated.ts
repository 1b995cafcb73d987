/**
 * `npx tsx bench/gc-allocated.ts <file>`: bytes allocated per request by rung, from the stdout of
 * `LADDER_MARKS=1 node --expose-gc --trace-gc-nvp .bench-js/bench/edge-ladder.js …` (bench/edge-ladder.ts): the
 * `allocated=` of every collection between a rung's start and end marks (the end mark follows a forced collection,
 * so the interval's tail is counted), summed and divided by its requests; medians over the rounds.
 */
import { readFileSync } from 'node:fs'

const [file] = process.argv.slice(2)
if (!file) throw new Error('usage: gc-allocated.ts <file>')
const perRung = new Map<string, { bytes: number[]; pauses: number[] }>()
let open: { name: string; bytes: number; pause: number } | undefined
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const mark = /^MARK (start|end) (\S+)(?: (\d+))?/.exec(line)
  if (mark?.[1] === 'start') open = { name: mark[2]!, bytes: 0, pause: 0 }
  else if (mark?.[1] === 'end' && open) {
    const entry = perRung.get(open.name) ?? { bytes: [], pauses: [] }
    entry.bytes.push(open.bytes / Number(mark[3]))
    entry.pauses.push(open.pause / Number(mark[3]))
    perRung.set(open.name, entry)
    open = undefined
  } else if (open) {
    const allocated = /\ballocated=(\d+)/.exec(line)
    const pause = /\bpause=([\d.]+)/.exec(line)
    if (allocated) open.bytes += Number(allocated[1])
    if (pause) open.pause += Number(pause[1])
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log('| rung | bytes allocated per request (median) | GC pause µs per request | rounds |\n|---|---|---|---|')
for (const [name, { bytes, pauses }] of perRung) {
  console.log(`| ${name} | ${Math.round(median(bytes))} | ${(median(pauses) * 1000).toFixed(1)} | ${bytes.map((b) => Math.round(b)).join(', ')} |`)
}
