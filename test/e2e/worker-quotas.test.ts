import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, trendyolDemoSeller } from '../../providers/trendyol/simulator.js'
import { serveSimulator } from '../helpers/simulators.js'
import { bundleWorker, startEdge, type Edge } from '../helpers/workerd.js'

const databaseUrl = process.env.DATABASE_URL
const LIMIT = 10
const WINDOW_MS = 1000
const ISOLATES = 3

/** The most calls any window of `windowMs` saw, from the upstream's own arrival times. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b)
  let best = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

describe.skipIf(!databaseUrl)('provider quotas across isolates, in one Durable Object per quota key', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorker>>
  let edge: Edge
  const upstream: { at: number; status: number }[] = []
  let simulator: { url: string; server: { close(): Promise<void> } }

  beforeAll(async () => {
    bundle = await bundleWorker()
    const trendyol = createTrendyolSimulator({ quota: { limit: LIMIT, windowMs: WINDOW_MS } })
    // Records what reaches the provider: the simulator enforces Trendyol's quota with real 429s.
    simulator = await serveSimulator({
      app: {
        async fetch(request: Request) {
          const at = Date.now()
          const response = await trendyol.app.fetch(request)
          if (new URL(request.url).pathname.endsWith('/orders')) upstream.push({ at, status: response.status })
          return response
        },
      },
    })
    edge = await startEdge(bundle.outdir, {
      isolates: ISOLATES,
      bindings: {
        KOPRU_PROVIDER_TRENDYOL_BASE_URL: simulator.url,
        KOPRU_QUOTA_OVERRIDES: JSON.stringify({ trendyol: { orders: { limit: LIMIT, intervalMs: WINDOW_MS } } }),
        KOPRU_MAX_QUEUE_MS: '15000',
      },
    })
  }, 120_000)

  afterAll(async () => {
    await edge?.close()
    await simulator?.server.close()
    await bundle?.remove()
  })

  it(`a burst of 5x the quota spread over ${ISOLATES} isolates: zero upstream 429s, ≥ 90 % of the quota used over the burst`, async () => {
    const tenant = await edge.tenant()
    const created = await fetch(`${edge.base}/v1/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        provider: 'trendyol',
        credentials: { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret },
      }),
    })
    expect(created.status).toBe(201)
    const connection = ((await created.json()) as { id: string }).id
    const calls = (count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, index) =>
          edge.fetchers[index % ISOLATES]!.fetch('http://kopru.local/v1/orders?limit=1', {
            headers: { authorization: `Bearer ${tenant.apiKey}`, 'kopru-connection-id': connection },
          }).then(async (response) => {
            await response.arrayBuffer()
            return response.status
          }),
        ),
      )
    // Warm isolates (database connections open), as a deployment under load has them; then a window for the
    // slots the credential check and the warm-up used to free.
    expect(await calls(LIMIT - 1)).toEqual(Array.from({ length: LIMIT - 1 }, () => 200))
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100))
    upstream.length = 0
    const answers = await calls(5 * LIMIT)
    expect(upstream.filter((call) => call.status === 429)).toEqual([])
    expect(answers.filter((status) => status !== 200)).toEqual([])
    expect(upstream).toHaveLength(5 * LIMIT)
    // Never more than the quota in any window the provider could count...
    const at = upstream.map((call) => call.at)
    expect(busiestWindow(at, WINDOW_MS)).toBeLessThanOrEqual(LIMIT)
    // ...and ≥ 90 % of it used over the whole burst: the calls made against the most the windows it spanned allow
    // (a burst spanning `span` ms can fit at most LIMIT × (span / WINDOW_MS + 1) calls).
    const spanMs = Math.max(...at) - Math.min(...at)
    const sustained = upstream.length / (LIMIT * (spanMs / WINDOW_MS + 1))
    console.log(`quota burst: ${upstream.length} calls in ${spanMs} ms, ${Math.round(100 * sustained)} % of ${LIMIT}/${WINDOW_MS} ms used`)
    expect(sustained).toBeGreaterThanOrEqual(0.9)
  })
})
