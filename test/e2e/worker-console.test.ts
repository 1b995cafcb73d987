/**
 * The console at the edge: the bundled Worker in workerd serves the same pages (Hono JSX, WebCrypto-sealed cookie),
 * signs a tenant in and out and refuses a POST without the session's CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker, startEdge, type Edge } from '../helpers/workerd.js'

// The edge path needs PostgreSQL (PGlite is Node-only), so this runs in the PostgreSQL pass of CI.
describe.skipIf(!process.env.DATABASE_URL)('console in workerd', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorker>>
  let edge: Edge

  beforeAll(async () => {
    bundle = await bundleWorker()
    edge = await startEdge(bundle.outdir)
  })
  afterAll(async () => {
    await edge?.close()
    await bundle?.remove()
  })

  it('signs in with a tenant key, renders the pages, refuses a POST without the token, signs out', async () => {
    const tenant = await edge.tenant('Edge console')
    const form = (fields: Record<string, string>, cookie = '') => ({
      method: 'POST',
      redirect: 'manual' as const,
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    })
    const signedIn = await fetch(`${edge.base}/console/sign-in`, form({ key: tenant.apiKey }))
    expect(signedIn.status).toBe(303)
    const setCookie = signedIn.headers.get('set-cookie')!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    const cookie = setCookie.split(';')[0]!
    for (const path of ['/console/connections', '/console/logs', '/console/events', '/console/webhook']) {
      const page = await fetch(`${edge.base}${path}`, { headers: { cookie }, redirect: 'manual' })
      expect(page.status, path).toBe(200)
      expect(await page.text(), path).toContain(`Tenant ${tenant.id}`)
    }
    const html = await (await fetch(`${edge.base}/console/webhook`, { headers: { cookie } })).text()
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
    expect((await fetch(`${edge.base}/console/webhook`, form({ url: 'https://example.com/hook' }, cookie))).status).toBe(403)
    const out = await fetch(`${edge.base}/console/sign-out`, form({ csrf }, cookie))
    expect(out.status).toBe(303)
    expect(out.headers.get('location')).toBe('/console/sign-in')
  })
})
