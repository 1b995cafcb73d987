import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { createConnectionCache } from '../../src/core/connections/cache.js'
import type { ResolvedConnection } from '../../src/core/connections.js'
import { backgroundScope } from '../../src/core/request-scope.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const seller = { sellerId: '555001', apiKey: 'tyKeyA1', apiSecret: 'tySecretB2' }

/** Every way a cached connection (or its adapter's state) is invalidated has a test that fails when that path breaks. */
describe('connection cache invalidation', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string
  beforeAll(async () => {
    sim = await serveSimulator(createTrendyolSimulator({ sellers: [{ ...seller, packages: [] }] }))
    gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    tenant = await gw.tenant()
  })
  afterAll(() => sim.server.close())

  const connect = async () => {
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
    })
    expect(created.status).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
    return gw.app.services.connections.get(tenant.id, connectionId)
  }
  const orders = () => gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: connectionId })

  it('remember: new credentials or status from another copy reach the cached connection', async () => {
    const cached = await connect()
    const copy: ResolvedConnection = { ...cached, credentials: { ...(cached.credentials as object), api_key: 'rotated' }, status: 'needs_reauth' }
    gw.app.services.connections.remember(copy)
    const again = await gw.app.services.connections.get(tenant.id, connectionId)
    expect(again).toBe(cached)
    expect(again).toMatchObject({ credentials: { api_key: 'rotated' }, status: 'needs_reauth' })
  })

  it('markNeedsReauth: the next call on this instance already answers connection_needs_reauth', async () => {
    await connect()
    expect((await orders()).status).toBe(200)
    expect(await gw.app.services.connections.markNeedsReauth(tenant.id, connectionId, 'test')).toBe(true)
    await expectProblem(await orders(), 409, 'connection_needs_reauth')
  })

  it('delete: the connection and its adapter state (ctx.cache) are gone at once', async () => {
    const connection = await connect()
    const contextFor = gw.app.services.runner.contextFor
    let loads = 0
    const load = async () => ({ value: ++loads })
    expect(await contextFor(connection, backgroundScope('req_a'), 'test').cache.get('session', load)).toBe(1)
    expect(await contextFor(connection, backgroundScope('req_b'), 'test').cache.get('session', load)).toBe(1)
    const deleted = await gw.call(tenant.apiKey, `/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    await expectProblem(await orders(), 404, 'not_found')
    expect(await contextFor(connection, backgroundScope('req_c'), 'test').cache.get('session', load)).toBe(2)
  })

  it('the adapter cache is per connection and forgotten with it', async () => {
    const cache = createConnectionCache()
    await cache.adapterCache('conn_a').get('k', async () => ({ value: 'a' }))
    expect(await cache.adapterCache('conn_b').get('k', async () => ({ value: 'b' }))).toBe('b')
    cache.forget('ten_x', 'conn_a')
    expect(await cache.adapterCache('conn_a').get('k', async () => ({ value: 'a2' }))).toBe('a2')
    expect(await cache.adapterCache('conn_b').get('k', async () => ({ value: 'b2' }))).toBe('b')
  })
})
