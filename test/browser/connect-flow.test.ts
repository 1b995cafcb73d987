/**
 * The hosted connect flow in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by
 * playwright-core walks session -> connect page -> provider consent -> callback -> redirect_url for every
 * OAuth provider against its simulator, then calls the unified API with the new connection.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { Hono } from 'hono'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen, type Listening } from '../../src/node/listen.js'
import { createSession } from '../helpers/connect-flow.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'
import { oauthCases } from '../helpers/oauth-providers.js'

const CHROMIUM = '/usr/bin/chromium'
const OUTPUT = 'test-output'

describe.skipIf(!existsSync(CHROMIUM))('connect flow in headless Chromium', () => {
  let browser: Browser
  let gw: TestGateway
  let gateway: Listening
  let app: Listening
  const simulators: Listening[] = []
  const env: Record<string, string> = {}

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true })
    let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 })
    gateway = await listen({ fetch: (request) => handler(request) })
    const callbackUrl = `${gateway.url}/connect/callback`
    for (const testCase of oauthCases) {
      const sim = testCase.simulator(callbackUrl, { now: () => Date.now() })
      const server = await listen(sim.app)
      simulators.push(server)
      Object.assign(env, testCase.env(server.url))
    }
    gw = await testGateway({ publicUrl: gateway.url, env })
    handler = (request) => gw.app.fetch(request)
    // The tenant's own app that the browser lands on at the end.
    app = await listen(new Hono().get('/done', (c) => c.html(`<p id="result">${c.req.query('connection_id') ?? c.req.query('error')}</p>`)))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  })
  afterAll(async () => {
    await browser?.close()
    await Promise.all([gateway, app, ...simulators].map((server) => server?.close()))
  })

  it.each(oauthCases)('$id: session -> connect page -> consent -> callback -> redirect -> GET /v1/orders', async (testCase) => {
    const tenant = await gw.tenant(`Browser ${testCase.id}`)
    const session = await createSession(gw, tenant.apiKey, { provider: testCase.id, redirect_url: `${app.url}/done` })
    const context = await browser.newContext({ viewport: { width: 720, height: 760 } })
    const page = await context.newPage()
    try {
      await page.goto(session.url)
      expect(await page.locator('h1').textContent()).toMatch(/^Connect /)
      for (const [name, value] of Object.entries(testCase.form)) await page.fill(`input[name="${name}"]`, value)
      await page.screenshot({ path: `${OUTPUT}/connect-${testCase.id}.png`, fullPage: true })
      await page.click('button[type="submit"]')
      await page.waitForSelector('#allow')
      await page.click('#allow')
      await page.waitForURL((url) => url.pathname === '/done')
      const landed = new URL(page.url())
      const connectionId = landed.searchParams.get('connection_id')
      expect(connectionId, landed.href).toMatch(/^conn_/)
      const orders = await gw.call(tenant.apiKey, '/v1/orders?limit=5', { connection: connectionId! })
      expect(orders.status).toBe(200)
      const body = (await orders.json()) as { data: { id: string; provider: string }[] }
      expect(body.data[0]).toMatchObject({ id: testCase.firstOrderId, provider: testCase.id })
    } finally {
      await context.close()
    }
  })
})
