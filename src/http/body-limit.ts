import type { Context, MiddlewareHandler } from 'hono'
import type { GatewayEnv } from './types.js'

/**
 * Body size limit that reads the rest of an oversized body before answering 413. Hono's own `bodyLimit`
 * answers at once; the Node adapter then drains for at most 500 ms and resets the socket, so a client that
 * sends its whole body before reading sees a broken pipe instead of the 413. Past `drainBytes` (or
 * `drainMs`) the client is not worth waiting for and the connection may be closed.
 */
export const bodyLimit = ({
  maxSize,
  onError,
  drainBytes = 64 * 1024 * 1024,
  drainMs = 30_000,
}: {
  maxSize: number
  onError: (c: Context<GatewayEnv>) => Response
  drainBytes?: number
  drainMs?: number
}): MiddlewareHandler<GatewayEnv> =>
  async function bodyLimit(c, next) {
    const body = c.req.raw.body
    if (!body) return next()
    const declared = c.req.raw.headers.has('transfer-encoding') ? null : c.req.raw.headers.get('content-length')
    const reader = body.getReader()
    if (declared !== null && Number(declared) > maxSize) {
      await drain(reader, drainBytes, drainMs)
      return onError(c)
    }
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > maxSize) {
        await drain(reader, drainBytes - size, drainMs)
        return onError(c)
      }
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      whole.set(chunk, offset)
      offset += chunk.length
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  let left = budget
  while (left > 0 && Date.now() < deadline) {
    const { done, value } = await reader.read()
    if (done) return
    left -= value.length
  }
  await reader.cancel().catch(() => undefined)
}
