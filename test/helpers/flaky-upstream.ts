import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { defineProvider, type OperationContext } from '../../src/core/provider-kit/index.js'
import type { Order } from '../../src/models/index.js'

export type FlakyMode = 'ok' | '503' | '502' | 'reset' | 'hang'

/**
 * A provider API whose failure mode the test chooses: answers, 503s, a connection reset after the request
 * was read (it reached the provider), or silence. It can be switched off and on again on the same port.
 */
export async function startFlakyUpstream() {
  let mode: FlakyMode = 'ok'
  let remaining = Infinity
  const calls: { method: string; path: string; at: number }[] = []
  let server: Server | undefined
  let port = 0

  const handler = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
    request.resume()
    request.on('end', () => {
      calls.push({ method: request.method ?? '', path: request.url ?? '', at: Date.now() })
      const current = remaining-- > 0 ? mode : 'ok'
      if (current === 'hang') return
      if (current === 'reset') return request.socket.destroy()
      if (current === '503' || current === '502') {
        response.writeHead(Number(current), { 'content-type': 'application/json' })
        return response.end(JSON.stringify({ message: 'temporarily unavailable' }))
      }
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ id: request.url?.split('/').pop(), ok: true }))
    })
  }

  async function on() {
    if (server) return
    server = createServer(handler)
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  }
  async function off() {
    if (!server) return
    const closing = server
    server = undefined
    closing.closeAllConnections()
    await new Promise<void>((resolve) => closing.close(() => resolve()))
  }
  await on()
  return {
    calls,
    get url() {
      return `http://127.0.0.1:${port}`
    },
    /** Fails the next `times` calls (all of them by default) the way `next` says. */
    setMode(next: FlakyMode, times = Infinity) {
      mode = next
      remaining = times
    },
    on,
    off,
  }
}

/** A minimal provider definition for the flaky API (tests only): reads go through `ctx.request()`. */
export const flakyProvider = defineProvider<{ api_key: string }>({
  id: 'flaky',
  name: 'Flaky',
  kind: 'marketplace',
  auth: {
    type: 'api_key',
    fields: [{ name: 'api_key', label: 'API key', secret: true }],
    schema: z.object({ api_key: z.string().min(1) }),
    apply: ({ headers }, credentials) => headers.set('x-api-key', credentials.api_key),
  },
  baseUrls: { production: 'http://127.0.0.1:9', sandbox: 'http://127.0.0.1:9' },
  quotas: [{ group: 'default', limit: 1000, intervalMs: 1000, scope: 'credential' }],
  operations: {
    'orders.get': async (ctx: OperationContext<{ api_key: string }>, { id }) =>
      (await ctx.request<Order>({ path: `/orders/${encodeURIComponent(id)}` })).data,
  },
  proxy: {},
  async verifyCredentials() {},
})
