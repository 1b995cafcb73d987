/**
 * The console in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, found by
 * label and role the way a screen reader finds things. Sign in, set the webhook endpoint, see a `needs_reauth`
 * connection and follow its reconnect link, filter the call log by request id, redeliver a failed event and see it
 * delivered. Screenshots go to test-output/.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen, type Listening } from '../../src/node/listen.js'
import { testReceiver, type TestReceiver } from '../helpers/events.js'
import { flakyProvider, startFlakyUpstream } from '../helpers/flaky-upstream.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'

const CHROMIUM = '/usr/bin/chromium'
const OUTPUT = 'test-output'

describe.skipIf(!existsSync(CHROMIUM))('console in headless Chromium', () => {
  let browser: Browser
  let gw: TestGateway
  let gateway: Listening
  let receiver: TestReceiver
  let upstream: Awaited<ReturnType<typeof startFlakyUpstream>>

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true })
    upstream = await startFlakyUpstream()
    receiver = await testReceiver()
    let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 })
    gateway = await listen({ fetch: (request) => handler(request) })
    gw = await testGateway({ publicUrl: gateway.url, providers: [flakyProvider], env: { KOPRU_PROVIDER_FLAKY_BASE_URL: upstream.url } })
    handler = (request) => gw.app.fetch(request)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  })
  afterAll(async () => {
    await browser?.close()
    await Promise.all([gateway?.close(), receiver?.close(), upstream?.off()])
  })

  const shot = (page: Page, name: string) => page.screenshot({ path: `${OUTPUT}/console-${name}.png`, fullPage: true })

  async function signIn(page: Page, apiKey: string) {
    await page.goto(`${gateway.url}/console`)
    expect(new URL(page.url()).pathname).toBe('/console/sign-in')
    await page.getByLabel('API key').fill(apiKey)
    await shot(page, 'sign-in')
    await page.getByLabel('API key').press('Enter')
    await page.waitForURL((url) => url.pathname === '/console/connections')
  }

  it('sign in, reconnect a needs_reauth connection, filter the call log, redeliver a failed event', async () => {
    const tenant = await gw.tenant('Browser console')
    const created = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'flaky', credentials: { api_key: 'browser-secret' } }) })
    const connection = ((await created.json()) as { id: string }).id
    const call = await gw.call(tenant.apiKey, '/v1/orders/1', { connection })
    const requestId = call.headers.get('kopru-request-id')!
    await gw.call(tenant.apiKey, '/v1/orders/2', { connection })
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
    const page = await context.newPage()
    try {
      await signIn(page, tenant.apiKey)

      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhook endpoint' }).click()
      await page.getByLabel('Endpoint URL').fill(`${receiver.url}/hook`)
      await page.getByRole('button', { name: 'Save' }).click()
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Endpoint saved')
      await shot(page, 'webhook')

      // The connection loses its authorization while the receiver is down: its event's first delivery fails.
      const { secret } = (await (await gw.call(tenant.apiKey, '/v1/webhook-endpoint')).json()) as { secret: string }
      receiver.useSecret(secret)
      receiver.down = true
      await gw.app.services.connections.markNeedsReauth(tenant.id, connection, 'refresh token revoked')
      expect((await gw.app.services.events.delivery.runOnce()).failed).toBe(1)

      await page.getByRole('link', { name: 'Connections' }).click()
      const row = page.getByRole('row', { name: new RegExp(connection) })
      expect(await row.getByRole('cell', { name: 'needs re-authorization' }).count()).toBe(1)
      await shot(page, 'connections')
      await row.getByRole('link', { name: `Reconnect ${connection}` }).click()
      await page.waitForURL((url) => url.pathname.startsWith('/connect/cs_'))
      expect(await page.locator('h1').textContent()).toBe('Connect Flaky')
      await shot(page, 'reconnect')
      await page.goBack()

      await page.getByRole('link', { name: 'Call log' }).click()
      await page.getByLabel('Request id').fill(requestId)
      await page.getByRole('button', { name: 'Filter' }).click()
      await page.waitForURL((url) => url.searchParams.get('request_id') === requestId)
      const entries = page.getByRole('table').getByRole('row')
      expect(await entries.count()).toBe(2) // the header and the one exchange of that request
      expect(await entries.nth(1).textContent()).toContain(requestId)
      await shot(page, 'call-log')
      await entries.nth(1).getByRole('link').click()
      expect(await page.getByRole('main').textContent()).toContain('/orders/1')

      await page.getByRole('link', { name: 'Events' }).click()
      const eventRow = page.getByRole('row', { name: /connection\.needs_reauth/ })
      expect(await eventRow.textContent()).toContain('503')
      await eventRow.getByRole('link').click()
      receiver.down = false
      await page.getByRole('button', { name: 'Redeliver' }).click()
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Queued for redelivery')
      expect((await gw.app.services.events.delivery.runOnce()).delivered).toBe(1)
      await page.reload()
      expect(await page.getByRole('definition').filter({ hasText: /^delivered$/ }).count()).toBe(1)
      await shot(page, 'event-delivered')
      expect(receiver.handled.map((event) => event.type)).toEqual(['connection.needs_reauth'])

      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.waitForURL((url) => url.pathname === '/console/sign-in')
    } finally {
      await context.close()
    }
  })
})
