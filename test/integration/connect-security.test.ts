import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEtsySimulator, etsyDemo, type EtsySimulator } from '../../providers/etsy/simulator.js'
import { createShopifySimulator, shopifyDemo, type ShopifySimulator } from '../../providers/shopify/simulator.js'
import { STATE_TTL_MS } from '../../src/core/connect.js'
import { connectSessions, oauthApps } from '../../src/db/schema.js'
import { consent, createSession, gatewayFetch, openConnectPage, pressConnect, PUBLIC_URL } from '../helpers/connect-flow.js'
import { ADMIN_KEY, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const callbackUrl = `${PUBLIC_URL}/connect/callback`

describe('connect flow refuses what it must', () => {
  let etsySim: Awaited<ReturnType<typeof serveSimulator<EtsySimulator>>>
  let shopifySim: Awaited<ReturnType<typeof serveSimulator<ShopifySimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let offset = 0
  const now = () => Date.now() + offset

  beforeAll(async () => {
    etsySim = await serveSimulator(createEtsySimulator({ redirectUris: [callbackUrl], quota: { limit: 10_000, windowMs: 1000 } }))
    shopifySim = await serveSimulator(createShopifySimulator({ redirectUris: [callbackUrl], bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } }))
  })
  afterAll(async () => {
    await etsySim.server.close()
    await shopifySim.server.close()
  })
  beforeEach(async () => {
    offset = 0
    gw = await testGateway({
      publicUrl: PUBLIC_URL,
      now,
      env: {
        KOPRU_PROVIDER_ETSY_BASE_URL: etsySim.url,
        KOPRU_PROVIDER_ETSY_CLIENT_ID: etsyDemo.keystring,
        KOPRU_PROVIDER_SHOPIFY_BASE_URL: shopifySim.url,
        KOPRU_PROVIDER_SHOPIFY_CLIENT_ID: shopifyDemo.clientId,
        KOPRU_PROVIDER_SHOPIFY_CLIENT_SECRET: shopifyDemo.clientSecret,
      },
    })
    tenant = await gw.tenant()
  })

  /** Runs the flow up to the provider's redirect back to kopru (not yet delivered). */
  async function untilCallback(apiKey = tenant.apiKey, provider = 'etsy', form: Record<string, string> = {}) {
    const session = await createSession(gw, apiKey, { provider, redirect_url: 'https://app.example/done' })
    const { cookie } = await openConnectPage(gw, session.url)
    const started = await pressConnect(gw, session.url, cookie, form)
    const callback = await consent(started.headers.get('location')!)
    return { session, cookie, callback }
  }

  async function refusedPage(response: Response, status: number, text: RegExp) {
    const html = await response.text()
    expect(response.status, html).toBe(status)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(html).toMatch(text)
    expect(response.headers.get('location')).toBeNull()
  }

  it('refuses a callback without state', async () => {
    const { callback, cookie } = await untilCallback()
    const url = new URL(callback)
    url.searchParams.delete('state')
    await refusedPage(await gatewayFetch(gw, url.href, { headers: { cookie } }), 400, /no state parameter/)
  })

  it('refuses a foreign state', async () => {
    const { callback, cookie } = await untilCallback()
    const url = new URL(callback)
    url.searchParams.set('state', 'x'.repeat(43))
    await refusedPage(await gatewayFetch(gw, url.href, { headers: { cookie } }), 400, /unknown state/)
  })

  it('refuses a replayed callback', async () => {
    const { callback, cookie } = await untilCallback()
    const first = await gatewayFetch(gw, callback, { headers: { cookie } })
    expect(first.headers.get('location')).toMatch(/connection_id=conn_/)
    await refusedPage(await gatewayFetch(gw, callback, { headers: { cookie } }), 400, /already been used/)
  })

  it('refuses an expired state', async () => {
    const { callback, cookie } = await untilCallback()
    offset = STATE_TTL_MS + 1000
    await refusedPage(await gatewayFetch(gw, callback, { headers: { cookie } }), 400, /expired/)
  })

  it("refuses a callback carrying another tenant's session in this browser", async () => {
    const mine = await createSession(gw, tenant.apiKey, { provider: 'etsy', redirect_url: 'https://app.example/done' })
    const { cookie: myCookie } = await openConnectPage(gw, mine.url)
    const other = await gw.tenant('Other tenant')
    const theirs = await untilCallback(other.apiKey)
    await refusedPage(await gatewayFetch(gw, theirs.callback, { headers: { cookie: myCookie } }), 400, /different connect session/)
    // and without any session cookie at all
    await refusedPage(await gatewayFetch(gw, theirs.callback), 400, /different connect session/)
    expect((await (await gw.call(other.apiKey, '/v1/connections')).json()) as { data: unknown[] }).toMatchObject({ data: [] })
  })

  it('refuses a wrong PKCE verifier (the provider says invalid_grant) with an error on the redirect', async () => {
    const { session, callback, cookie } = await untilCallback()
    const forged = await gw.app.services.keyring.encrypt('w'.repeat(43))
    await gw.app.services.db.update(connectSessions).set({ codeVerifier: forged }).where(eq(connectSessions.id, session.id))
    const response = await gatewayFetch(gw, callback, { headers: { cookie } })
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location')!)
    expect(location.origin + location.pathname).toBe('https://app.example/done')
    expect(location.searchParams.get('error')).toBe('invalid_grant')
    expect(location.searchParams.get('error_description')).toMatch(/code_verifier/)
    expect(location.searchParams.get('connection_id')).toBeNull()
  })

  it('reports a denied consent as access_denied', async () => {
    const session = await createSession(gw, tenant.apiKey, { provider: 'etsy', redirect_url: 'https://app.example/done' })
    const { cookie } = await openConnectPage(gw, session.url)
    const started = await pressConnect(gw, session.url, cookie)
    const callback = await consent(started.headers.get('location')!, 'deny')
    const response = await gatewayFetch(gw, callback, { headers: { cookie } })
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('access_denied')
  })

  it("refuses a Shopify callback whose HMAC does not verify, or that names another shop", async () => {
    const tampered = await untilCallback(tenant.apiKey, 'shopify', { shop: 'kopru-demo.myshopify.com' })
    const url = new URL(tampered.callback)
    url.searchParams.set('timestamp', String(Number(url.searchParams.get('timestamp')) + 1))
    const response = await gatewayFetch(gw, url.href, { headers: { cookie: tampered.cookie } })
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_callback')

    const otherShop = await untilCallback(tenant.apiKey, 'shopify', { shop: 'someone-else' })
    const refused = await gatewayFetch(gw, otherShop.callback, { headers: { cookie: otherShop.cookie } })
    expect(new URL(refused.headers.get('location')!).searchParams.get('error_description')).toMatch(/not someone-else\.myshopify\.com/)
  })

  it('shows inline errors for a malformed shop and for key/secret forms', async () => {
    const session = await createSession(gw, tenant.apiKey, { provider: 'shopify' })
    const { cookie, html } = await openConnectPage(gw, session.url)
    expect(html).toContain('Connect Shopify')
    const started = await pressConnect(gw, session.url, cookie, { shop: 'not a shop!' })
    expect(started.status).toBe(400)
    const page = await started.text()
    expect(page).toContain('aria-invalid="true"')
    expect(page).toContain('your-store.myshopify.com')

    const keyed = await createSession(gw, tenant.apiKey, { provider: 'trendyol' })
    const opened = await openConnectPage(gw, keyed.url)
    expect(opened.html).toContain('Satıcı ID')
    const posted = await gatewayFetch(gw, keyed.url, {
      method: 'POST',
      headers: { cookie: opened.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ seller_id: 'abc', api_key: 'k', api_secret: 's' }).toString(),
    })
    expect(posted.status).toBe(400)
    const form = await posted.text()
    expect(form).toMatch(/aria-invalid="true"[^>]*>\s*<div class="err"[^>]*>the numeric Trendyol seller id/)
  })

  it('refuses unknown and expired connect links, and sessions for providers without an OAuth app', async () => {
    expect((await gatewayFetch(gw, `${PUBLIC_URL}/connect/cs_${'A'.repeat(20)}`)).status).toBe(404)
    const session = await createSession(gw, tenant.apiKey, { provider: 'etsy' })
    offset = 16 * 60_000
    expect((await gatewayFetch(gw, session.url)).status).toBe(410)
    const noApp = await gw.call(tenant.apiKey, '/v1/connect/sessions', { method: 'POST', body: JSON.stringify({ provider: 'amazon' }) })
    expect(noApp.status).toBe(400)
    expect(await noApp.text()).toContain('no OAuth app is configured for Amazon')
  })
})

