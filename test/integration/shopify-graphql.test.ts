/**
 * Shopify on the GraphQL Admin API, over HTTP through the gateway against the simulator: every operation with
 * values, no REST Admin call, and the cost bucket under a burst (one instance, and 3 sharing Redis).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SHOPIFY_GRAPHQL_PATH } from '../../providers/shopify/api.js'
import { ORDER_QUERY } from '../../providers/shopify/queries.js'
import { requestedQueryCost } from '../../providers/shopify/query-cost.js'
import { createShopifySimulator, type ShopifySimulator } from '../../providers/shopify/simulator.js'
import { backgroundScope } from '../../src/core/request-scope.js'
import { createRedisQuotaDatastore } from '../../src/node/redis-quotas.js'
import { listen } from '../../src/node/listen.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { shopifySchemaSpec } from '../helpers/shopify-schema.js'
import { providerHarness, type ProviderHarness } from '../helpers/provider-harness.js'

const json = async (response: Response) => {
  const text = await response.text()
  if (response.status >= 400) throw new Error(`${response.status}: ${text}`)
  return JSON.parse(text) as Record<string, any>
}

describe('Shopify GraphQL operations through the gateway', () => {
  let h: ProviderHarness<ShopifySimulator>
  const post = (path: string, body: unknown, key = crypto.randomUUID()) =>
    h.gw.call(h.apiKey, path, { method: 'POST', body: JSON.stringify(body), connection: h.connectionId, headers: { 'idempotency-key': key } })

  beforeAll(async () => {
    h = await providerHarness({ provider: 'shopify', simulator: createShopifySimulator({ bulkSkus: 990, bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } }), specs: [shopifySchemaSpec()], exclude: /^\/admin\/oauth\// })
  })
  afterAll(() => h.close())
  // Every document and variables kopru sent, and the simulator's answers, per Shopify's published 2025-10 schema.
  afterEach(() => h.expectRequestsValid())

  it('sends nothing but GraphQL to the Admin API', async () => {
    await json(await h.get('/v1/orders?limit=2'))
    await json(await h.get('/v1/products?limit=2'))
    const paths = h.recorder.requests.map((r) => new URL(r.url).pathname)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.every((path) => path === SHOPIFY_GRAPHQL_PATH)).toBe(true)
  })

  it('pages orders newest first with the filter kept in the cursor', async () => {
    const first = await json(await h.get('/v1/orders?limit=2&status=open'))
    expect(first.data.map((o: any) => o.order_number)).toEqual(['#1001', '#1002'])
    expect(first.data[0]).toMatchObject({ status: 'open', payment_status: 'paid', fulfillment_status: 'unfulfilled', total: { currency: 'USD' } })
    const second = await json(await h.get(`/v1/orders?limit=2&status=open&cursor=${first.next_cursor}`))
    expect(second.data.map((o: any) => o.order_number)).toEqual(['#1004', '#1006'])
    expect(second.data.every((o: any) => o.status === 'open')).toBe(true)
  })

  it('reads one order with its lines and shipments', async () => {
    const wire = h.sim.orders[2]!
    const order = await json(await h.get(`/v1/orders/${wire.id}`))
    expect(order).toMatchObject({ id: String(wire.id), status: 'completed', fulfillment_status: 'shipped', lines: [{ id: String(wire.line_items[0]!.id), sku: 'TEE-2' }] })
    expect(order.shipments).toEqual([{ carrier: 'Canada Post', tracking_number: `702321234567`, tracking_url: 'https://www.canadapost-postescanada.ca/track-reperage/en', shipped_at: expect.any(String) }])
    await expectProblem(await h.get('/v1/orders/999'), 404, 'not_found')
  })

  it('reads products and variants', async () => {
    const product = await json(await h.get(`/v1/products/${h.sim.products[0]!.id}`))
    expect(product).toMatchObject({ sku: 'TEE-0', price: { amount: '24.00', currency: 'USD' }, list_price: { amount: '29.00' }, quantity: 12, status: 'active', images: ['https://cdn.shopify.com/s/files/demo/0.jpg'] })
    const page = await json(await h.get('/v1/products?limit=3'))
    expect(page.data).toHaveLength(3)
    expect(page.next_cursor).toEqual(expect.any(String))
  })

  it('reads an UNLISTED product (a ProductStatus new in 2025-10) as active: sellable, only hidden from search', async () => {
    const wire = h.sim.products[2]!
    const original = wire.status
    wire.status = 'unlisted'
    try {
      expect(await json(await h.get(`/v1/products/${wire.id}`))).toMatchObject({ status: 'active', provider_status: 'unlisted' })
    } finally {
      wire.status = original
    }
  })

  it('posts a fulfillment on the order\'s fulfillment order with carrier and tracking number', async () => {
    const wire = h.sim.orders[0]!
    const response = await post(`/v1/orders/${wire.id}/fulfillments`, { carrier: 'UPS', tracking_number: '1Z999AA10123456784', tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' })
    expect(await json(response)).toMatchObject({ order_id: String(wire.id), carrier: 'UPS', tracking_number: '1Z999AA10123456784', status: 'accepted' })
    const sent = h.sim.store.fulfillments.at(-1) as Record<string, any>
    expect(sent.trackingInfo).toEqual({ company: 'UPS', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' })
    expect(sent.lineItemsByFulfillmentOrder[0].fulfillmentOrderLineItems).toEqual([{ id: expect.stringMatching(/^gid:\/\/shopify\/FulfillmentOrderLineItem\//), quantity: wire.line_items[0]!.quantity }])
    const order = await json(await h.get(`/v1/orders/${wire.id}`))
    expect(order.fulfillment_status).toBe('shipped')
    expect(order.shipments.at(-1)).toMatchObject({ carrier: 'UPS', tracking_number: '1Z999AA10123456784' })
    // Nothing is left to fulfil: kopru says so instead of sending an empty fulfillment.
    await expectProblem(await post(`/v1/orders/${wire.id}/fulfillments`, { carrier: 'UPS', tracking_number: 'again' }), 409, 'conflict')
  })

  it('sets 1000 stock levels at the primary location; unknown SKUs end partially_failed, named exactly', async () => {
    const bad = Array.from({ length: 10 }, (_, i) => `NOPE-${i}`)
    const good = Array.from({ length: 990 }, (_, i) => `BULK-${String(i + 1).padStart(5, '0')}`)
    const items = [...good.map((sku, i) => ({ sku, quantity: i % 50 })), ...bad.map((sku) => ({ sku, quantity: 1 }))]
    const job = await json(await post('/v1/inventory', { items }))
    const final = job.status === 'partially_failed' ? job : await json(await h.get(`/v1/inventory/jobs/${job.id}`))
    expect(final.status).toBe('partially_failed')
    expect(final.items.filter((i: any) => i.status === 'failed').map((i: any) => i.sku).sort()).toEqual(bad)
    expect(final.items.filter((i: any) => i.status === 'succeeded')).toHaveLength(990)
    const variant = h.sim.products.flatMap((p) => p.variants ?? []).find((v) => v.sku === 'BULK-00049')!
    expect(variant.inventory_quantity).toBe(48)
  })

  it('updates a price through productVariantsBulkUpdate', async () => {
    const job = await json(await post('/v1/inventory', { items: [{ sku: 'TEE-1', price: '19.90', list_price: '24.90' }] }))
    expect(job.items).toEqual([{ sku: 'TEE-1', barcode: null, status: 'succeeded' }])
    expect(h.sim.products[1]!.variants![0]).toMatchObject({ price: '19.90', compare_at_price: '24.90' })
  })

  it('answers a THROTTLED answer kopru did not foresee as rate_limited, and a top-level error as 502 naming it', async () => {
    h.recorder.answer(() =>
      Response.json({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }], extensions: { cost: { requestedQueryCost: 60, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 10, restoreRate: 100 } } } }),
    )
    try {
      const problem = await expectProblem(await h.get(`/v1/orders/${h.sim.orders[1]!.id}`), 429, 'rate_limited')
      expect(problem.provider).toMatchObject({ id: 'shopify', code: 'THROTTLED' })
      h.recorder.answer(() => Response.json({ errors: [{ message: "Field 'order' doesn't exist", path: ['order'], extensions: { code: 'undefinedField' } }] }))
      const refused = await expectProblem(await h.get(`/v1/orders/${h.sim.orders[1]!.id}`), 502, 'provider_error')
      expect(refused.errors).toEqual([{ path: 'order', message: "Field 'order' doesn't exist" }])
    } finally {
      h.recorder.answer(undefined)
    }
  })
})

/**
 * Issue 16: a burst of 10 bucketfuls uses ≥ 85 % of the restore rate. Measured at the simulator, over the span
 * from the first query it receives to the last: the points it charged beyond the full bucket it
 * started with, against what it restored meanwhile (kopru's own work before the first query is not quota time).
 */
