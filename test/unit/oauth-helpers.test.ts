import { describe, expect, it } from 'vitest'
import { shopifyCallbackSignature } from '../../providers/shopify/index.js'
import { normalizeTokens } from '../../src/core/oauth/client.js'
import { fillUrlTemplate } from '../../src/core/oauth/endpoints.js'

describe('Shopify OAuth callback', () => {
  it('signs callbacks like Shopify documents (sorted params, hex HMAC-SHA256)', async () => {
    // Example from shopify.dev "Verify a request": code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173
    const params = new URLSearchParams('hmac=x&shop=some-shop.myshopify.com&code=0907a61c0c8d55e99db179b68161bc00&timestamp=1337178173&state=0.6784241404160823')
    expect(await shopifyCallbackSignature(params, 'hush')).toBe('700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf')
  })
})

describe('OAuth helpers', () => {
  it('normalizes token responses to absolute expiry instants', () => {
    expect(normalizeTokens({ access_token: 'a', refresh_token: 'r', expires_in: 3600, refresh_token_expires_in: '7200', token_type: 'bearer' }, Date.UTC(2026, 0, 1))).toEqual({
      access_token: 'a',
      refresh_token: 'r',
      expires_at: '2026-01-01T01:00:00.000Z',
      refresh_token_expires_at: '2026-01-01T02:00:00.000Z',
    })
    expect(normalizeTokens({ access_token: 'a', refresh_token: '' }, 0)).toEqual({ access_token: 'a' })
  })
  it('fills per-account base URLs only with host-safe values', () => {
    expect(fillUrlTemplate('https://{shop}', { shop: 'a-b.myshopify.com' })).toBe('https://a-b.myshopify.com')
    expect(() => fillUrlTemplate('https://{shop}', { shop: 'evil.com/x?' })).toThrow(/no valid 'shop'/)
    expect(() => fillUrlTemplate('https://{shop}', {})).toThrow()
    expect(fillUrlTemplate('https://api.etsy.com', {})).toBe('https://api.etsy.com')
  })
})
