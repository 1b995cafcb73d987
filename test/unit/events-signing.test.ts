import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signWebhook, webhookHeaders } from '../../src/core/events/signing.js'
import { fingerprintOf, stableJson } from '../../src/core/events/observe.js'
import { bodyDigest, hmacSha256Base64, sharedSecretMatches, verifyHmacSha256Base64 } from '../../src/core/provider-kit/webhooks.js'
import { createReceiver, verifyWebhook } from '../../examples/webhook-receiver.js'

const utf8 = new TextEncoder()

describe('Standard Webhooks signing', () => {
  it('matches the specification test vector', async () => {
    // From the Standard Webhooks reference libraries' tests (standard-webhooks/standard-webhooks).
    const signature = await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret()
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(atob(a.slice(6))).toHaveLength(32)
    expect(generateWebhookSecret()).not.toBe(a)
  })

  it('the example receiver verifies kopru signatures and refuses tampering, other secrets and stale timestamps', async () => {
    const secret = generateWebhookSecret()
    const body = '{"id":"evt_1","type":"order.created"}'
    const now = 1_800_000_000
    const headers = new Headers(await webhookHeaders(secret, 'evt_1', now, body))
    expect(await verifyWebhook(secret, headers, utf8.encode(body), { nowSeconds: now })).toBe(true)
    expect(await verifyWebhook(secret, headers, utf8.encode(body.replace('created', 'updated')), { nowSeconds: now })).toBe(false)
    expect(await verifyWebhook(generateWebhookSecret(), headers, utf8.encode(body), { nowSeconds: now })).toBe(false)
    expect(await verifyWebhook(secret, headers, utf8.encode(body), { nowSeconds: now + 301 })).toBe(false)
    const otherId = new Headers(headers)
    otherId.set('webhook-id', 'evt_2')
    expect(await verifyWebhook(secret, otherId, utf8.encode(body), { nowSeconds: now })).toBe(false)
    // Several signatures (secret rotation): one valid is enough.
    const rotated = new Headers(headers)
    rotated.set('webhook-signature', `v1,AAAA ${headers.get('webhook-signature')}`)
    expect(await verifyWebhook(secret, rotated, utf8.encode(body), { nowSeconds: now })).toBe(true)
  })

  it('the example receiver handles each webhook-id once', async () => {
    const secret = generateWebhookSecret()
    const handled: string[] = []
    const receiver = createReceiver({ secret, onEvent: (event) => void handled.push(event.id), now: () => 1_800_000_000 })
    const body = '{"id":"evt_9","type":"order.created"}'
    const send = async () =>
      receiver.fetch(new Request('http://r/', { method: 'POST', body, headers: await webhookHeaders(secret, 'evt_9', 1_800_000_000, body) }))
    expect((await send()).status).toBe(204)
    expect((await send()).status).toBe(204)
    expect(handled).toEqual(['evt_9'])
    const forged = await receiver.fetch(new Request('http://r/', { method: 'POST', body, headers: { 'webhook-id': 'evt_9', 'webhook-timestamp': '1800000000', 'webhook-signature': 'v1,Zm9v' } }))
    expect(forged.status).toBe(401)
  })
})

describe('provider-kit webhook verifiers', () => {
  it('verifies Shopify-style base64 HMAC-SHA256 over the raw body', async () => {
    const body = utf8.encode('{"id":820982911946154500,"email":"ayse@example.com"}')
    const signature = await hmacSha256Base64('shpss_app_secret', body)
    expect(await verifyHmacSha256Base64({ secret: 'shpss_app_secret', body, signature })).toBe(true)
    expect(await verifyHmacSha256Base64({ secret: 'shpss_other', body, signature })).toBe(false)
    expect(await verifyHmacSha256Base64({ secret: 'shpss_app_secret', body: utf8.encode('{"id":820982911946154501}'), signature })).toBe(false)
    for (const bad of [null, '', 'not base64!', 'Zm9v', `${signature}x`]) {
      expect(await verifyHmacSha256Base64({ secret: 'shpss_app_secret', body, signature: bad })).toBe(false)
    }
  })

  it('compares shared secrets only when both exist', () => {
    expect(sharedSecretMatches('k1', 'k1')).toBe(true)
    expect(sharedSecretMatches('k1', 'k2')).toBe(false)
    expect(sharedSecretMatches(null, 'k1')).toBe(false)
    expect(sharedSecretMatches('', '')).toBe(false)
  })

  it('digests bodies for replay keys', async () => {
    expect(await bodyDigest(utf8.encode('a'))).toBe('sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb')
  })
})

describe('change fingerprints', () => {
  it('ignore key order and undefined fields, and see every value change', async () => {
    expect(stableJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}')
    expect(await fingerprintOf({ a: 1, b: 2 })).toBe(await fingerprintOf({ b: 2, a: 1 }))
    expect(await fingerprintOf({ a: 1, b: 2 })).not.toBe(await fingerprintOf({ a: 1, b: 3 }))
  })
})
