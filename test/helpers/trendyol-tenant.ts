import { createTrendyolSimulator, trendyolDemoSeller, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import type { TestGateway } from './gateway.js'
import { serveSimulator } from './simulators.js'

export type ServedTrendyol = Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>

export const serveTrendyol = () => serveSimulator(createTrendyolSimulator())

export const trendyolCredentials = {
  seller_id: trendyolDemoSeller.sellerId,
  api_key: trendyolDemoSeller.apiKey,
  api_secret: trendyolDemoSeller.apiSecret,
}

/** A tenant with one Trendyol connection on the demo seller of a served simulator. */
export async function trendyolTenant(gw: TestGateway, name?: string) {
  const tenant = await gw.tenant(name)
  const created = await gw.call(tenant.apiKey, '/v1/connections', {
    method: 'POST',
    body: JSON.stringify({ provider: 'trendyol', credentials: trendyolCredentials }),
  })
  if (created.status !== 201) throw new Error(`connection failed: ${created.status} ${await created.text()}`)
  const { id } = (await created.json()) as { id: string }
  return { ...tenant, connectionId: id }
}
