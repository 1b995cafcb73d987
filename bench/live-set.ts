/**
 * `npx tsx bench/live-set.ts [route] [target]`: what the in-flight requests hold. One gateway (or the minimal
 * `baseline`) under autocannon load against the bench simulator writes a heap snapshot mid-load (only reachable
 * objects: the snapshot collects first) and another once idle; the difference, grouped by what V8 calls each object
 * (constructor, closure name, string / concatenated string, array…), divided by the connections, is the live set
 * per in-flight request. Run under the lock: `flock /tmp/bench.lock npx tsx bench/live-set.ts order`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { warmUp } from './cannon.js'
import { start, stopAll } from './processes.js'

const [routeName = 'order', role = 'gateway'] = process.argv.slice(2)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const dir = '/tmp/kopru-live-set'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Group {
  count: number
  bytes: number
  /** Strings: how many of each text (its first 60 characters). */
  texts?: Map<string, number>
}

/** Self sizes by what an object is: strings by type and length, plain objects and contexts by their keys, closures by place. */
function groups(file: string): Map<string, Group> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'))
  const { node_fields: fields, node_types: nodeTypes, edge_fields: edgeFields, edge_types: edgeTypes } = snapshot.snapshot.meta
  const width: number = fields.length
  const edgeWidth: number = edgeFields.length
  const at = (f: string) => fields.indexOf(f) as number
  const nodes: number[] = snapshot.nodes
  const edges: number[] = snapshot.edges
  const strings: string[] = snapshot.strings
  const firstEdge: number[] = []
  for (let i = 0, e = 0; i < nodes.length; i += width) {
    firstEdge.push(e)
    e += nodes[i + at('edge_count')]! * edgeWidth
  }
  const type = (i: number): string => nodeTypes[0][nodes[i + at('type')]!]
  const name = (i: number): string => strings[nodes[i + at('name')]!]!
  const named = (i: number) => {
    const out: [string, string, number][] = []
    for (let e = firstEdge[i / width]!, n = 0; n < nodes[i + at('edge_count')]!; n++, e += edgeWidth) {
      const kind = edgeTypes[0][edges[e]!] as string
      const label = kind === 'element' || kind === 'hidden' ? String(edges[e + 1]) : strings[edges[e + 1]!]!
      out.push([kind, label, edges[e + 2]!])
    }
    return out
  }
  const edge = (i: number, label: string) => named(i).find(([, l]) => l === label)?.[2]
  const place = (closure: number): string => {
    const script = edge(edge(closure, 'shared') ?? closure, 'script_or_debug_info')
    const source = script === undefined ? undefined : edge(script, 'name')
    const file = source === undefined ? '?' : name(source).replace(/^.*\/(\.bench-js|node_modules)\//, '')
    return `${name(closure) || '(anonymous)'} ${file}`
  }
  const label = (i: number): string => {
    const t = type(i)
    const size = nodes[i + at('self_size')]!
    if (t.includes('string')) return `${t}:${size < 256 ? '<256 B' : size < 4096 ? '256 B–4 kB' : '≥4 kB'}`
    if (t === 'object' && name(i) === 'Object') return `Object{${named(i).filter(([k]) => k === 'property').map(([, l]) => l).slice(0, 6).join(',')}}`
    if (t === 'object' && name(i) === 'system / Context') return `Context{${named(i).filter(([k]) => k === 'context').map(([, l]) => l).slice(0, 6).join(',')}}`
    if (t === 'closure') return `closure:${place(i)}`
    if (t === 'object' && name(i) === 'Generator') {
      const fn = edge(i, 'function')
      return `async frame:${fn === undefined ? '?' : place(fn)}`
    }
    return `${t}:${name(i).slice(0, 60)}`
  }
  if (process.env.LIVE_RETAINERS) retainers(nodes, edges, width, edgeWidth, firstEdge, (i) => label(i).startsWith(process.env.LIVE_RETAINERS!) && (!process.env.LIVE_TEXT || name(i).startsWith(process.env.LIVE_TEXT)), label, (e) => {
    const kind = edgeTypes[0][edges[e]!] as string
    return kind === 'element' || kind === 'hidden' ? `[${edges[e + 1]}]` : `.${strings[edges[e + 1]!]}`
  }, (e) => edgeTypes[0][edges[e]!] === 'weak')
  const out = new Map<string, Group>()
  for (let i = 0; i < nodes.length; i += width) {
    const t = type(i)
    if (t === 'code') continue
    const key = label(i)
    const group = out.get(key) ?? { count: 0, bytes: 0, texts: t.includes('string') ? new Map() : undefined }
    group.count++
    group.bytes += nodes[i + at('self_size')]!
    if (group.texts) group.texts.set(name(i).slice(0, 60), (group.texts.get(name(i).slice(0, 60)) ?? 0) + 1)
    out.set(key, group)
  }
  return out
}

