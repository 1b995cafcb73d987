import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { toTrendyolPackage, type PackageSpec } from '../../providers/trendyol/fixtures.js'
import { rowsOf } from '../../src/core/events/outbox.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { manualClock } from '../helpers/events.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
const seller = { sellerId: '555088', apiKey: 'tyPollKey', apiSecret: 'tyPollSecret' }
const now = Date.now()

const spec = (id: number, status: string, orderedAt: number): PackageSpec => ({
  id,
  orderNumber: `30${id}`,
  orderedAt,
  status,
  lines: [{ productName: 'Bakır Cezve', barcode: `8691${id}`, merchantSku: `SKU-${id}`, quantity: 1, amount: 389.9, discount: 0, vatRate: 20 }],
  customer: { firstName: 'Zeynep', lastName: 'Demir', email: `z${id}@trendyolmail.com` },
  address: { city: 'İzmir', district: 'Karşıyaka', neighborhood: 'Bostanlı Mah.', postalCode: '35590', line: 'Cemal Gürsel Cad. 7', phone: '05441234567' },
  history: [{ status, at: orderedAt }],
})

describe('polling sync', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string
  const clock = manualClock()
  const INTERVAL = 30_000

  beforeAll(async () => {
    sim = await serveSimulator(
      createTrendyolSimulator({
        sellers: [{ ...seller, packages: [spec(800001, 'Created', now - 3 * HOUR), spec(800002, 'Created', now - 30 * HOUR), spec(800003, 'Delivered', now - 50 * HOUR)] }],
      }),
    )
  })
  afterAll(() => sim.server.close())

  beforeEach(async () => {
    clock.set(Date.now())
    sim.quota.reset()
    gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url }, events: { clock, pollIntervals: { orders: INTERVAL } } })
    tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'trendyol', credentials: { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret } }),
    })
    expect(created.status).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
  })

  const orderEvents = async () =>
    ((await (await gw.call(tenant.apiKey, '/v1/events?limit=200')).json()) as { data: any[] }).data.reverse().filter((e) => e.type.startsWith('order.'))
  const poll = () => gw.app.services.events.poller.runOnce()

  it('takes a silent baseline, emits nothing while nothing changes, and exactly one order.status_changed for Created -> Shipped', async () => {
    expect(await poll()).toEqual({ polled: 1, events: 0 })
    clock.advance(INTERVAL - 1000)
    expect(await poll()).toEqual({ polled: 0, events: 0 }) // not due yet: the interval is per resource
    clock.advance(1000)
    expect(await poll()).toEqual({ polled: 1, events: 0 })
    expect(await orderEvents()).toEqual([])

    sim.setStatus(800001, 'Shipped', seller.sellerId)
    clock.advance(INTERVAL)
    expect(await poll()).toEqual({ polled: 1, events: 1 })
    clock.advance(INTERVAL)
    expect(await poll()).toEqual({ polled: 1, events: 0 })
    const events = await orderEvents()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'order.status_changed',
      connection_id: connectionId,
      provider: 'trendyol',
      data: { id: '800001', provider_status: 'Shipped', fulfillment_status: 'shipped', status: 'open' },
      previous: { provider_status: 'Created', fulfillment_status: 'unfulfilled' },
    })
    expect(events[0].data.raw).toBeUndefined()
    // The cursor lives in the database, per connection and resource.
    const [state] = rowsOf<{ cursor: any; last_error: string | null }>(
      await gw.app.services.db.execute(sql`select cursor, last_error from poll_state where connection_id = ${connectionId} and resource = 'orders'`),
    )
    const cursor = typeof state!.cursor === 'string' ? JSON.parse(state!.cursor) : state!.cursor
    expect(cursor.updated_after).toMatch(/Z$/)
    expect(state!.last_error).toBeNull()
  })

  it('announces an order that arrives after the connection as order.created, once', async () => {
    await poll()
    await new Promise((resolve) => setTimeout(resolve, 5)) // strictly after the connection was created
    sim.seller(seller.sellerId).packages.push(toTrendyolPackage(spec(800009, 'Created', Date.now())))
    await new Promise((resolve) => setTimeout(resolve, 5)) // and not in the provider's future
    clock.advance(INTERVAL)
    await poll()
    clock.advance(INTERVAL)
    await poll()
    const events = await orderEvents()
    expect(events.map((e) => [e.type, e.data.id])).toEqual([['order.created', '800009']])
    sim.seller(seller.sellerId).packages.pop()
  })

  it('pauses for needs_reauth connections (and records connection.needs_reauth), resumes when active again', async () => {
    await poll()
    expect(await gw.app.services.connections.markNeedsReauth(tenant.id, connectionId, 'refresh_token_revoked')).toBe(true)
    expect(await gw.app.services.connections.markNeedsReauth(tenant.id, connectionId, 'again')).toBe(false)
    const all = ((await (await gw.call(tenant.apiKey, '/v1/events')).json()) as { data: any[] }).data
    expect(all[0]).toMatchObject({ type: 'connection.needs_reauth', connection_id: connectionId, data: { id: connectionId, status: 'needs_reauth', reason: 'refresh_token_revoked' } })
    await expectProblem(await gw.call(tenant.apiKey, '/v1/orders', { connection: connectionId }), 409, 'connection_needs_reauth')

    sim.setStatus(800002, 'Picking', seller.sellerId)
    const calls = sim.received.length
    clock.advance(INTERVAL)
    expect(await poll()).toEqual({ polled: 0, events: 0 })
    expect(sim.received.length).toBe(calls)

    await gw.app.services.db.execute(sql`update connections set status = 'active' where id = ${connectionId}`)
    expect(await poll()).toEqual({ polled: 1, events: 1 })
    expect((await orderEvents()).map((e) => [e.type, e.data.id, e.data.provider_status])).toEqual([['order.status_changed', '800002', 'Picking']])
  })

  it('goes through the quota-wrapped ctx.request and keeps the cursor when the provider fails', async () => {
    await poll()
    const before = sim.received.length
    sim.setStatus(800003, 'Returned', seller.sellerId)
    // Exhaust the simulator's quota window: the next poll gets Trendyol's 429 and is retried after Retry-After.
    for (let i = 0; i < 60; i++) sim.quota.take(`${seller.sellerId} GET /integration/order/sellers/{id}/orders`)
    clock.advance(INTERVAL)
    expect(await poll()).toEqual({ polled: 1, events: 0 })
    expect(sim.received.length).toBeGreaterThan(before)
    const [state] = rowsOf<{ last_error: string | null }>(await gw.app.services.db.execute(sql`select last_error from poll_state where connection_id = ${connectionId}`))
    expect(state!.last_error).toMatch(/quota/i)
    sim.quota.reset()
    clock.advance(INTERVAL)
    expect(await poll()).toEqual({ polled: 1, events: 1 })
    expect((await orderEvents()).map((e) => [e.type, e.data.id])).toEqual([['order.status_changed', '800003']])
  })
})
