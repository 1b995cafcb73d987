/**
 * `node --expose-gc --trace-gc-nvp .bench-js/bench/transport-alloc.js <compiled-dir> > out; npx tsx bench/gc-allocated.ts out`:
 * bytes the Node transport (src/node/undici-transport.ts) of a compiled build (`.bench-js`, or a copy made before a
 * change) allocates per call, against a node:http server in the same process answering a one-package Trendyol page
 * (the server's share is the same for every build), 50 calls in flight, 3 rounds of 20k; CPU µs per call printed.
 * Run from the repository, under the lock, alternating the two builds.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

const dir = process.argv[2] ?? '.bench-js'
const load = (path: string) => import(pathToFileURL(`${dir}/${path}`).href)
const { createUndiciTransport } = await load('src/node/undici-transport.js')
const { createTrendyolSimulator } = await load('providers/trendyol/simulator.js')
const pkg = createTrendyolSimulator().seller().packages[0]
const page = Buffer.from(JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] }))
const server = http.createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': page.length })
  res.end(page)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/integration/order/sellers/1/orders?page=0&size=1`)
const transport = createUndiciTransport()

async function run(count: number) {
  let next = 0
  const worker = async () => {
    while (next++ < count) {
      const headers = new Headers({ accept: 'application/json', 'user-agent': 'bench', 'x-correlation-id': 'req_1', authorization: 'Basic abc' })
      await (await transport({ url, method: 'GET', headers, timeoutMs: 30_000 })).text()
    }
  }
  await Promise.all(Array.from({ length: 50 }, worker))
}

await run(3000)
const calls = 20_000
for (let round = 0; round < 3; round++) {
  globalThis.gc?.()
  console.log('MARK start transport')
  const cpu = process.cpuUsage()
  await run(calls)
  const used = process.cpuUsage(cpu)
  globalThis.gc?.()
  console.log(`MARK end transport ${calls}`)
  console.log(`cpu ${((used.user + used.system) / calls).toFixed(1)} µs per call`)
}
await transport.close()
server.close()
