/**
 * Parse, don't assume, end to end over HTTP: a Turkish marketplace answering with a shape its wire schema
 * refuses becomes 502 provider_error naming the provider's field, never a 500. Each simulator is wrapped so
 * one answer is altered on the way out; everything else (connection checks) is the simulator's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedOrders, type OrderSpec } from '../../providers/hepsiburada/fixtures.js'
import { createHepsiburadaSimulator } from '../../providers/hepsiburada/simulator.js'
import { seedPackages as seedN11Packages } from '../../providers/n11/fixtures.js'
import { createN11Simulator } from '../../providers/n11/simulator.js'
import { seedPackages as seedTrendyolPackages } from '../../providers/trendyol/fixtures.js'
import { createTrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

type App = { fetch(request: Request): Response | Promise<Response> }
type Edit = (body: any) => void

/** The simulator behind a hook that edits the JSON of answers whose path matches. */
function tampered(app: App) {
  const edits: { path: RegExp; edit: Edit }[] = []
  const wrapper = {
    app: {
      async fetch(request: Request) {
        const response = await app.fetch(request)
        const hook = edits.find(({ path }) => path.test(new URL(request.url).pathname))
        if (!hook || !response.ok) return response
        const body = await response.json()
        hook.edit(body)
        return Response.json(body, { status: response.status })
      },
    },
    edit(path: RegExp, edit: Edit) {
      edits.length = 0
      edits.push({ path, edit })
    },
  }
  return wrapper
}

async function connect(env: Record<string, string>, provider: string, credentials: Record<string, string>, environment?: string) {
  const gw = await testGateway({ env })
  const tenant = await gw.tenant()
  const created = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider, environment, credentials }) })
  expect(created.status, await created.clone().text()).toBe(201)
  const connection = ((await created.json()) as { id: string }).id
  return (path: string) => gw.call(tenant.apiKey, path, { connection })
}

describe('surprising provider answers are 502 provider_error naming the field', () => {
  const servers: { server: { close(): unknown } }[] = []
  afterAll(() => servers.forEach((s) => s.server.close()))

  describe('Hepsiburada', () => {
    const merchant = { merchantId: 'a3f5c2e1-7b4d-4c9e-8f21-6d0b9e3a5c77', secretKey: 'Xy7pQ2wE9rTz', userAgent: 'kopru_test_dev' }
    const orders: OrderSpec[] = seedOrders({ count: 4 }).map((spec) => ({ ...spec, status: 'Open' }))
    let call: (path: string) => Promise<Response>
    let sim: ReturnType<typeof tampered> & { url: string; server: { close(): unknown } }
    beforeAll(async () => {
      sim = await serveSimulator(tampered(createHepsiburadaSimulator({ merchants: [{ ...merchant, orders, listings: [] }] }).app))
      servers.push(sim)
      call = await connect({ KOPRU_PROVIDER_HEPSIBURADA_BASE_URL: sim.url }, 'hepsiburada', { merchant_id: merchant.merchantId, secret_key: merchant.secretKey, user_agent: merchant.userAgent }, 'sandbox')
    })

    it('an amount that is not a number', async () => {
      sim.edit(/\/ordernumber\//, (body) => (body.items[0].totalPrice.amount = 'n/a'))
      const problem = await expectProblem(await call(`/v1/orders/${orders[0]!.orderNumber}`), 502, 'provider_error')
      expect(problem.errors[0].path).toBe('response.items[0].totalPrice.amount')
      expect(problem.provider).toMatchObject({ id: 'hepsiburada', status: 200 })
      expect(problem.retryable).toBe(false)
    })

    it('keeps the milliseconds of an Istanbul wall-clock time (2026-03-02T09:15:17.735 -> 06:15:17.735Z)', async () => {
      sim.edit(/\/ordernumber\//, (body) => {
        body.orderDate = '2026-03-02T09:15:17.735'
        for (const item of body.items) item.orderDate = '2026-03-02T09:15:17.735'
      })
      const response = await call(`/v1/orders/${orders[0]!.orderNumber}`)
      expect(response.status).toBe(200)
      expect(((await response.json()) as { created_at: string }).created_at).toBe('2026-03-02T06:15:17.735Z')
    })
  })

  describe('Trendyol', () => {
    const seller = { sellerId: '555001', apiKey: 'tyKeyA1', apiSecret: 'tySecretB2' }
    let call: (path: string) => Promise<Response>
    let sim: ReturnType<typeof tampered> & { url: string; server: { close(): unknown } }
    beforeAll(async () => {
      sim = await serveSimulator(tampered(createTrendyolSimulator({ sellers: [{ ...seller, packages: seedTrendyolPackages({ count: 3 }) }] }).app))
      servers.push(sim)
      call = await connect({ KOPRU_PROVIDER_TRENDYOL_BASE_URL: sim.url }, 'trendyol', { seller_id: seller.sellerId, api_key: seller.apiKey, api_secret: seller.apiSecret })
    })

    it('a quantity that is not a whole number', async () => {
      sim.edit(/\/orders$/, (body) => (body.content[0].lines[0].quantity = 1.5))
      const problem = await expectProblem(await call('/v1/orders?limit=5'), 502, 'provider_error')
      expect(problem.errors[0].path).toBe('response.content[0].lines[0].quantity')
    })

    it('an epoch that is no time', async () => {
      sim.edit(/\/orders$/, (body) => (body.content[0].orderDate = 1e20))
      const problem = await expectProblem(await call('/v1/orders?limit=5'), 502, 'provider_error')
      expect(problem.errors[0].path).toBe('response.content[0].orderDate')
    })
  })

  describe('n11', () => {
    const account = { appKey: 'n11-int-key-A1', appSecret: 'n11-int-secret-B2' }
    let call: (path: string) => Promise<Response>
    let sim: ReturnType<typeof tampered> & { url: string; server: { close(): unknown } }
    beforeAll(async () => {
      sim = await serveSimulator(tampered(createN11Simulator({ accounts: [{ ...account, packages: seedN11Packages({ count: 3 }), products: [] }] }).app))
      servers.push(sim)
      call = await connect({ KOPRU_PROVIDER_N11_BASE_URL: sim.url }, 'n11', { app_key: account.appKey, app_secret: account.appSecret })
    })

    it('a package list without its content array', async () => {
      sim.edit(/shipmentPackages/, (body) => (body.content = { rows: [] }))
      const problem = await expectProblem(await call('/v1/orders?limit=5'), 502, 'provider_error')
      expect(problem.errors[0].path).toBe('response.content')
    })
  })
})
