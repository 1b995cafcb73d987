import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import type { Gateway } from '../../src/app.js'
import { createRedisQuotaDatastore } from '../../src/node/redis-quotas.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const seller = { sellerId: '777001', apiKey: 'qKey1', apiSecret: 'qSecret1' }
const credentials = { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret }
/**
 * The real quota is 50 per 10 s; tests scale it to 10 per 2 s (the same 5 calls/s) so they take seconds. A slot is
 * held until one window after the answer, so each generation of a burst pays its latency; with a 1 s window a loaded
 * machine (250 ms a call) stretched a 5x burst over six windows instead of five.
 */
const quota = { limit: 10, windowMs: 2000 }
/** A 5x burst's last generation waits four windows: more than the default 10 s budget leaves room for. */
const burstBudget = { KOPRU_MAX_QUEUE_MS: '30000' }
const quotaOverrides = { trendyol: { orders: { limit: quota.limit, intervalMs: quota.windowMs } } }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Sim = Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>

/** Share of the quota used: arrivals over the windows they spanned (1.0 = every window full). */
function utilization(sim: Sim, since: number) {
  const arrivals = sim.received.filter((r) => r.at >= since).map((r) => r.at)
  const windows = Math.floor((Math.max(...arrivals) - Math.min(...arrivals)) / quota.windowMs) + 1
  return arrivals.length / (windows * quota.limit)
}

async function connect(gw: TestGateway, apiKey: string) {
  const response = await gw.call(apiKey, '/v1/connections', {
    method: 'POST',
    body: JSON.stringify({ provider: 'trendyol', credentials }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

describe('provider quotas', () => {
  let sim: Sim
  let packageId: string

  beforeAll(async () => {
    sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller }], quota }))
    packageId = String(sim.seller(seller.sellerId).packages[0]!.id)
  })
  afterAll(() => sim.server.close())
  beforeEach(() => sim.quota.reset())

  it('serves a burst of 5x the quota with zero upstream 429s and at least 90% of the quota used', async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url, ...burstBudget }, quotaOverrides })
    const tenant = await gw.tenant()
    const connection = await connect(gw, tenant.apiKey)
    await sleep(quota.windowMs + 100) // the credential check used a slot of this window
    const since = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 5 * quota.limit }, () => gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection })),
    )
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
    expect(sim.quota.stats.violations).toBe(0)
    expect(utilization(sim, since)).toBeGreaterThanOrEqual(0.9)
    const metrics = await (await gw.app.request('/metrics')).text()
    expect(metrics).toMatch(/kopru_quota_wait_seconds_count\{provider="trendyol",group="orders"\} 51/)
    expect(metrics).toMatch(/kopru_http_requests_total\{route="\/v1\/orders\/:id",method="GET",provider="trendyol",operation="orders.get",status="200"\} 50/)
    // The burst spans five 2 s windows by design (≈ 15 s with set-up on a quiet machine): the guard against a hang
    // must leave room for a loaded one.
  }, 45_000)

  it('counts /v1/proxy calls to an endpoint in that endpoint\'s quota, alongside unified calls', async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url }, quotaOverrides })
    const tenant = await gw.tenant()
    const connection = await connect(gw, tenant.apiKey)
    await sleep(quota.windowMs + 100)
    const proxied = `/v1/proxy/integration/order/sellers/${seller.sellerId}/orders?shipmentPackageIds=${packageId}&page=0&size=1`
    const responses = await Promise.all(
      Array.from({ length: 3 * quota.limit }, (_, i) =>
        gw.call(tenant.apiKey, i % 2 ? proxied : `/v1/orders/${packageId}`, { connection }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
    expect(sim.quota.stats.violations).toBe(0)
  })

  it('answers rate_limited at once, with an honest Retry-After, when the wait budget cannot be met', async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url }, quotaOverrides, maxQueueMs: 300 })
    const tenant = await gw.tenant()
    const connection = await connect(gw, tenant.apiKey)
    await sleep(quota.windowMs + 100)
    const first = await Promise.all(
      Array.from({ length: quota.limit }, () => gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection })),
    )
    expect(first.every((r) => r.status === 200)).toBe(true)
    const started = Date.now()
    const refused = await gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection })
    expect(Date.now() - started).toBeLessThan(100)
    const problem = await expectProblem(refused, 429, 'rate_limited')
    expect(problem.retryable).toBe(true)
    // The window's slots free up about one window (plus the safety margin) after their answers.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(quota.windowMs / 1000)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(quota.windowMs / 1000 + 1)
    // The client's own budget (Kopru-Max-Wait, seconds) can be smaller still, never larger than the operator's.
    const impatient = await gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection, headers: { 'kopru-max-wait': '0' } })
    await expectProblem(impatient, 429, 'rate_limited')
    expect(sim.quota.stats.violations).toBe(0)
  })

  it('keeps each request its own wait budget and metric labels when two share a Kopru-Request-Id', async () => {
    // One call per window: once it is used, a request waits for the next window only if its budget allows.
    const gw = await testGateway({
      env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url },
      quotaOverrides: { trendyol: { orders: { limit: 1, intervalMs: 1000 } } },
      maxQueueMs: 5_000,
    })
    const tenant = await gw.tenant()
    const connection = await connect(gw, tenant.apiKey)
    await sleep(1100)
    expect((await gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection })).status).toBe(200)
    const shared = { 'kopru-request-id': 'req_chosen_by_client' }
    const proxied = `/v1/proxy/integration/order/sellers/${seller.sellerId}/orders?shipmentPackageIds=${packageId}&page=0&size=1`
    const [impatient, patient] = await Promise.all([
      gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection, headers: { ...shared, 'kopru-max-wait': '0' } }),
      gw.call(tenant.apiKey, proxied, { connection, headers: { ...shared, 'kopru-max-wait': '5' } }),
    ])
    await expectProblem(impatient, 429, 'rate_limited')
    expect(patient.status).toBe(200)
    expect(impatient.headers.get('kopru-request-id')).toBe('req_chosen_by_client')
    const metrics = await (await gw.app.request('/metrics')).text()
    expect(metrics).toMatch(/kopru_http_requests_total\{route="\/v1\/orders\/:id",method="GET",provider="trendyol",operation="orders.get",status="429"\} 1\n/)
    expect(metrics).toMatch(/kopru_http_requests_total\{route="\/v1\/proxy\/\*",method="GET",provider="trendyol",operation="proxy",status="200"\} 1\n/)
    expect(sim.quota.stats.violations).toBe(0)
  })

  it('pauses a group for the Retry-After a provider sends with 429', async () => {
    // The simulator grants 1 call per 2 s; the gateway believes in 100 per second, so only the 429 can stop it.
    const strict = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller }], quota: { limit: 1, windowMs: 2000 } }))
    try {
      const gw = await testGateway({
        env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: strict.url },
        quotaOverrides: { trendyol: { orders: { limit: 100, intervalMs: 1000 } } },
      })
      const tenant = await gw.tenant()
      const connection = await connect(gw, tenant.apiKey) // takes the simulator's one call of this window
      const get = (headers: Record<string, string> = {}) => gw.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection, headers })
      const retried = get() // 429 with Retry-After: 2, retried once the pause is over
      await sleep(100)
      const impatient = await get({ 'kopru-max-wait': '0.5' })
      const problem = await expectProblem(impatient, 429, 'rate_limited')
      expect(problem.detail).toMatch(/frees up/)
      expect((await retried).status).toBe(200)

      const calls = strict.received.filter((r) => r.path.includes('/orders'))
      const limited = calls[1]!.at
      expect(strict.quota.stats.violations).toBe(1)
      expect(calls.length).toBe(3)
      for (const later of calls.slice(2)) expect(later.at - limited).toBeGreaterThanOrEqual(2000 - 5)
      const metrics = await (await gw.app.request('/metrics')).text()
      expect(metrics).toMatch(/kopru_quota_pauses_total\{provider="trendyol",group="orders"\} 1/)
      expect(metrics).toMatch(/kopru_upstream_retries_total\{provider="trendyol",operation="orders.get",reason="429"\} 1/)
    } finally {
      await strict.server.close()
    }
  })

  it('shares an app-wide quota fairly: a noisy tenant does not starve a quiet one', async () => {
    const gw = await testGateway({
      env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url },
      providers: [appScoped],
      quotaOverrides,
    })
    const noisy = await gw.tenant('noisy')
    const quiet = await gw.tenant('quiet')
    const noisyConnection = await connect(gw, noisy.apiKey)
    const quietConnection = await connect(gw, quiet.apiKey)
    await sleep(quota.windowMs + 100)
    const flood = Array.from({ length: 4 * quota.limit }, () =>
      gw.call(noisy.apiKey, `/v1/orders/${packageId}`, { connection: noisyConnection }).then(() => Date.now()),
    )
    await sleep(20)
    const started = Date.now()
    const quietDone = await Promise.all(
      Array.from({ length: 3 }, () => gw.call(quiet.apiKey, `/v1/orders/${packageId}`, { connection: quietConnection }).then((r) => {
        expect(r.status).toBe(200)
        return Date.now()
      })),
    )
    const noisyDone = await Promise.all(flood)
    // The quiet tenant is served in the next window, ahead of the noisy tenant's backlog.
    expect(Math.max(...quietDone) - started).toBeLessThan(2 * quota.windowMs)
    expect(noisyDone.filter((at) => at > Math.max(...quietDone)).length).toBeGreaterThan(quota.limit)
    expect(sim.quota.stats.violations).toBe(0)
  })
})

