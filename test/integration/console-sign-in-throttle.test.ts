/**
 * Failed console sign-ins over real HTTP: per client address (the socket's remote address; loopback aliases
 * 127.0.0.2/3 are two clients) and per tenant key prefix (distinct addresses through a trusted proxy header).
 * Over the limit: 429 with Retry-After and a page that says how long to wait; other addresses still sign in;
 * once the window passes (a moved clock) the address may try again. Forwarding headers count only when configured.
 */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { listen, type Listening } from '../../src/node/listen.js'
import { defaultSignInLimits } from '../../src/console/sign-in-throttle.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'

const WINDOW_MS = defaultSignInLimits.windowMs

describe('console sign-in throttling over HTTP', () => {
  let server: Listening | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  let clock = 0
  async function start(options: { clientIpHeader?: string } = {}): Promise<TestGateway> {
    clock = Date.parse('2026-12-01T10:00:00Z')
    const gw = await testGateway({ now: () => clock, ...options })
    server = await listen(gw.app)
    return gw
  }

  /** POSTs the sign-in form from a given loopback address (node:http: undici's fetch does not bind one), with extra headers. */
  function signIn(from: string, key: string, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams({ key }).toString()
    return new Promise((resolve, reject) => {
      const sent = request(
        `${server!.url}/console/sign-in`,
        { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const answer = new Headers()
            for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) answer.set(name, String(value))
            resolve(new Response(res.statusCode === 303 ? null : Buffer.concat(chunks), { status: res.statusCode, headers: answer }))
          })
        },
      )
      sent.on('error', reject)
      sent.end(body)
    })
  }
  const wrongKey = (i: number) => `kpr_live_w${String(i).padStart(3, '0')}${'x'.repeat(20)}`

  it('refuses an address after its failures with 429 and Retry-After; another address and, later, the same one sign in', async () => {
    const gw = await start()
    const { apiKey } = await gw.tenant('a')
    for (let i = 0; i < defaultSignInLimits.perAddress; i++) expect((await signIn('127.0.0.2', wrongKey(i))).status).toBe(401)
    const refused = await signIn('127.0.0.2', wrongKey(99))
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBe(WINDOW_MS / 1000)
    expect(refused.headers.get('content-type')).toMatch(/text\/html/)
    const html = await refused.text()
    expect(html).toMatch(/<p class="notice error" role="alert">Too many failed sign-ins\. Wait 15 minutes, then try again\.<\/p>/)
    // The right key from the refused address is refused too (a right guess looks like a wrong one) ...
    expect((await signIn('127.0.0.2', apiKey)).status).toBe(429)
    // ... but from another address it signs in at once.
    const other = await signIn('127.0.0.3', apiKey)
    expect(other.status).toBe(303)
    expect(other.headers.get('set-cookie')).toMatch(/^kopru_console=/)
    // The wait shrinks as the window runs; once it has passed, the address may try again.
    clock += WINDOW_MS - 90_000
    expect((await signIn('127.0.0.2', apiKey)).headers.get('retry-after')).toBe('90')
    clock += 90_000
    expect((await signIn('127.0.0.2', apiKey)).status).toBe(303)
  })

  it('does not count successful sign-ins, and ignores forwarding headers nobody configured', async () => {
    const gw = await start()
    const { apiKey } = await gw.tenant('a')
    for (let i = 0; i < defaultSignInLimits.perAddress * 2; i++) expect((await signIn('127.0.0.2', apiKey)).status).toBe(303)
    for (let i = 0; i < defaultSignInLimits.perAddress; i++) {
      const spoofed = { 'x-forwarded-for': `198.51.100.${i}`, 'cf-connecting-ip': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` }
      expect((await signIn('127.0.0.2', wrongKey(i), spoofed)).status).toBe(401)
    }
    expect((await signIn('127.0.0.2', wrongKey(50), { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429)
  })

  it('behind a configured proxy header, counts its address, and throttles one key prefix across addresses', async () => {
    const gw = await start({ clientIpHeader: 'x-real-ip' })
    const a = await gw.tenant('a')
    const b = await gw.tenant('b')
    const prefix = a.apiKey.slice(0, 13)
    // Every guess from a different client address (one socket: the proxy), all at tenant a's key prefix.
    for (let i = 0; i < defaultSignInLimits.perKeyPrefix; i++) {
      expect((await signIn('127.0.0.2', `${prefix}${'y'.repeat(27)}${i}`, { 'x-real-ip': `198.51.100.${i}` })).status).toBe(401)
    }
    const refused = await signIn('127.0.0.2', `${prefix}zzz`, { 'x-real-ip': '203.0.113.1' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe(String(WINDOW_MS / 1000))
    // Another tenant's key, through the same proxy from a fresh address, is not held up.
    expect((await signIn('127.0.0.2', b.apiKey, { 'x-real-ip': '203.0.113.1' })).status).toBe(303)
    // Per address through the proxy: the header's address is the one counted (the last entry, the proxy's own).
    for (let i = 0; i < defaultSignInLimits.perAddress; i++) {
      expect((await signIn('127.0.0.2', wrongKey(i), { 'x-real-ip': `spoofed, 192.0.2.7` })).status).toBe(401)
    }
    expect((await signIn('127.0.0.2', b.apiKey, { 'x-real-ip': '192.0.2.7' })).status).toBe(429)
    expect((await signIn('127.0.0.2', b.apiKey, { 'x-real-ip': '192.0.2.8' })).status).toBe(303)
  })
})
