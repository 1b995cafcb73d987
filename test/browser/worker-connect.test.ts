/**
 * The hosted connect flow against the Worker in workerd: headless Chromium walks session -> connect page ->
 * Etsy consent (simulator) -> kopru's /connect/callback at the edge -> redirect_url; then a token close to
 * expiry is refreshed exactly once under 50 concurrent unified calls (promise map per isolate, PostgreSQL
 * advisory lock and re-read across invocations).
 */
import { existsSync } from 'node:fs'
import { Hono } from 'hono'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEtsySimulator, etsyDemo } from '../../providers/etsy/simulator.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { bundleWorker, freePort, startEdge, type Edge } from '../helpers/workerd.js'

const CHROMIUM = '/usr/bin/chromium'
const databaseUrl = process.env.DATABASE_URL
// Etsy refreshes inside 5 minutes of expiry: a 310 s token becomes due 10 s after it was issued.
const TTL_SECONDS = 310
const DUE_AFTER_MS = 10_500

describe.skipIf(!databaseUrl || !existsSync(CHROMIUM))('OAuth at the edge: connect in Chromium, refresh single-flight', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorker>>
  let edge: Edge
  let browser: Browser
  let etsy: ReturnType<typeof createEtsySimulator>
  let etsyServer: Listening
  let app: Listening

  beforeAll(async () => {
    bundle = await bundleWorker()
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    etsy = createEtsySimulator({ redirectUris: [`${base}/connect/callback`], quota: { limit: 100_000, windowMs: 1000 }, accessTtlSeconds: TTL_SECONDS })
    etsyServer = await listen(etsy.app)
    edge = await startEdge(bundle.outdir, {
      port,
      // Two isolates: the promise map is per isolate, so one refresh across both is the advisory lock's doing.
      isolates: 2,
      bindings: {
        KOPRU_PUBLIC_URL: base,
        KOPRU_PROVIDER_ETSY_BASE_URL: etsyServer.url,
        KOPRU_PROVIDER_ETSY_CLIENT_ID: etsyDemo.keystring,
        // This test counts token requests; 50 concurrent calls would otherwise (rightly) queue on Etsy's 10/s.
        KOPRU_QUOTAS: 'off',
      },
    })
    app = await listen(new Hono().get('/done', (c) => c.html(`<p id="result">${c.req.query('connection_id') ?? c.req.query('error')}</p>`)))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await edge?.close()
    await Promise.all([etsyServer?.close(), app?.close()])
    await bundle?.remove()
  })

  it('connects Etsy through the hosted pages served by the Worker, then refreshes a near-expiry token once for 50 calls over two isolates', async () => {
    const tenant = await edge.tenant()
    const headers = { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' }
    const created = await fetch(`${edge.base}/v1/connect/sessions`, { method: 'POST', headers, body: JSON.stringify({ provider: 'etsy', redirect_url: `${app.url}/done` }) })
    expect(created.status).toBe(201)
    const session = (await created.json()) as { url: string }
    expect(session.url.startsWith(edge.base)).toBe(true)
    const context = await browser.newContext()
    const page = await context.newPage()
    let connectionId: string | null
    try {
      await page.goto(session.url)
      expect(await page.locator('h1').textContent()).toMatch(/^Connect /)
      await page.click('button[type="submit"]')
      await page.waitForSelector('#allow')
      await page.click('#allow')
      await page.waitForURL((url) => url.pathname === '/done')
      connectionId = new URL(page.url()).searchParams.get('connection_id')
    } finally {
      await context.close()
    }
    expect(connectionId).toMatch(/^conn_/)
    const connectedAt = Date.now()
    const orders = () => fetch(`${edge.base}/v1/orders?limit=1`, { headers: { ...headers, 'kopru-connection-id': connectionId! } })
    const first = await orders()
    expect(first.status).toBe(200)
    expect(etsy.oauth.stats.refresh).toBe(0)

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, connectedAt + DUE_AFTER_MS - Date.now())))
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        edge.fetchers[index % 2]!.fetch('http://kopru.local/v1/orders?limit=1', { headers: { ...headers, 'kopru-connection-id': connectionId! } }).then(
          async (r) => (await r.arrayBuffer(), r.status),
        ),
      ),
    )
    expect(answers).toEqual(Array(50).fill(200))
    expect(etsy.oauth.stats.refresh).toBe(1)
  }, 90_000)
})
