import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateWebhookSecret, webhookHeaders } from '../../src/core/events/signing.js'

/** Runs the example the way its header says (`npx tsx examples/webhook-receiver.ts`), on a free port. */
function startReceiver(secret: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['examples/webhook-receiver.ts'], {
    env: { ...process.env, PORT: '0', KOPRU_WEBHOOK_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /receiver on (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`the receiver exited with ${code}:\n${output}`)))
  })
  return { child, url, output: () => output }
}

describe('examples/webhook-receiver.ts run on its own', () => {
  const children: ChildProcess[] = []
  afterAll(() => children.forEach((child) => child.kill('SIGTERM')))

  it('listens, takes a signed delivery (204, handled once) and refuses an unsigned one (401)', async () => {
    const secret = generateWebhookSecret()
    const receiver = startReceiver(secret)
    children.push(receiver.child)
    const url = await receiver.url
    const body = JSON.stringify({ id: 'evt_receiver1', type: 'order.created', occurred_at: new Date().toISOString(), tenant_id: 'ten_x', connection_id: 'conn_x', provider: 'trendyol', data: {} })
    const headers = { 'content-type': 'application/json', ...(await webhookHeaders(secret, 'msg_receiver1', Math.floor(Date.now() / 1000), body)) }
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(204)
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(204)
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(receiver.output().match(/order\.created evt_receiver1 conn_x/g)).toHaveLength(1)
  }, 60_000)
})
