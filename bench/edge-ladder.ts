/**
 * `npx tsx bench/edge-ladder.ts [requests] [rounds]`: the ablation ladder of the HTTP edge (bench/edge-rungs.ts) —
 * CPU µs per `GET /v1/orders/{id}` in process (`app.request()`, no sockets), each rung in turn, alternated rounds.
 * The difference between two rungs is what that step costs; `gateway − auth` is everything behind the edge
 * (connection lookup, pipeline, upstream call, translation, call log). Medians of the rounds. Run compiled, under the
 * lock: `tsc -p bench/tsconfig.json && flock /tmp/bench.lock node --expose-gc .bench-js/bench/edge-ladder.js 10000 4`.
 * LADDER_ONLY=request,auth runs only those rungs (e.g. under --cpu-prof). LADDER_MARKS=1 with `--trace-gc-nvp` and
 * stdout to a file: bytes allocated per request by rung, which the load of the machine does not move —
 * `LADDER_MARKS=1 node --expose-gc --trace-gc-nvp .bench-js/bench/edge-ladder.js 10000 2 > out; npx tsx bench/gc-allocated.ts out`.
 */
import { cpuPerRequest, median, runRequests } from './edge-run.js'
import { edgeRungs } from './edge-rungs.js'

const total = Number(process.argv[2] ?? 20_000)
const rounds = Number(process.argv[3] ?? 5)
const { rungs: all, url, headers, close } = await edgeRungs()
const only = process.env.LADDER_ONLY?.split(',')
const marks = process.env.LADDER_MARKS === '1'
const rungs = only ? all.filter(([name]) => only.includes(name)) : all

const figures = new Map<string, number[]>(rungs.map(([name]) => [name, []]))
for (const [, app] of rungs) await runRequests(app, url, headers, Math.min(5_000, total))
for (let r = 0; r < rounds; r++) {
  for (const [name, app] of r % 2 === 0 ? rungs : [...rungs].reverse()) {
    globalThis.gc?.()
    if (marks) console.log(`MARK start ${name}`)
    figures.get(name)!.push(await cpuPerRequest(app, url, headers, total))
    if (marks) {
      globalThis.gc?.()
      console.log(`MARK end ${name} ${total}`)
    }
  }
}
let previous = 0
console.log('| rung | CPU µs per request (median) | step µs | rounds |\n|---|---|---|---|')
for (const [name] of rungs) {
  const us = median(figures.get(name)!)
  console.log(`| ${name} | ${us.toFixed(1)} | ${previous ? (us - previous).toFixed(1) : '—'} | ${figures.get(name)!.map((x) => x.toFixed(1)).join(', ')} |`)
  previous = us
}
await close()
process.exit(0)
