import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events as eventsTable } from '../../src/db/schema.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { serveTrendyol, trendyolCredentials, trendyolTenant, type ServedTrendyol } from '../helpers/trendyol-tenant.js'

let sim: ServedTrendyol
beforeAll(async () => {
  sim = await serveTrendyol()
})
afterAll(() => sim.server.close())

describe('PATCH /v1/connections/{id}', () => {
  it('verifies new credentials first: a refused key leaves the old ones working; settings merge; connection.updated', { timeout: 90_000 }, async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    const tenant = await trendyolTenant(gw)
    const patch = (body: unknown) => gw.call(tenant.apiKey, `/v1/connections/${tenant.connectionId}`, { method: 'PATCH', body: JSON.stringify(body) })

    const refused = await expectProblem(await patch({ credentials: { api_secret: 'not-the-secret' } }), 400, 'invalid_request')
    expect(refused.errors[0].path).toBe('credentials')
    expect((await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: tenant.connectionId })).status).toBe(200)

    const bad = await expectProblem(await patch({ credentials: { seller_id: 42 } }), 400, 'invalid_request')
    expect(bad.errors[0].path).toBe('body.credentials.seller_id')
    await expectProblem(await patch({}), 400, 'invalid_request')

    const rotated = await patch({ credentials: { api_key: trendyolCredentials.api_key, api_secret: trendyolCredentials.api_secret }, settings: { label: 'main store', extra: 1 } })
    expect(rotated.status).toBe(200)
    expect(((await rotated.json()) as { id: string; settings: unknown }).settings).toEqual({ label: 'main store', extra: 1 })
    const removed = (await (await patch({ settings: { extra: null } })).json()) as { id: string; settings: unknown }
    expect(removed).toMatchObject({ id: tenant.connectionId, settings: { label: 'main store' } })
    expect((await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection: tenant.connectionId })).status).toBe(200)

    const rows = await gw.app.services.db.select().from(eventsTable).where(eq(eventsTable.connectionId, tenant.connectionId))
    const updates = rows.filter((row) => row.type === 'connection.updated').map((row) => (row.payload.data as { changed: string[] }).changed)
    expect(updates).toEqual([['credentials', 'settings'], ['settings']])
    const other = await gw.tenant('Other')
    await expectProblem(await gw.call(other.apiKey, `/v1/connections/${tenant.connectionId}`, { method: 'PATCH', body: '{"settings":{}}' }), 404, 'not_found')
  })
})
