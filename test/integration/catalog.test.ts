import { beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { operationsOf } from '../../src/core/registry.js'
import { operationIds, type OperationId } from '../../src/core/provider-kit/types.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'

/** The gateway route that serves each unified operation. */
const routeOf: Record<OperationId, string> = {
  'orders.list': 'get /v1/orders',
  'orders.get': 'get /v1/orders/{id}',
  'fulfillments.create': 'post /v1/orders/{id}/fulfillments',
  'products.list': 'get /v1/products',
  'products.get': 'get /v1/products/{id}',
  'inventory.update': 'post /v1/inventory',
  'inventory.job': 'get /v1/inventory/jobs/{id}',
  'shipments.create': 'post /v1/shipments',
  'shipments.get': 'get /v1/shipments/{id}',
  'shipments.cancel': 'post /v1/shipments/{id}/cancel',
  'tracking.get': 'get /v1/tracking/{tracking_number}',
  'rates.list': 'post /v1/rates',
  'invoices.create': 'post /v1/invoices',
  'invoices.get': 'get /v1/invoices/{id}',
  'invoices.cancel': 'post /v1/invoices/{id}/cancel',
  'invoices.pdf': 'get /v1/invoices/{id}/pdf',
  'tax_ids.lookup': 'get /v1/tax-ids/{id}',
  'contacts.list': 'get /v1/contacts',
  'contacts.get': 'get /v1/contacts/{id}',
  'contacts.create': 'post /v1/contacts',
  'invoices.attach': 'post /v1/orders/{id}/invoice',
  proxy: 'get /v1/proxy/{path}',
}

describe('GET /v1/providers agrees with what is implemented', () => {
  let gw: TestGateway
  let catalog: { id: string; operations: string[] }[]
  let routes: Set<string>

  beforeAll(async () => {
    gw = await testGateway()
    const tenant = await gw.tenant()
    catalog = ((await (await gw.call(tenant.apiKey, '/v1/providers')).json()) as { data: typeof catalog }).data
    const response = await gw.app.request('/openapi.json')
    expect(response.status).toBe(200)
    expect((await gw.app.request('/docs')).status).toBe(200)
    const doc = (await response.json()) as { paths: Record<string, Record<string, unknown>> }
    routes = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`)))
  })

  it('lists every registered provider once', () => {
    expect(catalog.map((entry) => entry.id).sort()).toEqual(providers.map((provider) => provider.id).sort())
  })

  for (const provider of providers) {
    it(`${provider.id}: the catalog's operations are exactly the functions the adapter registers`, () => {
      const entry = catalog.find((candidate) => candidate.id === provider.id)!
      const registered = Object.entries(provider.operations)
        .filter(([, fn]) => typeof fn === 'function')
        .map(([id]) => id)
      expect(entry.operations.filter((id) => id !== 'proxy').sort()).toEqual(registered.sort())
      expect(entry.operations.includes('proxy')).toBe(Boolean(provider.proxy))
      expect(entry.operations.sort()).toEqual(operationsOf(provider).sort())
      for (const id of entry.operations) expect(operationIds).toContain(id)
    })
  }

  it('every operation a provider offers has its unified route', () => {
    const offered = new Set(catalog.flatMap((entry) => entry.operations as OperationId[]))
    for (const id of offered) {
      if (id === 'proxy') continue // served by a catch-all, not an OpenAPI route
      expect(routes, `${id} -> ${routeOf[id]}`).toContain(routeOf[id])
    }
  })
})
