import type { TestGateway } from './gateway.js'

export const PUBLIC_URL = 'http://kopru.test'

/** Sends a request to the in-process gateway by absolute URL (the flow's links use PUBLIC_URL). */
export const gatewayFetch = (gw: TestGateway, url: string, init?: RequestInit) => Promise.resolve(gw.app.request(url.replace(PUBLIC_URL, ''), init))

export async function createSession(gw: TestGateway, apiKey: string, body: Record<string, unknown>) {
  const response = await gw.call(apiKey, '/v1/connect/sessions', { method: 'POST', body: JSON.stringify(body) })
  if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`)
  return (await response.json()) as { id: string; url: string; expires_at: string }
}

/** Opens the connect page like a browser: returns the session cookie it sets. */
export async function openConnectPage(gw: TestGateway, url: string) {
  const page = await gatewayFetch(gw, url)
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? ''
  return { page, cookie, html: await page.text() }
}

/** Presses Connect: returns the provider authorize URL kopru redirects to. */
export async function pressConnect(gw: TestGateway, url: string, cookie: string, form: Record<string, string> = {}) {
  const response = await gatewayFetch(gw, `${url}/authorize`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  return response
}

/** The user's decision on the simulator's consent page: returns the redirect back to kopru. */
export async function consent(authorizeUrl: string, decision: 'allow' | 'deny' = 'allow') {
  const url = new URL(authorizeUrl)
  const page = await fetch(url)
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${await page.text()}`)
  const form = new URLSearchParams(url.searchParams)
  form.set('decision', decision)
  const decided = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  })
  const location = decided.headers.get('location')
  if (!location) throw new Error(`consent: ${decided.status} ${await decided.text()}`)
  return location
}

/** The whole flow without a browser; returns the gateway's final answer to the callback. */
export async function connectThroughFlow(
  gw: TestGateway,
  apiKey: string,
  {
    provider,
    redirectUrl = 'https://app.example/done',
    form = {},
    connectionId,
    environment,
  }: { provider: string; redirectUrl?: string; form?: Record<string, string>; connectionId?: string; environment?: 'production' | 'sandbox' },
) {
  const session = await createSession(gw, apiKey, { provider, redirect_url: redirectUrl, ...(connectionId ? { connection_id: connectionId } : {}), ...(environment ? { environment } : {}) })
  const { cookie } = await openConnectPage(gw, session.url)
  const started = await pressConnect(gw, session.url, cookie, form)
  const authorizeUrl = started.headers.get('location')
  if (started.status !== 303 || !authorizeUrl) throw new Error(`connect: ${started.status} ${await started.text()}`)
  const callback = await consent(authorizeUrl)
  const done = await gatewayFetch(gw, callback, { headers: { cookie } })
  const location = done.headers.get('location')
  const connection = location ? new URL(location).searchParams.get('connection_id') : null
  return { session, cookie, authorizeUrl, callback, done, location, connectionId: connection }
}
