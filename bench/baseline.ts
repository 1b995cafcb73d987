/**
 * The thinnest gateway that does the same job as kopru's three benchmarked routes, as issue 14 defines
 * it: Hono on @hono/node-server, an undici Pool (64 connections) to the one upstream, the provider's auth
 * headers added, the JSON body parsed and re-serialised — no tenant auth, connection lookup, quota,
 * breaker, metrics or translation. kopru's overhead is measured against it.
 */
import { Hono } from 'hono'
import { Pool } from 'undici'

export interface BaselineOptions {
  upstream: string
  credentials: { seller_id: string; api_key: string; api_secret: string }
}

const WEEK_MS = 7 * 24 * 3600_000

export function createBaseline({ upstream, credentials }: BaselineOptions) {
  const pool = new Pool(upstream, { connections: 64, pipelining: 1 })
  const headers = {
    authorization: `Basic ${btoa(`${credentials.api_key}:${credentials.api_secret}`)}`,
    'user-agent': `${credentials.seller_id} - SelfIntegration`,
    accept: 'application/json',
  }
  const orders = `/integration/order/sellers/${credentials.seller_id}/orders`
  const get = async (path: string) => {
    const response = await pool.request({ method: 'GET', path, headers })
    return { status: response.statusCode, body: (await response.body.json()) as { content: unknown[] } }
  }
  const app = new Hono()
  app.get('/v1/orders/:id', async (c) => {
    const { body } = await get(`${orders}?shipmentPackageIds=${encodeURIComponent(c.req.param('id'))}&page=0&size=1`)
    return c.json(body.content[0] as object)
  })
  app.get('/v1/orders', async (c) => {
    const now = Date.now()
    const { body } = await get(`${orders}?startDate=${now - WEEK_MS}&endDate=${now}&page=0&size=${Number(c.req.query('limit') ?? 50)}`)
    return c.json({ data: body.content, next_cursor: null })
  })
  app.get('/v1/proxy/*', async (c) => {
    const url = new URL(c.req.url)
    const response = await pool.request({ method: 'GET', path: url.pathname.slice('/v1/proxy'.length) + url.search, headers })
    const bytes = await response.body.arrayBuffer()
    return new Response(bytes, { status: response.statusCode, headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') } })
  })
  return { app, close: () => pool.close() }
}
