import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/core/events/outbox.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { serveTrendyol, trendyolTenant, type ServedTrendyol } from '../helpers/trendyol-tenant.js'

let sim: ServedTrendyol
beforeAll(async () => {
  sim = await serveTrendyol()
})
afterAll(() => sim.server.close())

describe('cursors are bound to the filters that issued them', () => {
  it('orders: the same filters follow the cursor; other filters get 400 naming query.cursor', { timeout: 90_000 }, async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    const tenant = await trendyolTenant(gw)
    const list = (query: string) => gw.call(tenant.apiKey, `/v1/orders?${query}`, { connection: tenant.connectionId })
    const first = (await (await list('limit=1')).json()) as { next_cursor: string }
    expect(first.next_cursor).toBeTruthy()
    const cursor = encodeURIComponent(first.next_cursor)
    expect((await list(`limit=1&cursor=${cursor}`)).status).toBe(200)
    const problem = await expectProblem(await list(`limit=1&status=cancelled&cursor=${cursor}`), 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('query.cursor')
  })

  it('events: a cursor of one type filter is refused under another', async () => {
    const gw = await testGateway()
    const tenant = await gw.tenant()
    for (let i = 0; i < 3; i++) {
      await recordEvent(gw.app.services.db, { type: 'connection.created', tenantId: tenant.id, objectType: 'connection', objectId: `conn_${i}`, data: { id: `conn_${i}` } })
    }
    const page = (await (await gw.call(tenant.apiKey, '/v1/events?limit=1&type=connection.created')).json()) as { next_cursor: string }
    const cursor = encodeURIComponent(page.next_cursor)
    expect((await gw.call(tenant.apiKey, `/v1/events?limit=1&type=connection.created&cursor=${cursor}`)).status).toBe(200)
    await expectProblem(await gw.call(tenant.apiKey, `/v1/events?limit=1&cursor=${cursor}`), 400, 'invalid_request')
  })
})
