import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMngSimulator, mngDemo, type MngSimulator } from '../../providers/mng/simulator.js'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { createConnectionCache } from '../../src/core/connections/cache.js'
import type { ResolvedConnection } from '../../src/core/connections.js'
import { backgroundScope } from '../../src/core/request-scope.js'
import { ADMIN_KEY, expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
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

/** Credential rotation on a provider with a session token (MNG's JWT from /token): what the old login got is not reused. */
describe('connection cache invalidation: credentials replaced with PATCH', () => {
  const noCod = { customerNumber: '406300200', password: 'noCodPass', codEnabled: false }
  const login = { client_id: mngDemo.clientId, client_secret: mngDemo.clientSecret, customer_number: mngDemo.customerNumber, password: mngDemo.password }
  const parcel = { weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 15 }
  const address = { line1: 'Bostanlı Mah. Cemal Gürsel Cad. No:12', country_code: 'TR', phone: '+905321234567' }
  const shipment = {
    shipper: { ...address, name: 'Köprü Mağaza', district: 'Kadıköy', city: 'İstanbul' },
    recipient: { ...address, name: 'Şeyma Güneş', district: 'Karşıyaka', city: 'İzmir' },
    parcels: [parcel],
    description: 'Bakır cezve',
    cod: { amount: { amount: '100.00', currency: 'TRY' }, collection: 'cash' },
  }
  let sim: Awaited<ReturnType<typeof serveSimulator<MngSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  beforeAll(async () => {
    sim = await serveSimulator(createMngSimulator({ customers: [{ customerNumber: mngDemo.customerNumber, password: mngDemo.password, codEnabled: true }, noCod] }))
    gw = await testGateway({ env: { KOPRU_PROVIDER_MNG_BASE_URL: sim.url } })
    tenant = await gw.tenant()
  })
  afterAll(() => sim.server.close())

  const patch = (id: string, credentials: Record<string, string>) =>
    gw.call(tenant.apiKey, `/v1/connections/${id}`, { method: 'PATCH', body: JSON.stringify({ credentials }) })

  it('new credentials are verified with their own session and every later call uses them, not the cached login', async () => {
    const created = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'mng', credentials: login }) })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    // A wrong password is refused even though a JWT of the old login is held for this connection.
    const refused = await expectProblem(await patch(id, { password: 'wrong-password' }), 400, 'invalid_request')
    expect(refused.errors?.[0]?.path).toMatch(/^credentials/)
    // The refusal left the old login working; then the account without a COD contract replaces it.
    const ship = (key: string) => gw.call(tenant.apiKey, '/v1/shipments', { method: 'POST', connection: id, headers: { 'idempotency-key': key }, body: JSON.stringify(shipment) })
    expect((await ship('rotation-before')).status).toBe(201)
    expect((await patch(id, { customer_number: noCod.customerNumber, password: noCod.password })).status).toBe(200)
    const problem = await expectProblem(await ship('rotation-after'), 400, 'invalid_request')
    expect(problem.provider).toMatchObject({ id: 'mng', code: '10005' })
  })

  it('the session token goes with the connection when it is deleted', async () => {
    const created = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'mng', credentials: login }) })
    const { id } = (await created.json()) as { id: string }
    const connection = await gw.app.services.connections.get(tenant.id, id)
    let obtained = 0
    const obtain = async () => ({ token: `fresh-${++obtained}`, expiresAt: Date.now() + 60_000 })
    expect(await gw.app.services.sessions.token(id, obtain, connection.credentials)).not.toMatch(/^fresh/)
    expect((await gw.call(tenant.apiKey, `/v1/connections/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await gw.app.services.sessions.token(id, obtain, connection.credentials)).toBe('fresh-1')
  })
})

/** An API key revoked on this instance stops at once, even with no revocation listener (the key cache is dropped). */
describe('API key cache invalidation', () => {
  it('revocation: the next request with the key is 401 on the instance that revoked it', async () => {
    const gw = await testGateway()
    const tenant = await gw.tenant()
    const ask = () => gw.app.request('/v1/connections', { headers: { authorization: `Bearer ${tenant.apiKey}` } })
    expect((await ask()).status).toBe(200)
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tenant.apiKey))).toString('hex')
    const key = await gw.app.services.tenants.findApiKeyByHash(digest)
    const revoked = await gw.app.request(`/admin/api-keys/${key!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    expect(revoked.status).toBe(204)
    expect((await ask()).status).toBe(401)
  })
})
