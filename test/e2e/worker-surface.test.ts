import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { arasDemoAccount, createArasSimulator, type ArasSimulator } from '../../providers/aras/simulator.js'
import { createTrendyolSimulator, trendyolDemoSeller, type TrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { testReceiver, type TestReceiver } from '../helpers/events.js'
import { serveSimulator } from '../helpers/simulators.js'
import { bundleWorker, freePort, startEdge, type Edge } from '../helpers/workerd.js'

const databaseUrl = process.env.DATABASE_URL

// The edge path needs PostgreSQL (PGlite is Node-only), so this runs in the PostgreSQL pass of CI.
describe.skipIf(!databaseUrl)('the whole surface in workerd, against the simulators over loopback', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorker>>
  let edge: Edge
  let trendyol: Awaited<ReturnType<typeof serveSimulator<TrendyolSimulator>>>
  let aras: Awaited<ReturnType<typeof serveSimulator<ArasSimulator>>>
  let receiver: TestReceiver
  let tenant: { id: string; apiKey: string }
  let trendyolConnection = ''
  let arasConnection = ''
  const call = (path: string, init: RequestInit & { connection?: string } = {}) =>
    fetch(`${edge.base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${tenant.apiKey}`,
        'content-type': 'application/json',
        ...(init.connection ? { 'kopru-connection-id': init.connection } : {}),
        ...(init.headers as Record<string, string>),
      },
    })

  beforeAll(async () => {
    bundle = await bundleWorker()
    trendyol = await serveSimulator(createTrendyolSimulator({ batchDelayMs: 300 }))
    aras = await serveSimulator(createArasSimulator())
    receiver = await testReceiver()
    const port = await freePort()
    edge = await startEdge(bundle.outdir, {
      port,
      bindings: {
        KOPRU_PUBLIC_URL: `http://127.0.0.1:${port}`,
        KOPRU_PROVIDER_TRENDYOL_BASE_URL: trendyol.url,
        KOPRU_PROVIDER_ARAS_BASE_URL: aras.url,
        KOPRU_WEBHOOK_ALLOW_PRIVATE: '1',
      },
    })
    tenant = await edge.tenant()
    const created = await call('/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        provider: 'trendyol',
        credentials: { seller_id: trendyolDemoSeller.sellerId, api_key: trendyolDemoSeller.apiKey, api_secret: trendyolDemoSeller.apiSecret },
      }),
    })
    expect(created.status).toBe(201)
    trendyolConnection = ((await created.json()) as { id: string }).id
    const carrier = await call('/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        provider: 'aras',
        credentials: {
          user_name: arasDemoAccount.userName,
          password: arasDemoAccount.password,
          query_user_name: arasDemoAccount.queryUserName,
          query_password: arasDemoAccount.queryPassword,
          customer_code: arasDemoAccount.customerCode,
        },
      }),
    })
    expect(carrier.status).toBe(201)
    arasConnection = ((await carrier.json()) as { id: string }).id
  }, 120_000)

  afterAll(async () => {
    await edge?.close()
    await Promise.all([trendyol?.server.close(), aras?.server.close(), receiver?.close()])
    await bundle?.remove()
  })

  it('answers a unified GET /v1/orders from the Trendyol simulator', async () => {
    const response = await call('/v1/orders?limit=3', { connection: trendyolConnection })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { data: { provider: string; connection_id: string; status: string }[]; next_cursor: string | null }
    expect(body.data).toHaveLength(3)
    expect(body.data.every((order) => order.provider === 'trendyol' && order.connection_id === trendyolConnection)).toBe(true)
    expect(body.next_cursor).toEqual(expect.any(String))
  })

  it('forwards /v1/proxy to the provider with auth injected, under its quota', async () => {
    const response = await call(`/v1/proxy/integration/order/sellers/${trendyolDemoSeller.sellerId}/orders?size=1`, { connection: trendyolConnection })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { content: unknown[] }
    expect(body.content).toHaveLength(1)
  })

  it('creates one shipment for concurrent POST /v1/shipments with one Idempotency-Key, and replays it', async () => {
    const body = JSON.stringify({
      shipper: { name: 'Kopru Demo Mağaza', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
      recipient: { name: 'Mehmet Kaya', phone: '+905321234567', line1: 'Kızılay Mah. Atatürk Blv. No:10', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
      parcels: [{ weight_kg: 2, desi: 3 }],
    })
    const before = aras.stats.setOrders
    const post = () => call('/v1/shipments', { method: 'POST', connection: arasConnection, body, headers: { 'idempotency-key': 'edge-ship-1' } })
    const answers = await Promise.all(Array.from({ length: 5 }, post))
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true)
    expect(aras.stats.setOrders - before).toBe(1)
    const replay = await post()
    expect(replay.status).toBe(201)
    const shipment = (await replay.json()) as { carrier: string; reference: string }
    expect(shipment.carrier).toBe('aras')
    expect([...aras.orders.values()].filter((order) => order.integrationCode === shipment.reference)).toHaveLength(1)
    const mismatch = await call('/v1/shipments', { method: 'POST', connection: arasConnection, body: body.replace('Mehmet', 'Ahmet'), headers: { 'idempotency-key': 'edge-ship-1' } })
    expect(mismatch.status).toBe(422)
  })

  it('verifies an inbound Trendyol webhook, pushes the event with waitUntil, and the cron tick delivers what the push could not', async () => {
    const endpoint = await call('/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: receiver.url }) })
    expect(endpoint.status).toBe(200)
    receiver.useSecret(((await endpoint.json()) as { secret: string }).secret)
    expect(trendyol.webhooks(trendyolDemoSeller.sellerId).map((hook) => hook.url)).toEqual([`${edge.base}/webhooks/ty/${trendyolConnection}`])
    const [first, second] = trendyol.seller(trendyolDemoSeller.sellerId).packages

    // Pushed right away: the inbound request's waitUntil runs a delivery pass.
    trendyol.setStatus(first!.id, 'Picking', trendyolDemoSeller.sellerId)
    expect((await trendyol.deliverWebhook(first!.id, trendyolDemoSeller.sellerId))[0]!.status).toBe(200)
    await expect.poll(() => receiver.handled.filter((event) => (event.data as { id?: string }).id === String(first!.id)).length, { timeout: 10_000 }).toBe(1)

    // The receiver is down during the push; once the retry is due, the Cron Trigger's scheduled() delivers it.
    receiver.down = true
    trendyol.setStatus(second!.id, 'Picking', trendyolDemoSeller.sellerId)
    expect((await trendyol.deliverWebhook(second!.id, trendyolDemoSeller.sellerId))[0]!.status).toBe(200)
    await expect.poll(() => receiver.attempts.filter((attempt) => attempt.status === 503).length, { timeout: 10_000 }).toBeGreaterThan(0)
    receiver.down = false
    const sql = postgres(edge.databaseUrl, { max: 1, onnotice: () => {} })
    // Time passes until the retry is due (the backoff is minutes long).
    await sql`update events set next_attempt_at = now() where status = 'pending'`
    await sql.end()
    const handledBefore = receiver.handled.length
    await edge.fetchers[0]!.scheduled({ cron: '* * * * *' })
    const delivered = receiver.handled.slice(handledBefore)
    expect(delivered.map((event) => (event.data as { id?: string }).id)).toContain(String(second!.id))
  })

  it('settles an inventory job nobody reads on the cron tick, and announces it', async () => {
    const products = (await (await call('/v1/products?limit=1', { connection: trendyolConnection })).json()) as { data: { barcode: string }[] }
    const submitted = await call('/v1/inventory', { method: 'POST', connection: trendyolConnection, body: JSON.stringify({ items: [{ barcode: products.data[0]!.barcode, quantity: 7 }] }) })
    expect(submitted.status).toBe(202)
    const job = (await submitted.json()) as { id: string; status: string }
    expect(job.status).toBe('processing')
    const sql = postgres(edge.databaseUrl, { max: 1, onnotice: () => {} })
    try {
      const status = async () => (await sql`select status from inventory_jobs where id = ${job.id}`)[0]!.status as string
      // Trendyol's queue processes the batch after its delay; until a tick asks, the stored job stays as it was.
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await status()).toBe('processing')
      await edge.fetchers[0]!.scheduled({ cron: '* * * * *' })
      expect(await status()).toBe('completed')
      const completed = (await sql`select count(*)::int as n from events where type = 'inventory.job_completed' and payload::text like ${'%' + job.id + '%'}`)[0]!.n as number
      expect(completed).toBe(1)
    } finally {
      await sql.end()
    }
  })
})
