import { describe, expect, it } from 'vitest'
import { KopruError } from '../../src/core/errors.js'
import { buildUrl } from '../../src/core/upstream.js'
import { safeProxyPath } from '../../src/routes/proxy.js'

describe('proxy paths can never leave the provider host', () => {
  it.each([
    ['integration/order/sellers/1/orders', '/integration/order/sellers/1/orders'],
    ['a%20b/c', '/a%20b/c'],
    ['v1/items:search', '/v1/items%3Asearch'],
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
  ])('rejects %j with invalid_request', (input) => {
    expect(() => safeProxyPath(input)).toThrow(KopruError)
  })

  it('buildUrl refuses anything that changes the origin', () => {
    expect(buildUrl('https://api.example', '/x/y', { a: 1, b: [1, 2] }).toString()).toBe('https://api.example/x/y?a=1&b=1&b=2')
    expect(() => buildUrl('https://api.example', '@evil.example/x')).toThrow()
  })
})