/** The shortest path from the roots (weak edges left out) to each of up to five nodes `pick` chooses. */
function retainers(nodes: number[], edges: number[], width: number, edgeWidth: number, firstEdge: number[], pick: (i: number) => boolean, label: (i: number) => string, edgeName: (e: number) => string, weak: (e: number) => boolean) {
  const parent = new Map<number, [number, number]>([[0, [-1, -1]]])
  let level = [0]
  while (level.length) {
    const next: number[] = []
    for (const i of level) {
      const n = i / width
      const end = n + 1 < firstEdge.length ? firstEdge[n + 1]! : edges.length
      for (let e = firstEdge[n]!; e < end; e += edgeWidth) {
        const to = edges[e + 2]!
        if (parent.has(to) || weak(e)) continue
        parent.set(to, [i, e])
        next.push(to)
      }
    }
    level = next
  }
  let shown = 0
  for (let i = 0; i < nodes.length && shown < Number(process.env.LIVE_PATHS ?? 5); i += width) {
    if (!pick(i) || !parent.has(i)) continue
    shown++
    const path: string[] = []
    for (let at = i; at > 0; ) {
      const [from, e] = parent.get(at)!
      path.push(`${label(at)}  ←${edgeName(e)}`)
      at = from
    }
    console.log(`\npath to ${label(i)}:\n  ${path.reverse().join('\n  ')}`)
  }
}

async function snapshotOf(pid: number): Promise<string> {
  const before = new Set(readdirSync(dir))
  process.kill(pid, 'SIGUSR2')
  for (;;) {
    await sleep(500)
    const file = readdirSync(dir).find((name) => !before.has(name) && name.endsWith('.heapsnapshot'))
    // Written in one go; its size settles once V8 is done.
    if (file && (await settled(`${dir}/${file}`))) return `${dir}/${file}`
  }
}

async function settled(path: string): Promise<boolean> {
  const size = () => readFileSync(path).length
  const first = size()
  await sleep(1000)
  return first > 0 && size() === first
}

try {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  const sim = (await start('bench/serve.ts', ['sim', JSON.stringify({ packages: 300 })])).info
  const options = { simUrl: sim.url, credentials: sim.credentials, quotas: 'off' }
  const { info, child } = await start('bench/serve.ts', [role, JSON.stringify(options)], 'READY', ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`])
  const paths: Record<string, string> = {
    order: `/v1/orders/${sim.packageId}`,
    list: '/v1/orders?limit=50',
  }
  const target = { name: role, url: `${info.url}${paths[routeName]}`, headers: role === 'baseline' ? ({} as Record<string, string>) : { authorization: `Bearer ${info.apiKey}`, 'kopru-connection-id': info.connectionId } }
  await warmUp(target, CONNECTIONS, 3)
  const load = warmUp(target, CONNECTIONS, 6)
  await sleep(3000)
  const busy = await snapshotOf(child.pid!)
  await load
  await sleep(1000)
  const idle = await snapshotOf(child.pid!)
  const [a, b] = [groups(busy), groups(idle)]
  const rows = [...a].map(([key, g]) => ({ key, count: g.count - (b.get(key)?.count ?? 0), bytes: g.bytes - (b.get(key)?.bytes ?? 0) }))
  rows.sort((x, y) => y.bytes - x.bytes)
  const total = rows.reduce((sum, r) => sum + r.bytes, 0)
  console.log(`live set mid-load minus idle: ${total} bytes, ${Math.round(total / CONNECTIONS)} per connection (${CONNECTIONS})`)
  console.log('| what | objects per connection | bytes per connection |\n|---|---|---|')
  for (const r of rows.slice(0, Number(process.env.LIVE_ROWS ?? 40))) console.log(`| ${r.key} | ${(r.count / CONNECTIONS).toFixed(1)} | ${Math.round(r.bytes / CONNECTIONS)} |`)
  if (process.env.LIVE_SAMPLES === '1') {
    for (const [key, group] of a) {
      if (!group.texts) continue
      const idleTexts = b.get(key)?.texts ?? new Map<string, number>()
      const extra = [...group.texts].map(([text, n]) => [text, n - (idleTexts.get(text) ?? 0)] as const).filter(([, n]) => n > 0)
      extra.sort((x, y) => y[1] - x[1])
      console.log(`\n${key}:`)
      for (const [text, n] of extra.slice(0, 25)) console.log(`  ${(n / CONNECTIONS).toFixed(2)} × ${JSON.stringify(text)}`)
    }
  }
} finally {
  await stopAll()
}
