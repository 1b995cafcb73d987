/**
 * A minimal marketplace used to test the gateway's shared unified routes on their own, independent of any
 * real provider: listings, an asynchronous stock/price batch API and a ship call, served over real HTTP.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { defineProvider, money, submitInBatches, type InventoryProgress } from '../../src/core/provider-kit/index.js'
import type { Product } from '../../src/models/index.js'

interface FakeListing { sku: string; price: number; stock: number }
interface FakeBatch { id: string; items: { sku: string; stock?: number; price?: number }[]; done: boolean }

/** The fake provider's API: batches finish only when the test calls `finish()`. */
export function createFakeMarketplace({ listings, batchSize = 3 }: { listings: FakeListing[]; batchSize?: number }) {
  const batches = new Map<string, FakeBatch>()
  const received: string[] = []
  const app = new Hono()
  app.use('*', async (c, next) => {
    if (c.req.header('x-fake-key') !== 'k1') return c.json({ error: 'bad key' }, 401)
    received.push(`${c.req.method} ${c.req.path}`)
    await next()
  })
  app.get('/listings', (c) => {
    const offset = Number(c.req.query('offset') ?? 0)
    const size = Number(c.req.query('size') ?? 2)
    return c.json({ rows: listings.slice(offset, offset + size), more: offset + size < listings.length })
  })
  app.get('/listings/:sku', (c) => {
    const row = listings.find((listing) => listing.sku === c.req.param('sku'))
    return row ? c.json(row) : c.json({ error: 'no such listing' }, 404)
  })
  app.post('/stock', async (c) => {
    const body = (await c.req.json()) as { items: FakeBatch['items'] }
    if (body.items.length > batchSize) return c.json({ error: 'too many items' }, 400)
    if (body.items.some((item) => item.sku === 'REFUSE-BATCH')) return c.json({ error: 'batch refused' }, 400)
    const id = `b${batches.size + 1}`
    batches.set(id, { id, items: body.items, done: false })
    return c.json({ batch: id })
  })
  app.get('/stock/:id', (c) => {
    const batch = batches.get(c.req.param('id'))
    if (!batch) return c.json({ error: 'no batch' }, 404)
    if (!batch.done) return c.json({ done: false, results: [] })
    return c.json({
      done: true,
      results: batch.items
        .filter((item) => item.sku !== 'VANISH')
        .map((item) => {
          const known = listings.some((listing) => listing.sku === item.sku)
          return known ? { sku: item.sku, ok: true } : { sku: item.sku, ok: false, reason: 'unknown sku' }
        }),
    })
  })
  app.post('/orders/:id/ship', async (c) => c.json({ order: c.req.param('id'), ...(await c.req.json()) }))
  return { app, received, batches, finish: () => batches.forEach((batch) => (batch.done = true)) }
}

const toProduct = (row: FakeListing, connectionId: string): Product => ({
  id: row.sku,
  provider: 'fakemart',
  connection_id: connectionId,
  sku: row.sku,
  barcode: null,
  title: row.sku,
  brand: null,
  category: null,
  price: money(row.price, 'TRY'),
  list_price: null,
  quantity: row.stock,
  status: 'active',
  provider_status: null,
  url: null,
  images: [],
  attributes: {},
  updated_at: null,
  raw: row,
})

export const fakeMarketplace = (batchSize = 3) =>
  defineProvider<{ key: string }>({
    id: 'fakemart',
    name: 'FakeMart',
    kind: 'marketplace',
    auth: {
      type: 'api_key',
      fields: [{ name: 'key', label: 'Key', secret: true }],
      schema: z.object({ key: z.string() }),
      apply: ({ headers }, credentials) => headers.set('x-fake-key', credentials.key),
    },
    baseUrls: { production: 'https://fakemart.invalid', sandbox: 'https://fakemart.invalid' },
    quotas: [],
    operations: {
      async 'products.list'(ctx, input) {
        const offset = typeof input.page === 'number' ? input.page : 0
        const { data } = await ctx.request<{ rows: FakeListing[]; more: boolean }>({ path: '/listings', query: { offset, size: input.limit } })
        return { data: data.rows.map((row) => toProduct(row, ctx.connection.id)), next: data.more ? offset + input.limit : null }
      },
      async 'products.get'(ctx, { id }) {
        const { data } = await ctx.request<FakeListing>({ path: `/listings/${encodeURIComponent(id)}` })
        return toProduct(data, ctx.connection.id)
      },
      'inventory.update': (ctx, { items }) =>
        submitInBatches(items, batchSize, async (batch) => {
          const json = { items: batch.map((item) => ({ sku: item.sku, stock: item.quantity, price: item.price ? Number(item.price) : undefined })) }
          const { data } = await ctx.request<{ batch: string }>({ method: 'POST', path: '/stock', json })
          return data.batch
        }),
      async 'inventory.job'(ctx, { refs }): Promise<InventoryProgress> {
        const progress: InventoryProgress = { status: 'completed', items: [] }
        for (const ref of refs) {
          const { data } = await ctx.request<{ done: boolean; results: { sku: string; ok: boolean; reason?: string }[] }>({ path: `/stock/${String(ref)}` })
          if (!data.done) progress.status = 'processing'
          for (const result of data.results) {
            progress.items.push(
              result.ok ? { sku: result.sku, status: 'succeeded' } : { sku: result.sku, status: 'failed', error: { code: 'rejected', message: result.reason ?? '' } },
            )
          }
        }
        return progress
      },
      async 'fulfillments.create'(ctx, { orderId, fulfillment }) {
        await ctx.request({ method: 'POST', path: `/orders/${encodeURIComponent(orderId)}/ship`, json: { tracking: fulfillment.tracking_number } })
        return {
          order_id: orderId,
          provider: 'fakemart',
          connection_id: ctx.connection.id,
          carrier: fulfillment.carrier,
          tracking_number: fulfillment.tracking_number,
          tracking_url: fulfillment.tracking_url ?? null,
          status: 'accepted',
        }
      },
    },
    async verifyCredentials(ctx) {
      await ctx.request({ path: '/listings', query: { offset: 0, size: 1 } })
    },
  })

/** Same provider without inventory or fulfillment support: those operations answer 501. */
export const fakeReadOnlyMarketplace = () => {
  const full = fakeMarketplace()
  return defineProvider({ ...full, id: 'fakeread', name: 'FakeRead', operations: { 'products.list': full.operations['products.list'] } })
}
