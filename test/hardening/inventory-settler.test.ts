import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrendyolSimulator, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { events as eventsTable } from '../../src/db/schema.js'
import { testGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'
import { trendyolTenant } from '../helpers/trendyol-tenant.js'

let sim: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
beforeAll(async () => {
  sim = await serveSimulator(createTrendyolSimulator({ batchDelayMs: 50 }))
})
afterAll(() => sim.server.close())

describe('inventory jobs settle in the background', () => {
  it('an unread job produces inventory.job_completed once the provider finished it', { timeout: 60_000 }, async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url } })
    const tenant = await trendyolTenant(gw)
    const products = (await (await gw.call(tenant.apiKey, '/v1/products?limit=1', { connection: tenant.connectionId })).json()) as { data: { sku: string; barcode: string | null }[] }
    const submitted = await gw.call(tenant.apiKey, '/v1/inventory', {
      method: 'POST',
      connection: tenant.connectionId,
      body: JSON.stringify({ items: [{ barcode: products.data[0]!.barcode ?? products.data[0]!.sku, quantity: 7 }] }),
    })
    expect(submitted.status).toBe(202)
    const job = (await submitted.json()) as { id: string; status: string }
    expect(job.status).toBe('processing')
    const completed = () => gw.app.services.db.select().from(eventsTable).where(eq(eventsTable.type, 'inventory.job_completed'))
    expect(await completed()).toHaveLength(0)

    await new Promise((resolve) => setTimeout(resolve, 200))
    const settler = gw.app.services.inventorySettler
    settler.start(50)
    for (let i = 0; i < 100 && (await completed()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    await settler.stop()
    const [event] = await completed()
    expect(event?.payload.data).toMatchObject({ id: job.id, status: expect.stringMatching(/^(completed|partially_failed|failed)$/) })
    expect(await settler.runOnce()).toBe(0)
  })
})
