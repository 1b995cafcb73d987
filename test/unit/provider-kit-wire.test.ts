import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { completeAddress, isKopruError, parseWire, unitPrice, wireEpochSeconds, wireInstant } from '../../src/core/provider-kit/index.js'

const ACME = { id: 'acme', name: 'Acme' }

describe('provider kit: wire parsing', () => {
  it('turns a mismatch into provider_error naming the provider field', () => {
    const schema = z.object({ payload: z.object({ Orders: z.array(z.object({ PurchaseDate: wireInstant })) }) })
    try {
      parseWire(ACME, schema, { payload: { Orders: [{ PurchaseDate: '2026-01-01T00:00:00Z' }, { PurchaseDate: 'n/a' }] } }, 'a getOrders answer')
      expect.unreachable()
    } catch (error) {
      expect(isKopruError(error) && error.code).toBe('provider_error')
      expect(error).toMatchObject({ status: 502, retryable: false, provider: { id: 'acme' }, errors: [{ path: 'payload.Orders[1].PurchaseDate' }] })
      expect((error as Error).message).toBe('Acme sent a getOrders answer kopru cannot read (payload.Orders[1].PurchaseDate)')
    }
  })
  it('reads instants with an offset as ISO UTC and refuses what new Date() would make Invalid', () => {
    expect(wireInstant.parse('2026-03-02T09:15:17.735+03:00')).toBe('2026-03-02T06:15:17.735Z')
    expect(wireInstant.parse('2026-03-02T09:15Z')).toBe('2026-03-02T09:15:00.000Z')
    for (const bad of ['2026-13-45T99:00:00Z', '2026-03-02T09:15:17', 'yesterday', '']) expect(wireInstant.safeParse(bad).success, bad).toBe(false)
    expect(wireEpochSeconds.parse(946684800)).toBe('2000-01-01T00:00:00.000Z')
    expect(wireEpochSeconds.safeParse(1e15).success).toBe(false)
  })
  it('derives unit prices in the amount’s own digits', () => {
    expect(unitPrice({ amount: '3600', currency: 'JPY' }, 3)).toEqual({ amount: '1200', currency: 'JPY' })
    expect(unitPrice({ amount: '37.035', currency: 'KWD' }, 3)).toEqual({ amount: '12.345', currency: 'KWD' })
    expect(unitPrice({ amount: '10.00', currency: 'USD' }, 3)).toEqual({ amount: '3.33', currency: 'USD' })
    expect(unitPrice({ amount: '-10.00', currency: 'USD' }, 4)).toEqual({ amount: '-2.50', currency: 'USD' })
  })
  it('builds addresses with every key', () => {
    expect(completeAddress({ name: 'A', line1: 'L', city: 'C', country_code: 'US', phone: undefined })).toEqual({
      name: 'A', company: null, phone: null, email: null, line1: 'L', line2: null, district: null, city: 'C', state: null, postal_code: null, country_code: 'US',
    })
  })
})
