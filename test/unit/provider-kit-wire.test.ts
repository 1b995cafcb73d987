import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { readWire, wireArray } from '../../src/core/provider-kit/wire.js'

const provider = { id: 'acme', name: 'Acme' }

describe('wire readers', () => {
  it('readWire returns the parsed answer, or provider_error naming the provider field', () => {
    const schema = z.object({ total: z.string().regex(/^\d+\.\d{2}$/) })
    expect(readWire(schema, { total: '1.00' }, { provider, what: 'order', status: 200 })).toEqual({ total: '1.00' })
    expect(() => readWire(schema, { total: 'n/a' }, { provider, what: 'order', status: 200 })).toThrow(
      expect.objectContaining({ code: 'provider_error', status: 502, provider: { id: 'acme', status: 200 }, errors: [expect.objectContaining({ path: 'order.total' })] }),
    )
  })

  it('wireArray reads an envelope array or says which one was missing', () => {
    expect(wireArray({ content: [1, 2] }, 'content', { provider, what: 'the order query' })).toEqual([1, 2])
    expect(() => wireArray({ content: null }, 'content', { provider, what: 'the order query', status: 200 })).toThrow('Acme answered the order query without a content array')
    expect(() => wireArray(null, 'items', { provider, what: 'the list' })).toThrow(expect.objectContaining({ errors: [{ path: 'the list.items', message: 'expected an array' }] }))
  })
})
