/**
 * `/v1/proxy` authenticates through the same path as operations for every provider: each built-in provider's
 * simulator checks its own auth (API keys, HMAC signatures, OAuth bearer tokens, MNG's client id plus JWT), and a
 * proxied call on the demo connection must get through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers as builtInProviders } from '../../providers/index.js'
import type { MngSimulator } from '../../providers/mng/simulator.js'
import { SHOPIFY_API_VERSION } from '../../providers/shopify/api.js'
import { seedDemo } from '../../src/node/demo.js'
import { startSimulators, type RunningSimulators } from '../../src/node/simulators.js'
import { PUBLIC_URL } from '../helpers/connect-flow.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'

const credential = (simulators: RunningSimulators, provider: string, field: string) =>
  String((simulators.modules[provider]!.demo.credentials as Record<string, unknown>)[field])

/** A GET below each provider's base URL that its simulator serves only to an authenticated caller. */
const proxied: Record<string, (simulators: RunningSimulators) => string> = {
  trendyol: (s) => `/integration/order/sellers/${credential(s, 'trendyol', 'seller_id')}/orders?page=0&size=1`,
  hepsiburada: (s) => `/orders/merchantid/${credential(s, 'hepsiburada', 'merchant_id')}/cancelled?offset=0&limit=1`,
  n11: () => '/rest/delivery/v1/shipmentPackages?page=0&size=1',
  shopify: () => `/admin/api/${SHOPIFY_API_VERSION}/shop.json`,
  ebay: () => '/sell/fulfillment/v1/order?limit=1',
  etsy: () => '/v3/application/users/me',
  amazon: () => '/sellers/v1/marketplaceParticipations',
  mng: () => '/cbsinfoapi/getcities',
  parasut: () => '/v4/me',
}

describe('/v1/proxy authenticates like operations, for every provider', () => {
  let simulators: RunningSimulators
  let gw: TestGateway
  let demo: Awaited<ReturnType<typeof seedDemo>>

  beforeAll(async () => {
    simulators = await startSimulators(builtInProviders)
    gw = await testGateway({ simulatorUrls: simulators.urls, publicUrl: PUBLIC_URL })
    demo = await seedDemo(gw.app, simulators, PUBLIC_URL)
  }, 60_000)
  afterAll(() => simulators?.close())

  const connectionOf = (provider: string) => demo.connections.find((c) => c.provider === provider)!.id

  it('covers every provider in providers/', () => {
    expect(builtInProviders.map((p) => p.id).sort()).toEqual([...Object.keys(proxied), 'aras', 'izibiz', 'yurtici'].sort())
  })

  it.each(Object.keys(proxied))('%s: a proxied call reaches the simulator authenticated', async (provider) => {
    const response = await gw.call(demo.apiKey, `/v1/proxy${proxied[provider]!(simulators)}`, { connection: connectionOf(provider) })
    const text = await response.text()
    expect({ status: response.status, body: response.status === 200 ? '' : text }).toEqual({ status: 200, body: '' })
    expect(response.headers.get('kopru-provider-status')).toBe('200')
  })

  it('mng: a JWT MNG no longer accepts is renewed once through the core session path, for the proxy and operations', async () => {
    const mng = simulators.modules.mng as unknown as MngSimulator
    mng.reset() // MNG forgets every JWT it issued
    const proxiedCall = await gw.call(demo.apiKey, '/v1/proxy/cbsinfoapi/getcities', { connection: connectionOf('mng') })
    expect(proxiedCall.status).toBe(200)
    expect(mng.stats.tokens).toBe(1)
    const rates = await gw.call(demo.apiKey, '/v1/rates', {
      method: 'POST',
      connection: connectionOf('mng'),
      body: JSON.stringify({
        shipper: { name: 'A', line1: 'Moda Cad. No:1', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
        recipient: { name: 'B', line1: 'Kızılay Mah. No:2', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
        parcels: [{ weight_kg: 1 }],
      }),
    })
    expect(rates.status).toBe(200)
    expect(mng.stats.tokens).toBe(1)
  })

  it.each(['yurtici', 'aras', 'izibiz'])('%s: no proxy — the credentials live inside the SOAP body the caller would write (501)', async (provider) => {
    const response = await gw.call(demo.apiKey, '/v1/proxy/anything', { connection: connectionOf(provider) })
    expect(response.status).toBe(501)
    expect(((await response.json()) as { code: string }).code).toBe('unsupported_operation')
  })
})
