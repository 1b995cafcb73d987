import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { KopruError } from '../../src/core/errors.js'
import { createLogger } from '../../src/core/logger.js'
import { defineProvider, type OperationContext } from '../../src/core/provider-kit/index.js'
import { testGateway } from '../helpers/gateway.js'

const SECRET = 'tellNoOne-7f3a9c'

/** A provider that puts its secret where no name-based redaction looks: in error messages. */
const leaky = defineProvider<{ api_key: string }>({
  id: 'leaky',
  name: 'Leaky',
  kind: 'marketplace',
  auth: {
    type: 'api_key',
    fields: [{ name: 'api_key', label: 'API key', secret: true }],
    schema: z.object({ api_key: z.string().min(1) }),
    apply: ({ headers }, credentials) => headers.set('x-api-key', credentials.api_key),
  },
  baseUrls: { production: 'http://127.0.0.1:9', sandbox: 'http://127.0.0.1:9' },
  quotas: [],
  operations: {
    'orders.get': async (ctx: OperationContext<{ api_key: string }>, { id }) => {
      if (id === 'crash') throw new Error(`cannot use key ${ctx.credentials.api_key}`)
      ctx.log.warn('about to fail', { note: `key was ${ctx.credentials.api_key}` })
      throw new KopruError('provider_error', `the provider echoed ${ctx.credentials.api_key}`, { provider: { id: 'leaky', message: ctx.credentials.api_key } })
    },
  },
  proxy: {},
  async verifyCredentials(ctx) {
    if (ctx.credentials.api_key.startsWith('crash')) throw new Error(`verification blew up on ${ctx.credentials.api_key}`)
  },
})

describe('redaction by value', () => {
  it('a logger scrubs the values of its secret sources, also JSON-escaped, and leaves other text alone', () => {
    const lines: string[] = []
    const log = createLogger({ sink: (line) => lines.push(line) }).child({ request_id: 'r1' }, [() => [SECRET, 'q"uote\\d', 'ab']])
    log.error('failed', { error: `Headers.set: "${SECRET}" is invalid`, detail: 'q"uote\\d', short: 'ab stays' })
    expect(lines[0]).not.toContain(SECRET)
    expect(lines[0]).not.toContain(JSON.stringify('q"uote\\d').slice(1, -1))
    expect(lines[0]).toContain('[redacted]')
    expect(lines[0]).toContain('ab stays')
  })

  it("the connection's secrets never reach logs, stacks or problem bodies, whatever carries them", async () => {
    const gw = await testGateway({ providers: [leaky] })
    const tenant = await gw.tenant()
    const crashed = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'leaky', credentials: { api_key: `crash-${SECRET}` } }) })
    expect(crashed.status).toBe(500)
    const created = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'leaky', credentials: { api_key: SECRET } }) })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const answers = [await crashed.text()]
    for (const order of ['echo', 'crash']) {
      const response = await gw.call(tenant.apiKey, `/v1/orders/${order}`, { connection: id })
      expect(response.status).toBeGreaterThanOrEqual(500)
      answers.push(await response.text())
    }
    expect(answers.join('\n')).toContain('[redacted]')
    expect(gw.logs.join('\n')).toContain('[redacted]')
    for (const text of [...answers, ...gw.logs]) expect(text).not.toContain(SECRET)
  })
})
