import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFakeMarketplace, fakeMarketplace, fakeReadOnlyMarketplace } from '../helpers/fake-marketplace.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const listings = ['A1', 'A2', 'A3', 'A4', 'A5'].map((sku, i) => ({ sku, price: 100 + i, stock: i }))

describe('shared unified routes: products, inventory jobs, fulfillments (against a minimal fake provider)', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<ReturnType<typeof createFakeMarketplace>>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string

  const connect = async (apiKey: string, provider = 'fakemart') => {
    const response = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider, credentials: { key: 'k1' } }) })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const submit = (items: unknown[], connection = connectionId) =>
    gw.call(tenant.apiKey, '/v1/inventory', { method: 'POST', connection, body: JSON.stringify({ items }) })
  const job = async (id: string, init: { connection?: string } = {}) => {
    const response = await gw.call(tenant.apiKey, `/v1/inventory/jobs/${id}`, init)
    expect(response.status).toBe(200)
    return (await response.json()) as { id: string; status: string; items: { sku: string; status: string; error?: { code: string | null; message: string } }[] }
  }

  beforeAll(async () => {
    sim = await serveSimulator(createFakeMarketplace({ listings }))
  })
  afterAll(() => sim.server.close())
  beforeEach(async () => {
    sim.batches.clear()
    gw = await testGateway({
      providers: [fakeMarketplace(), fakeReadOnlyMarketplace()],
      env: { KOPRU_PROVIDER_FAKEMART_BASE_URL: sim.url, KOPRU_PROVIDER_FAKEREAD_BASE_URL: sim.url },
    })
    tenant = await gw.tenant()
    connectionId = await connect(tenant.apiKey)
  })

  it('lists products page by page with the cursor and gets one', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const response = await gw.call(tenant.apiKey, `/v1/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { connection: connectionId })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { data: { sku: string; raw?: unknown }[]; next_cursor: string | null }
      expect(body.data.every((p) => p.raw === undefined)).toBe(true)
      seen.push(...body.data.map((p) => p.sku))
      cursor = body.next_cursor
    } while (cursor)
    expect(seen).toEqual(['A1', 'A2', 'A3', 'A4', 'A5'])
    const one = await gw.call(tenant.apiKey, '/v1/products/A3?include=raw', { connection: connectionId })
    expect(await one.json()).toMatchObject({ id: 'A3', price: { amount: '102.00', currency: 'TRY' }, quantity: 2, raw: { sku: 'A3' } })
    await expectProblem(await gw.call(tenant.apiKey, '/v1/products/NOPE', { connection: connectionId }), 404, 'not_found')
  })

  it('tracks an inventory batch as a job, split to the provider limit, until final; then stops asking the provider', async () => {
    const items = [
      { sku: 'A1', quantity: 5 },
      { sku: 'A2', price: '10.50' },
      { sku: 'GHOST', quantity: 1 },
      { sku: 'A3', quantity: 0, list_price: '20.00' },
      { sku: 'VANISH', quantity: 1 },
    ]
    const response = await submit(items)
    expect(response.status).toBe(202)
    const created = (await response.json()) as { id: string; status: string; items: { sku: string; status: string }[]; connection_id: string; provider: string }
    expect(created).toMatchObject({ status: 'processing', provider: 'fakemart', connection_id: connectionId })
    expect(created.items).toEqual(items.map((item) => ({ sku: item.sku, barcode: null, status: 'pending' })))
    expect(sim.batches.size).toBe(2) // 5 items at 3 per provider batch

    expect((await job(created.id)).status).toBe('processing')
    sim.finish()
    const done = await job(created.id)
    expect(done.status).toBe('partially_failed')
    expect(done.items).toEqual([
      { sku: 'A1', barcode: null, status: 'succeeded' },
      { sku: 'A2', barcode: null, status: 'succeeded' },
      { sku: 'GHOST', barcode: null, status: 'failed', error: { code: 'rejected', message: 'unknown sku' } },
      { sku: 'A3', barcode: null, status: 'succeeded' },
      { sku: 'VANISH', barcode: null, status: 'failed', error: { code: 'no_result', message: 'the provider finished the batch without a result for this item' } },
    ])
    const polls = sim.received.filter((line) => line.startsWith('GET /stock/')).length
    expect(await job(created.id)).toEqual(done)
    expect(sim.received.filter((line) => line.startsWith('GET /stock/')).length).toBe(polls)
    const rows = await gw.app.services.db.execute(sql`select status, finished_at from inventory_jobs`)
    const row = (Array.isArray(rows) ? rows : (rows as any).rows)[0]
    expect(row.status).toBe('partially_failed')
    expect(row.finished_at).not.toBeNull()
  })

  it('completes, or fails, as a whole when every item agrees', async () => {
    const good = (await (await submit([{ sku: 'A1', quantity: 1 }, { sku: 'A2', quantity: 2 }])).json()) as { id: string }
    const bad = (await (await submit([{ sku: 'X1', quantity: 1 }])).json()) as { id: string }
    sim.finish()
    expect((await job(good.id)).status).toBe('completed')
    expect((await job(bad.id)).status).toBe('failed')
  })

  it('keeps items of a batch the provider refused after earlier batches were accepted, as failed', async () => {
    const response = await submit([{ sku: 'A1', quantity: 1 }, { sku: 'A2', quantity: 1 }, { sku: 'A3', quantity: 1 }, { sku: 'REFUSE-BATCH', quantity: 1 }])
    const created = (await response.json()) as { id: string; items: { sku: string; status: string; error?: { code: string | null } }[] }
    expect(created.items.map((item) => item.status)).toEqual(['pending', 'pending', 'pending', 'failed'])
    expect(created.items[3]!.error?.code).toBe('invalid_request')
    sim.finish()
    expect((await job(created.id)).status).toBe('partially_failed')
    // The very first batch refused: nothing reached the provider, so the call itself fails and stores no job.
    await expectProblem(await submit([{ sku: 'REFUSE-BATCH', quantity: 1 }]), 400, 'invalid_request')
  })

  it('refuses bad inventory requests with a clear 400', async () => {
    const duplicate = await expectProblem(await submit([{ sku: 'A1', quantity: 1 }, { sku: 'A1', quantity: 2 }]), 400, 'invalid_request')
    expect(duplicate.errors).toEqual([{ path: 'body.items.1.sku', message: "'A1' is already at items.0" }])
    await expectProblem(await submit([]), 400, 'invalid_request')
    await expectProblem(await submit([{ sku: 'A1' }]), 400, 'invalid_request')
    await expectProblem(await submit([{ sku: 'A1', price: 10.5 }]), 400, 'invalid_request')
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, quantity: 1 }))
    await expectProblem(await submit(tooMany), 400, 'invalid_request')
    expect(sim.batches.size).toBe(0)
  })

  it('scopes jobs to their tenant and connection', async () => {
    const created = (await (await submit([{ sku: 'A1', quantity: 1 }])).json()) as { id: string }
    const other = await gw.tenant('Other')
    await expectProblem(await gw.call(other.apiKey, `/v1/inventory/jobs/${created.id}`), 404, 'not_found')
    const secondConnection = await connect(tenant.apiKey)
    await expectProblem(await gw.call(tenant.apiKey, `/v1/inventory/jobs/${created.id}`, { connection: secondConnection }), 404, 'not_found')
    expect((await job(created.id, { connection: connectionId })).id).toBe(created.id)
    await expectProblem(await gw.call(tenant.apiKey, '/v1/inventory/jobs/job_nope'), 404, 'not_found')
  })

  it('sends a fulfillment', async () => {
    const response = await gw.call(tenant.apiKey, '/v1/orders/O-77/fulfillments', {
      method: 'POST',
      connection: connectionId,
      body: JSON.stringify({ carrier: 'yurtici', tracking_number: '725123' }),
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({
      order_id: 'O-77',
      provider: 'fakemart',
      connection_id: connectionId,
      carrier: 'yurtici',
      tracking_number: '725123',
      tracking_url: null,
      status: 'accepted',
    })
    expect(sim.received.at(-1)).toBe('POST /orders/O-77/ship')
    const invalid = gw.call(tenant.apiKey, '/v1/orders/O-77/fulfillments', { method: 'POST', connection: connectionId, body: JSON.stringify({ carrier: 'yurtici' }) })
    await expectProblem(await invalid, 400, 'invalid_request')
  })

  it('answers 501 for operations a provider does not implement', async () => {
    const readOnly = await connect(tenant.apiKey, 'fakeread')
    await expectProblem(await submit([{ sku: 'A1', quantity: 1 }], readOnly), 501, 'unsupported_operation')
    await expectProblem(await gw.call(tenant.apiKey, '/v1/products/A1', { connection: readOnly }), 501, 'unsupported_operation')
    const ship = await gw.call(tenant.apiKey, '/v1/orders/1/fulfillments', { method: 'POST', connection: readOnly, body: JSON.stringify({ carrier: 'aras', tracking_number: '1' }) })
    await expectProblem(ship, 501, 'unsupported_operation')
  })
})