describe('operator OAuth apps', () => {
  it('PUT /admin/providers/{provider}/oauth-app enables connect sessions and stores the secret encrypted', async () => {
    const gw = await testGateway({ publicUrl: PUBLIC_URL })
    const tenant = await gw.tenant()
    const before = await gw.call(tenant.apiKey, '/v1/connect/sessions', { method: 'POST', body: JSON.stringify({ provider: 'ebay' }) })
    expect(before.status).toBe(400)
    const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }
    const put = await gw.app.request('/admin/providers/ebay/oauth-app', {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ client_id: 'KopruApp-PRD-1', client_secret: 'PRD-very-secret-value', settings: { ru_name: 'Kopru-RuName' } }),
    })
    expect(put.status).toBe(200)
    expect(await put.json()).toEqual({ provider: 'ebay', client_id: 'KopruApp-PRD-1', scopes: null })
    const stored = JSON.stringify(await gw.app.services.db.select().from(oauthApps))
    expect(stored).not.toContain('PRD-very-secret-value')
    const session = await createSession(gw, tenant.apiKey, { provider: 'ebay' })
    const { cookie } = await openConnectPage(gw, session.url)
    const started = await pressConnect(gw, session.url, cookie)
    const authorize = new URL(started.headers.get('location')!)
    expect(authorize.origin + authorize.pathname).toBe('https://auth.ebay.com/oauth2/authorize')
    expect(authorize.searchParams.get('client_id')).toBe('KopruApp-PRD-1')
    expect(authorize.searchParams.get('redirect_uri')).toBe('Kopru-RuName')
    const refused = await gw.app.request('/admin/providers/trendyol/oauth-app', { method: 'PUT', headers: admin, body: JSON.stringify({ client_id: 'x' }) })
    expect(refused.status).toBe(400)
  })
})
