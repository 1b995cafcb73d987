import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { readWire, wireArray } from '../../src/core/provider-kit/wire.js'

const ctx = { provider: { id: 'acme', name: 'Acme' } }

describe('wire readers', () => {
  it('readWire returns the parsed answer, or provider_error naming the provider field', () => {
    const schema = z.object({ total: z.string().regex(/^\d+\.\d{2}$/) })
    expect(readWire(ctx, schema, { status: 200, data: { total: '1.00' } }, 'the order')).toEqual({ total: '1.00' })
    expect(() => readWire(ctx, schema, { status: 200, data: { total: 'n/a' } }, 'the order')).toThrow(
      expect.objectContaining({ code: 'provider_error', status: 502, provider: { id: 'acme', status: 200 }, errors: [expect.objectContaining({ path: 'total' })] }),
    )
  })

  it('wireArray reads an envelope array or says which one was missing', () => {
    expect(wireArray(ctx, { content: [1, 2] }, 'content', 'the order query')).toEqual([1, 2])
    expect(() => wireArray(ctx, { content: null }, 'content', 'the order query', 200)).toThrow('Acme answered the order query without a content array')
    expect(() => wireArray(ctx, null, 'items', 'the list')).toThrow('Acme answered the list without an items array')
  })
})