const MIN_USED = 0.85

/** A bucket that fills in 2 s: 10 bucketfuls of order queries (by requested cost) take a few seconds. */
const BUCKET = { maximumAvailable: 200, restoreRate: 100 }
const ORDER_COST = requestedQueryCost(ORDER_QUERY, { id: 'gid://shopify/Order/1' })

/** The simulator with the arrival time of every Admin API query kept, as Shopify would see them. */
function timed(sim: ShopifySimulator) {
  const arrivals: number[] = []
  const app = sim.app
  const upstream = {
    fetch(request: Request) {
      if (new URL(request.url).pathname === SHOPIFY_GRAPHQL_PATH) arrivals.push(Date.now())
      return app.fetch(request)
    },
  }
  return Object.assign(sim, { app: upstream as ShopifySimulator['app'], arrivals })
}

async function burst(instances: TestGateway[], sim: ReturnType<typeof timed>, connection: string, apiKey: string) {
  const orderIds = sim.orders.map((o) => o.id)
  const before = { ...sim.bucket.stats }
  sim.arrivals.length = 0
  const queries = Math.ceil((10 * BUCKET.maximumAvailable) / ORDER_COST)
  const responses = await Promise.all(
    Array.from({ length: queries }, (_, i) => instances[i % instances.length]!.call(apiKey, `/v1/orders/${orderIds[i % orderIds.length]}`, { connection })),
  )
  const seconds = (Math.max(...sim.arrivals) - Math.min(...sim.arrivals)) / 1000
  const actual = sim.bucket.stats.actual - before.actual
  const used = (actual - BUCKET.maximumAvailable) / (BUCKET.restoreRate * seconds)
  return {
    statuses: responses.map((r) => r.status),
    throttled: sim.bucket.stats.throttled - before.throttled,
    // Points spent beyond the bucket the burst started with, against what the restore rate gave meanwhile.
    used,
    bucketfuls: (sim.bucket.stats.requested - before.requested) / BUCKET.maximumAvailable,
  }
}

