/**
 * `node .bench-js/bench/alloc-profile.js [rung] [requests]`: where a rung of bench/edge-rungs.ts allocates, by
 * function (V8's sampling heap profiler with collected objects kept, so every allocation counts, not only the
 * survivors): self bytes per request, top functions. Run compiled, under the lock.
 */
import { Session } from 'node:inspector/promises'
import { runRequests } from './edge-run.js'
import { edgeRungs } from './edge-rungs.js'

const [rungName = 'gateway', count = '20000'] = process.argv.slice(2)
const { rungs, url, headers, close } = await edgeRungs()
const app = rungs.find(([name]) => name === rungName)![1]
await runRequests(app, url, headers, 5000)
const session = new Session()
session.connect()
await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
await runRequests(app, url, headers, Number(count))
const { profile } = await session.post('HeapProfiler.stopSampling')

interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const self = new Map<string, number>()
let total = 0
const frame = ({ callFrame: f }: Node) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(\.bench-js|node_modules)\//, '')}:${f.lineNumber + 1}`
// STACK=n: the n innermost frames name an allocation instead of its function alone.
const depth = Number(process.env.STACK ?? 1)
const walk = (node: Node, stack: string[]) => {
  const frames = [frame(node), ...stack].slice(0, depth)
  const key = frames.join(' < ')
  self.set(key, (self.get(key) ?? 0) + node.selfSize)
  total += node.selfSize
  for (const child of node.children) walk(child, frames)
}
walk(profile.head as unknown as Node, [])
const per = (bytes: number) => Math.round(bytes / Number(count))
console.log(`${rungName}: ${per(total)} bytes per request sampled`)
console.log('| function | bytes per request |\n|---|---|')
for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.ROWS ?? 45))) console.log(`| ${key} | ${per(bytes)} |`)
await close()
process.exit(0)
