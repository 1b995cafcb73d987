import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { seedDemo } from '../../src/node/demo.js'
import { startSimulators, type RunningSimulators } from '../../src/node/simulators.js'
import { ADMIN_KEY, testGateway, type TestGateway } from '../helpers/gateway.js'
import { responseValidator } from '../helpers/openapi-validator.js'

const address = (name: string, district: string, city: string) => ({
  name,
  phone: '+905551234567',
  line1: 'Caferağa Mah. Moda Cad. No:5 D:3',
  district,
  city,
  country_code: 'TR',
})
const shipment = {
  shipper: address('Kopru Demo Mağaza', 'Ümraniye', 'İstanbul'),
  recipient: address('Zeynep Şahin', 'Kadıköy', 'İstanbul'),
  parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 10 }],
}

// Every answer kopru gives while talking to every provider's simulator is checked against /openapi.json.
describe('live responses through the gateway validate against /openapi.json', () => {
  let sims: RunningSimulators
  let gw: TestGateway
  let apiKey: string
  let connections: { provider: string; id: string }[]
  let validator: ReturnType<typeof responseValidator>

  beforeAll(async () => {
    sims = await startSimulators(providers)
    gw = await testGateway({ simulatorUrls: sims.urls })
    const demo = await seedDemo(gw.app, sims, 'http://127.0.0.1:9')
    apiKey = demo.apiKey
    connections = demo.connections
    validator = responseValidator(await (await gw.app.request('/openapi.json')).json())
  })
  afterAll(() => sims.close())

  const call = (method: string, template: string, path: string, init: RequestInit & { connection?: string } = {}) =>
    gw.call(apiKey, path, { method: method.toUpperCase(), ...init }).then((response) => validator.check(method, template, response))

  it('seeded a connection for every provider with a simulator', () => {
    expect(connections.map((c) => c.provider).sort()).toEqual(providers.filter((p) => p.simulator).map((p) => p.id).sort())
  })

  it('tenant, admin and ops routes', async () => {
    await call('get', '/v1/providers', '/v1/providers')
    const list = (await call('get', '/v1/connections', '/v1/connections')) as { data: { id: string }[] }
    await call('get', '/v1/connections/{id}', `/v1/connections/${list.data[0]!.id}`)
    await call('get', '/v1/connections/{id}', '/v1/connections/conn_missing')
    await call('put', '/v1/webhook-endpoint', '/v1/webhook-endpoint', { body: JSON.stringify({ url: 'http://127.0.0.1:9/hooks' }) })
    await call('get', '/v1/webhook-endpoint', '/v1/webhook-endpoint')
    await call('get', '/v1/events', '/v1/events?limit=5')
    await call('get', '/v1/orders', '/v1/orders', { body: undefined })
    const admin = await gw.app.request('/admin/tenants', { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
    await validator.check('get', '/admin/tenants', admin)
    for (const path of ['/health', '/ready']) await validator.check('get', path, await gw.app.request(path))
  })

  it('every marketplace operation of every provider', async () => {
    for (const { provider, id } of connections) {
      const definition = providers.find((p) => p.id === provider)!
      const ops = definition.operations
      const opts = { connection: id }
      if (ops['orders.list']) {
        const page = (await call('get', '/v1/orders', '/v1/orders?limit=5&include=raw', opts)) as { data: { id: string }[]; next_cursor: string | null }
        if (page.next_cursor) await call('get', '/v1/orders', `/v1/orders?limit=5&cursor=${encodeURIComponent(page.next_cursor)}`, opts)
        if (page.data[0]) await call('get', '/v1/orders/{id}', `/v1/orders/${encodeURIComponent(page.data[0].id)}`, opts)
        await call('get', '/v1/orders/{id}', '/v1/orders/999999999', opts)
      }
      if (ops['products.list']) {
        const page = (await call('get', '/v1/products', '/v1/products?limit=5', opts)) as { data: { id: string; sku: string }[] }
        if (page.data[0]) await call('get', '/v1/products/{id}', `/v1/products/${encodeURIComponent(page.data[0].id)}`, opts)
        if (ops['inventory.update'] && page.data[0]) {
          const headers = { 'idempotency-key': `inv-${provider}` }
          const body = JSON.stringify({ items: [{ sku: page.data[0].sku, quantity: 3 }] })
          const job = (await call('post', '/v1/inventory', '/v1/inventory', { ...opts, headers, body })) as { id: string }
          await call('get', '/v1/inventory/jobs/{id}', `/v1/inventory/jobs/${job.id}`, opts)
        }
      }
      if (!ops['shipments.create']) await call('post', '/v1/shipments', '/v1/shipments', { ...opts, headers: { 'idempotency-key': 'x' }, body: JSON.stringify(shipment) })
      if (definition.proxy) await call('get', '/v1/proxy/{path}', '/v1/proxy/..%2Fadmin', opts)
    }
  })

  it('every carrier operation of every provider', async () => {
    for (const { provider, id } of connections) {
      const ops = providers.find((p) => p.id === provider)!.operations
      if (!ops['shipments.create']) continue
      const opts = { connection: id }
      await call('post', '/v1/shipments', '/v1/shipments', { ...opts, body: JSON.stringify(shipment) })
      const created = (await call('post', '/v1/shipments', '/v1/shipments', {
        ...opts,
        headers: { 'idempotency-key': `ship-${provider}` },
        body: JSON.stringify({ ...shipment, reference: `KPR-LIVE-${provider}`.toUpperCase() }),
      })) as { id: string; tracking_number: string | null }
      await call('get', '/v1/shipments/{id}', `/v1/shipments/${created.id}`, opts)
      if (created.tracking_number) await call('get', '/v1/tracking/{tracking_number}', `/v1/tracking/${created.tracking_number}`, opts)
      await call('post', '/v1/rates', '/v1/rates', { ...opts, body: JSON.stringify(shipment) })
      await call('post', '/v1/shipments/{id}/cancel', `/v1/shipments/${created.id}/cancel`, { ...opts, headers: { 'idempotency-key': `cancel-${provider}` } })
    }
    expect(validator.checked.length).toBeGreaterThan(40)
  })
})
