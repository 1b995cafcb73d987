import { describe, expect, it } from 'vitest'
import { KopruError } from '../../src/core/errors.js'
import { buildUrl } from '../../src/core/upstream.js'
import { safeProxyPath } from '../../src/routes/proxy.js'
import { validateEndpointUrl } from '../../src/core/events/endpoints.js'

describe('proxy paths can never leave the provider host', () => {
  it.each([
    ['integration/order/sellers/1/orders', '/integration/order/sellers/1/orders'],
    ['a%20b/c', '/a%20b/c'],
    ['v1/items:search', '/v1/items%3Asearch'],
    // One percent-encoded parameter, as openapi-fetch and other generated clients send `{path}`.
    ['integration%2Forder%2Fsellers%2F1%2Forders', '/integration/order/sellers/1/orders'],
    ['a%2Fb%20c/d', '/a/b%20c/d'],
  ])('accepts %s as %s', (input, expected) => expect(safeProxyPath(input)).toBe(expected))

  it.each([
    '',
    '/evil.example/x',
    '..',
    'a/../b',
    'a/%2e%2e/b',
    'a/%2E%2e/b',
    'a/./b',
    'a//b',
    'https:/evil.example',
    'http:%2F%2Fevil.example',
    'user@evil.example/x',
    'a%2f..%2fb',
    'a%5c..%5cb',
    'a%252e%252e/b',
    'bad%zzescape',
    'a%00b',
    '%2Fevil.example%2Fx',
    'a%2F%2Fb',
    'a%2F..%2F..%2Fadmin',
    'https%3A%2F%2Fevil.example',
  ])('rejects %j with invalid_request', (input) => {
    expect(() => safeProxyPath(input)).toThrow(KopruError)
  })

  it('buildUrl refuses anything that changes the origin', () => {
    expect(buildUrl('https://api.example', '/x/y', { a: 1, b: [1, 2] }).toString()).toBe('https://api.example/x/y?a=1&b=1&b=2')
    expect(() => buildUrl('https://api.example', '@evil.example/x')).toThrow()
  })

  it('buildUrl encodes the query as form data, replaces a key the path already carries, skips absent values', () => {
    expect(buildUrl('https://api.example', '/x?a=0&c=3', { a: 1, d: 'x y' }).href).toBe('https://api.example/x?a=1&c=3&d=x+y')
    expect(buildUrl('https://api.example/base', '/p', { q: 'a&b=c', r: 'é+%', s: undefined, t: null, u: [' ', 'ü'] }).href).toBe(
      'https://api.example/base/p?q=a%26b%3Dc&r=%C3%A9%2B%25&u=+&u=%C3%BC',
    )
    expect(buildUrl('https://api.example', '/p', {}).href).toBe('https://api.example/p')
    expect(buildUrl('https://api.example', '/p?', { s: undefined }).href).toBe('https://api.example/p?')
    expect(buildUrl('https://api.example', '/p?', { a: 1 }).href).toBe('https://api.example/p?a=1')
  })
})

describe('webhook endpoints cannot point kopru at its own network', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://2130706433/hook',
    'http://10.1.2.3/hook',
    'http://172.20.0.1/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://[::1]/hook',
    'http://[fd00::1]/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://metadata.google.internal/computeMetadata',
  ])('refuses %s unless private endpoints are allowed', (url) => {
    expect(() => validateEndpointUrl(url)).toThrow(KopruError)
    expect(validateEndpointUrl(url, { allowPrivate: true })).toBe(new URL(url).toString())
  })

  it.each(['https://hooks.example.com/kopru', 'http://93.184.216.34/hook', 'https://[2606:4700::1111]/hook', 'https://172.32.0.1/x'])('accepts %s', (url) => {
    expect(validateEndpointUrl(url)).toBe(new URL(url).toString())
  })

  it('refuses other schemes and embedded credentials', () => {
    expect(() => validateEndpointUrl('ftp://hooks.example.com/x')).toThrow(KopruError)
    expect(() => validateEndpointUrl('https://user:pw@hooks.example.com/x')).toThrow(KopruError)
  })
})
