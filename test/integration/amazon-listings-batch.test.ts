/**
 * A 1000-SKU price/stock request to Amazon over HTTP: one patchListingsItem per SKU, every request valid per
 * listingsItems_2021-08-01.json. Quotas are off (`quotas: 'off'`, KOPRU_QUOTAS=off, as for an account with a negotiated usage
 * plan): at the default 5 rps the same request takes about 200 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAmazonSimulator, type AmazonSimulator } from '../../providers/amazon/simulator.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

describe('Amazon 1000-SKU inventory job', () => {
  let h: ProviderHarness<AmazonSimulator>

  beforeAll(async () => {
    h = await providerHarness({
      provider: 'amazon',
      simulator: createAmazonSimulator({ listingCount: 1000 }),
      specs: ['amazon/listingsItems_2021-08-01.json', 'amazon/sellers.json'],
      exclude: /^\/(auth|apps)\//,
      quotas: 'off',
    })
  })
  afterAll(() => h.close())

  it('ends partially_failed naming exactly the SKUs Amazon does not know; every other SKU holds its new stock', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ sku: `SKU-${String(i + 1).padStart(4, '0')}`, quantity: 5000 + i }))
    const bad = [17, 503, 998].map((index) => {
      items[index] = { sku: `GONE-${index}`, quantity: 1 }
      return `GONE-${index}`
    })
    const submitted = await h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', connection: h.connectionId, body: JSON.stringify({ items }) })
    expect(submitted.status, await submitted.clone().text()).toBe(202)
    const { id } = (await submitted.json()) as { id: string }
    const job = (await (await h.get(`/v1/inventory/jobs/${id}`)).json()) as { status: string; items: { sku: string; status: string }[] }
    expect(job.status).toBe('partially_failed')
    expect(job.items).toHaveLength(1000)
    expect(job.items.filter((item) => item.status === 'failed').map((item) => item.sku)).toEqual(bad)
    expect(job.items.filter((item) => item.status === 'succeeded')).toHaveLength(997)
    for (const item of items.filter((i) => !bad.includes(i.sku))) {
      expect(h.sim.listings.get(item.sku)!.item.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: item.quantity }])
    }
    h.expectRequestsValid()
  }, 120_000)
})
