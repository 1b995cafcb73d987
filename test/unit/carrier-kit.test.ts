import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { soapCarrier } from '../../src/core/provider-kit/index.js'

const carrier = soapCarrier({ id: 'x', name: 'X Kargo', notFound: 'order' })
const failure = { code: '9', message: 'olmadı', reference: 'R1', operation: 'SetOrder' }

describe('SOAP carrier kit: one place turns result codes and faults into the gateway errors', () => {
  it.each([
    [{ kind: 'field', path: 'body.recipient.city' } as const, { code: 'invalid_request', status: 400, errors: [{ path: 'body.recipient.city', message: 'olmadı (X Kargo 9)' }] }],
    [{ kind: 'auth' } as const, { code: 'provider_error', kind: 'auth' }],
    [{ kind: 'not_found' } as const, { code: 'not_found', message: "X Kargo has no order 'R1'" }],
    [{ kind: 'duplicate' } as const, { code: 'conflict', kind: 'duplicate' }],
    [{ kind: 'conflict' } as const, { code: 'conflict', kind: 'conflict' }],
    [{ kind: 'provider' } as const, { code: 'provider_error', status: 502, kind: undefined }],
  ])('%j', (result, expected) => {
    const error = carrier.failure(result, failure)
    expect(error).toMatchObject({ ...expected, provider: { id: 'x', code: '9', message: 'olmadı' } })
  })

  it('recognises credential faults by their text, optionally only for the service’s own exception', () => {
    const fault = { code: 'soap:Server', message: 'Kullanıcı adı veya şifre hatalı', detail: null }
    expect(carrier.credentialFault('query')(fault)).toMatchObject({ kind: 'auth', message: expect.stringContaining('query credentials') })
    expect(carrier.credentialFault('', () => false)(fault)).toBeUndefined()
    expect(carrier.credentialFault()({ ...fault, message: 'NullPointerException' })).toBeUndefined()
  })

  it('reads an answer through its wire schema with the carrier named as the source', () => {
    const wire = z.looseObject({ ResultCode: z.string() })
    expect(carrier.read(wire, { ResultCode: '0' }, 'SetOrderResponse')).toEqual({ ResultCode: '0' })
    expect(() => carrier.read(wire, { ResultCode: 7 }, 'SetOrderResponse')).toThrow(
      expect.objectContaining({ code: 'provider_error', provider: expect.objectContaining({ id: 'x' }), errors: [expect.objectContaining({ path: 'SetOrderResponse.ResultCode' })] }),
    )
  })
})
