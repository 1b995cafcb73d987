import { describe, expect, it } from 'vitest'
import { parseProviderTime } from '../../src/core/provider-kit/index.js'

describe('parseProviderTime refuses what is not a wall-clock time instead of rolling it over', () => {
  it.each(['20261320', '20260230', '20261120250000', '31.04.2026 10:00:00', '2026-11-20T24:00:00', '20.11.2026 23:61:00'])('%s -> null', (value) => {
    expect(parseProviderTime(value)).toBeNull()
  })

  it('still reads real ones', () => {
    expect(parseProviderTime('20240229')?.toISOString()).toBe('2024-02-28T21:00:00.000Z')
    expect(parseProviderTime('20.11.2026 23:59:59')?.toISOString()).toBe('2026-11-20T20:59:59.000Z')
  })
})
