import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { listen } from '../../src/node/listen.js'
import { testGateway } from '../helpers/gateway.js'

/** A client that writes its whole request before reading anything, as simple HTTP clients do. */
function sendWholeThenRead(port: number, head: string, body: Buffer): Promise<{ answer: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    let error: string | undefined
    socket.on('data', (chunk) => (answer += chunk.toString()))
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message))
    socket.on('close', () => resolve({ answer, error }))
    socket.write(head)
    // Slowly, as over a real network: the whole body takes longer than the Node adapter's 500 ms drain.
    const step = 128 * 1024
    const send = (at: number) => {
      if (at >= body.length) return void socket.end()
      socket.write(body.subarray(at, at + step), () => setTimeout(() => send(at + step), 40))
    }
    send(0)
  })
}

describe('413 for a body over the limit', () => {
  for (const framing of ['content-length', 'chunked'] as const) {
    it(`is answered without a reset, to a client that sends the whole body first (${framing})`, { timeout: 60_000 }, async () => {
      const gw = await testGateway({ maxBodyBytes: 64 * 1024 })
      const tenant = await gw.tenant()
      const server = await listen(gw.app)
      try {
        const port = Number(new URL(server.url).port)
        const json = Buffer.from(JSON.stringify({ items: [{ sku: 'x'.repeat(3 * 1024 * 1024) }] }))
        const body = framing === 'chunked' ? Buffer.concat([Buffer.from(`${json.length.toString(16)}\r\n`), json, Buffer.from('\r\n0\r\n\r\n')]) : json
        const length = framing === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${json.length}`
        const head = `POST /v1/inventory HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${tenant.apiKey}\r\nkopru-connection-id: conn_x\r\ncontent-type: application/json\r\n${length}\r\nconnection: close\r\n\r\n`
        const { answer, error } = await sendWholeThenRead(port, head, body)
        expect(error).toBeUndefined()
        expect(answer).toMatch(/^HTTP\/1\.1 413/)
        expect(answer).toContain('"code":"payload_too_large"')
      } finally {
        await server.close()
      }
    })
  }
})
