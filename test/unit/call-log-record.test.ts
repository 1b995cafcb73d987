import { describe, expect, it } from 'vitest'
import { bodyCap, errorCodeFor, loggedBody } from '../../src/core/call-log/record.js'

describe('call log bodies', () => {
  it('redacts secret-named JSON fields at any depth and keeps the rest', () => {
    const body = loggedBody(JSON.stringify({ sku: 'A1', auth: { api_key: 'planted-1', nested: [{ password: 'planted-2' }] } }))
    expect(body).toBe('{"sku":"A1","auth":{"api_key":"[redacted]","nested":[{"password":"[redacted]"}]}}')
  })

  it('masks form and XML credentials in non-JSON bodies', () => {
    expect(loggedBody('user=u&password=planted-3&x=1')).toBe('user=u&password=[redacted]&x=1')
    expect(loggedBody('<wsUserName>u</wsUserName><wsPassword>planted-4</wsPassword>')).toBe('<wsUserName>u</wsUserName><wsPassword>[redacted]</wsPassword>')
  })

  it('scrubs the connection secrets by value, under any field name', () => {
    const body = loggedBody('{"sellerCode":"planted-5","note":"x planted-5 y"}', [() => ['planted-5']])
    expect(body).toBe('{"sellerCode":"[redacted]","note":"x [redacted] y"}')
  })

  it('caps the size and skips streams and empty bodies', () => {
    expect(loggedBody('x'.repeat(bodyCap + 10))).toHaveLength(bodyCap + '…[truncated]'.length)
    expect(loggedBody('')).toBeNull()
    expect(loggedBody(new ReadableStream())).toBeNull()
  })

  it('names the error code a status becomes', () => {
    expect([200, 401, 404, 429, 422, 503, 504, 500].map(errorCodeFor)).toEqual([
      null, 'provider_error', 'not_found', 'rate_limited', 'invalid_request', 'provider_unavailable', 'provider_timeout', 'provider_error',
    ])
  })
})
