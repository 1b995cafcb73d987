import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { isTimeout } from '../../src/core/transport.js'
import { createUndiciTransport } from '../../src/node/undici-transport.js'

/** The attempt's deadline is the transport's to keep on Node: a timer and an emitter, no AbortController. */
describe('undici transport: the attempt deadline', () => {
  let server: Server
  let base: string
  const transport = createUndiciTransport({ connections: 4 })
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    '/ok': (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
    '/silent': () => {},
    '/headers-only': (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).write('{"partial":'),
    '/stream': (_, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('a'.repeat(70_000)),
  }
  beforeAll(async () => {
    server = createServer((request, response) => routes[request.url ?? '']?.(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await transport.close().catch(() => undefined)
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  afterEach(() => vi.restoreAllMocks())

  const send = (path: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    transport({ url: new URL(base + path), method: 'GET', headers: new Headers({ accept: 'application/json' }), ...options })

  it('fails an attempt without an answer with a TimeoutError', async () => {
    const error = await send('/silent', { timeoutMs: 50 }).catch((caught: unknown) => caught)
    expect(isTimeout(error)).toBe(true)
  })

  it('keeps covering the body until it has been read', async () => {
    const response = await send('/headers-only', { timeoutMs: 50 })
    expect(response.status).toBe(200)
    const error = await response.text().catch((caught: unknown) => caught)
    expect(isTimeout(error)).toBe(true)
  })

  it("follows the caller's signal without calling it a timeout", async () => {
    const caller = new AbortController()
    const sending = send('/silent', { timeoutMs: 60_000, signal: caller.signal }).catch((caught: unknown) => caught)
    caller.abort(new Error('client went away'))
    const error = await sending
    expect(isTimeout(error)).toBe(false)
    expect((error as Error).message).toBe('client went away')
  })

  it('clears its timer once the answer has been read, as text or as a stream', async () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout')
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout')
    const timersOf = (ms: number) => setTimer.mock.results.filter((_, i) => setTimer.mock.calls[i]![1] === ms).map((result) => result.value)
    const cleared = (timer: unknown) => clearTimer.mock.calls.some(([argument]) => argument === timer)

    const answered = await send('/ok', { timeoutMs: 12_345 })
    const [textTimer] = timersOf(12_345)
    expect(cleared(textTimer)).toBe(false)
    expect(await answered.text()).toBe('{"ok":true}')
    expect(cleared(textTimer)).toBe(true)

    const streamed = await send('/stream', { timeoutMs: 23_456 })
    const [streamTimer] = timersOf(23_456)
    const text = await new Response(streamed.body).text()
    expect(text.length).toBe(70_000)
    expect(cleared(streamTimer)).toBe(true)
  })

})
