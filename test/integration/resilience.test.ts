import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { flakyProvider, startFlakyUpstream } from '../helpers/flaky-upstream.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('resilience against a failing provider', () => {
  let upstream: Awaited<ReturnType<typeof startFlakyUpstream>>
  let gw: TestGateway
  let apiKey: string
  let connection: string

  beforeAll(async () => {
    upstream = await startFlakyUpstream()
  })
  afterAll(() => upstream.off())

  async function setup(options: Parameters<typeof testGateway>[0] = {}) {
    gw = await testGateway({
      providers: [flakyProvider],
      env: { KOPRU_PROVIDER_FLAKY_BASE_URL: upstream.url },
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      breaker: { failureThreshold: 5, openMs: 500 },
      upstreamTimeoutMs: 300,
      ...options,
    })
    apiKey = (await gw.tenant()).apiKey
    const created = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'flaky', credentials: { api_key: 'k1' } }),
    })
    expect(created.status).toBe(201)
    connection = ((await created.json()) as { id: string }).id
  }

  async function circuitRejections() {
    const text = await (await gw.app.request('/metrics')).text()
    return Number(/kopru_circuit_rejections_total\{provider="flaky",host="[^"]+"\} (\d+)/.exec(text)?.[1] ?? 0)
  }

  beforeEach(async () => {
    upstream.setMode('ok')
    upstream.calls.length = 0
    await upstream.on()
  })

  it('retries a safe read after a 503, with backoff, and succeeds', async () => {
    await setup()
    upstream.setMode('503', 2)
    const response = await gw.call(apiKey, '/v1/orders/42', { connection })
    expect(response.status).toBe(200)
    expect(upstream.calls.length).toBe(3)
    expect(await (await gw.app.request('/metrics')).text()).toMatch(/kopru_upstream_retries_total\{provider="flaky",operation="orders.get",reason="503"\} \d/)
  })

  it('gives up after the retry budget with provider_unavailable, retryable', async () => {
    await setup()
    upstream.setMode('503')
    const problem = await expectProblem(await gw.call(apiKey, '/v1/orders/42', { connection }), 503, 'provider_unavailable')
    expect(problem.retryable).toBe(true)
    expect(upstream.calls.length).toBe(3)
  })

  it('never repeats a write that may have reached the provider: 503, reset and timeout each sent once', async () => {
    await setup({ breaker: { failureThreshold: 100, openMs: 500 } })
    for (const [mode, status] of [['502', 502], ['reset', 503], ['hang', 504]] as const) {
      upstream.calls.length = 0
      upstream.setMode(mode)
      const response = await gw.call(apiKey, '/v1/proxy/orders/7/cancel', { connection, method: 'POST', body: '{"reason":"x"}' })
      if (mode === '502') {
        // The proxy hands the provider's own answer back; it is not retried either.
        expect(response.status).toBe(502)
        expect(response.headers.get('kopru-provider-status')).toBe('502')
      } else {
        const problem = await expectProblem(response, status, status === 504 ? 'provider_timeout' : 'provider_unavailable')
        expect(problem.retryable).toBe(false)
      }
      expect(upstream.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /orders/7/cancel'])
    }
    // The same failures on a read are retried.
    upstream.calls.length = 0
    upstream.setMode('reset')
    await gw.call(apiKey, '/v1/proxy/orders/7', { connection })
    expect(upstream.calls.length).toBe(3)
  })

  it('opens the circuit while the provider is down, fails fast, and resumes within a second of recovery', async () => {
    await setup()
    await upstream.off()
    // Until the circuit opens each call is refused by the closed port quickly; afterwards nothing is attempted.
    for (let i = 0; i < 3; i++) await expectProblem(await gw.call(apiKey, '/v1/orders/1', { connection }), 503, 'provider_unavailable')
    const rejectedBefore = await circuitRejections()
    const started = performance.now()
    const fast = await Promise.all(Array.from({ length: 20 }, () => gw.call(apiKey, '/v1/orders/1', { connection })))
    expect(performance.now() - started).toBeLessThan(500)
    for (const response of fast) {
      const problem = await expectProblem(response, 503, 'provider_unavailable')
      expect(problem.detail).toMatch(/paused while it recovers/)
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
    let metrics = await (await gw.app.request('/metrics')).text()
    expect(metrics).toMatch(/kopru_circuit_state\{provider="flaky",host="127.0.0.1:\d+"\} 2/)
    // None of the 20 reached for the network: the open circuit answered each of them.
    expect((await circuitRejections()) - rejectedBefore).toBe(20)

    await upstream.on()
    const recovered = performance.now()
    let status = 0
    while (status !== 200 && performance.now() - recovered < 3000) {
      status = (await gw.call(apiKey, '/v1/orders/1', { connection })).status
      if (status !== 200) await sleep(50)
    }
    expect(status).toBe(200)
    expect(performance.now() - recovered).toBeLessThan(1000)
    metrics = await (await gw.app.request('/metrics')).text()
    expect(metrics).toMatch(/kopru_circuit_state\{provider="flaky",host="127.0.0.1:\d+"\} 0/)
    expect(metrics).toMatch(/kopru_circuit_opened_total\{provider="flaky",host="127.0.0.1:\d+"\} 1/)
  })

  it('a provider that hangs: callers time out, then fail fast instead of piling up', async () => {
    await setup()
    upstream.setMode('hang')
    const first = await gw.call(apiKey, '/v1/orders/1', { connection })
    await expectProblem(first, 504, 'provider_timeout')
    const started = performance.now()
    const rest = await Promise.all(Array.from({ length: 10 }, () => gw.call(apiKey, '/v1/orders/1', { connection })))
    // Two more timed-out attempts at most open the circuit; everyone else is answered at once.
    expect(performance.now() - started).toBeLessThan(1000)
    const codes = await Promise.all(rest.map(async (r) => ((await r.json()) as { code: string }).code))
    expect(codes.filter((code) => code === 'provider_unavailable').length).toBeGreaterThanOrEqual(8)
  })
})
