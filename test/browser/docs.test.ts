/**
 * /docs in a real browser: Swagger UI, served by kopru itself under the mount point, renders the request body
 * schema of POST /v1/shipments with no request leaving the host (offline, no CDN).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { Hono } from 'hono'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeDocsAssets } from '../../src/node/docs-assets.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { testGateway } from '../helpers/gateway.js'

const CHROMIUM = '/usr/bin/chromium'
const OUTPUT = 'test-output'

describe.skipIf(!existsSync(CHROMIUM))('/docs in headless Chromium', () => {
  let browser: Browser
  let server: Listening

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true })
    const gw = await testGateway({ docsAssets: nodeDocsAssets() })
    server = await listen(new Hono().route('/integrations', gw.app))
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the request body of POST /v1/shipments with its fields', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } })
    const page = await context.newPage()
    const elsewhere: string[] = []
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(server.url)) return route.continue()
      elsewhere.push(url)
      return route.abort()
    })
    try {
      await page.goto(`${server.url}/integrations/docs`)
      const operation = page.locator('#operations-shipments-createShipment')
      await operation.locator('.opblock-summary').first().click()
      const body = operation.locator('.opblock-section-request-body')
      await body.waitFor()
      await body.locator('button[data-name="model"]').first().click()
      await body.locator('.model-box').first().waitFor()
      await body.getByText('parcels').first().waitFor()
      const text = (await body.innerText()).replace(/\s+/g, ' ')
      for (const field of ['CreateShipmentRequest', 'shipper', 'recipient', 'parcels', 'cod', 'reference', 'label_format']) expect(text).toContain(field)
      expect(await page.locator('.opblock-summary-path', { hasText: '/v1/shipments' }).count()).toBeGreaterThan(0)
      await body.screenshot({ path: `${OUTPUT}/docs-create-shipment.png` })
      expect(elsewhere).toEqual([])
    } finally {
      await context.close()
    }
  })
})