const appScoped = await (async () => {
  const { trendyol } = await import('../../providers/trendyol/index.js')
  return { ...trendyol, quotas: trendyol.quotas.map((q) => ({ ...q, scope: 'app' as const })) }
})()

describe.runIf(process.env.REDIS_URL)('provider quotas across 3 gateway processes sharing Redis', () => {
  let sim: Sim
  const datastores: ReturnType<typeof createRedisQuotaDatastore>[] = []
  const gateways: Gateway[] = []

  beforeAll(async () => {
    sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller }], quota }))
  })
  afterAll(async () => {
    for (const gateway of gateways) await gateway.services.close()
    for (const datastore of datastores) await datastore.close()
    await sim.server.close()
  })

  it('keeps 3 instances together inside one quota: zero 429s, at least 90% used', async () => {
    const namespace = `kopru-test-${Math.random().toString(36).slice(2, 10)}`
    const instances: TestGateway[] = []
    for (let i = 0; i < 3; i++) {
      const datastore = createRedisQuotaDatastore(process.env.REDIS_URL!, { namespace })
      datastores.push(datastore)
      // Each testGateway empties the shared database, so tenants are created after all three exist.
      instances.push(await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url, ...burstBudget }, quotaOverrides, quotaDatastore: datastore }))
      gateways.push(instances[i]!.app)
    }
    const tenant = await instances[0]!.tenant()
    const connection = await connect(instances[0]!, tenant.apiKey)
    const packageId = String(sim.seller(seller.sellerId).packages[0]!.id)
    await sleep(quota.windowMs + 100)
    sim.quota.reset()
    const since = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 5 * quota.limit }, (_, i) =>
        instances[i % 3]!.call(tenant.apiKey, `/v1/orders/${packageId}`, { connection }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
    expect(sim.quota.stats.violations).toBe(0)
    expect(utilization(sim, since)).toBeGreaterThanOrEqual(0.9)
  })
})
