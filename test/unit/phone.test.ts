import { describe, expect, it } from 'vitest'
import { turkishPhone10 } from '../../src/core/provider-kit/index.js'

describe('turkishPhone10', () => {
  it('turns Turkish phones into the 10-digit national number, or null', () => {
    expect(turkishPhone10('+905321234567')).toBe('5321234567')
    expect(turkishPhone10('0 (532) 123 45 67')).toBe('5321234567')
    expect(turkishPhone10('5321234567')).toBe('5321234567')
    expect(turkishPhone10('+90 212 12')).toBeNull()
    expect(turkishPhone10(null)).toBeNull()
  })
})