describe('Shopify access scopes', () => {
  it('a token without write_inventory: the stock items fail with Shopify\'s ACCESS_DENIED naming the scope; reads still work', async () => {
    const scopes = ['read_orders', 'read_customers', 'write_products', 'read_locations', 'write_merchant_managed_fulfillment_orders']
    const h = await providerHarness({ provider: 'shopify', simulator: createShopifySimulator({ scopes, bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } }), specs: [] })
    try {
      const job = await json(await h.gw.call(h.apiKey, '/v1/inventory', { method: 'POST', body: JSON.stringify({ items: [{ sku: 'TEE-1', quantity: 3 }] }), connection: h.connectionId, headers: { 'idempotency-key': crypto.randomUUID() } }))
      expect(job.items).toEqual([{ sku: 'TEE-1', barcode: null, status: 'failed', error: { code: 'ACCESS_DENIED', message: expect.stringContaining('`write_inventory` access scope') } }])
      expect((await json(await h.get('/v1/orders?limit=1'))).data).toHaveLength(1)
    } finally {
      await h.close()
    }
  })
})

describe('Shopify REST Admin calls through /v1/proxy', () => {
  it('are charged no GraphQL points: they wait on REST\'s own rate only', async () => {
    // The simulator's bucket as Shopify's Standard plan (2000 points, 100/s). Charged the single-query maximum
    // (1000 points) each, as they were, the third call waited ~10 s for the bucket to refill.
    const h = await providerHarness({ provider: 'shopify', simulator: createShopifySimulator(), specs: [] })
    try {
      const ids: string[] = []
      for (let i = 0; i < 3; i++) {
        const response = await h.get('/v1/proxy/admin/api/2025-10/shop.json')
        expect(response.status).toBe(404)
        ids.push(response.headers.get('kopru-request-id')!)
      }
      for (const id of ids) {
        const logs = await json(await h.gw.call(h.apiKey, `/v1/logs?request_id=${id}`))
        expect(logs.data).toHaveLength(1)
        // 2 requests per second: the third waits for the first to leave the window, under a second.
        expect(logs.data[0].quota_wait_ms).toBeLessThan(1500)
      }
    } finally {
      await h.close()
    }
  }, 30_000)
})

describe('Shopify cost bucket under a burst', () => {
  it('one instance: zero THROTTLED at Shopify and most of the restore rate used', async () => {
    const h = await providerHarness({ provider: 'shopify', simulator: timed(createShopifySimulator({ bucket: BUCKET })), specs: [] })
    try {
      const result = await burst([h.gw], h.sim, h.connectionId, h.apiKey)
      expect(result.statuses.every((s) => s === 200)).toBe(true)
      expect(result.throttled).toBe(0)
      expect(result.bucketfuls).toBeGreaterThanOrEqual(10)
      expect(result.used).toBeGreaterThanOrEqual(MIN_USED)
    } finally {
      await h.close()
    }
  }, 60_000)

  it.runIf(process.env.REDIS_URL)('3 instances sharing Redis: zero THROTTLED and most of the restore rate used', async () => {
    const sim = timed(createShopifySimulator({ bucket: BUCKET }))
    const server = await listen(sim.app)
    const namespace = `kopru-shopify-${crypto.randomUUID()}`
    const datastores = Array.from({ length: 3 }, () => createRedisQuotaDatastore(process.env.REDIS_URL!, { namespace }))
    const instances: TestGateway[] = []
    try {
      for (const datastore of datastores) instances.push(await testGateway({ env: { KOPRU_PROVIDER_SHOPIFY_BASE_URL: server.url }, quotaDatastore: datastore }))
      const tenant = await instances[0]!.tenant()
      const grant = sim.demoOAuth.grant()
      const { connection } = await instances[0]!.app.services.connections.authorize(
        { tenantId: tenant.id, provider: 'shopify', environment: 'sandbox', credentials: grant.tokens, metadata: grant.metadata },
        backgroundScope('req_burst'),
      )
      const result = await burst(instances, sim, connection.info.id, tenant.apiKey)
      expect(result.statuses.every((s) => s === 200)).toBe(true)
      expect(result.throttled).toBe(0)
      expect(result.used).toBeGreaterThanOrEqual(MIN_USED)
    } finally {
      for (const gw of instances) await gw.app.services.close()
      for (const datastore of datastores) await datastore.close()
      await server.close()
    }
  }, 60_000)
})
