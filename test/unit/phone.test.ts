import { describe, expect, it } from 'vitest'
import { e164ToTurkishNational, phoneToE164, turkishPhone10, turkishPhoneToE164 } from '../../src/core/provider-kit/index.js'

describe('turkishPhone10', () => {
  it('turns Turkish phones into the 10-digit national number, or null', () => {
    expect(turkishPhone10('+905321234567')).toBe('5321234567')
    expect(turkishPhone10('0 (532) 123 45 67')).toBe('5321234567')
    expect(turkishPhone10('5321234567')).toBe('5321234567')
    expect(turkishPhone10('+90 212 12')).toBeNull()
    expect(turkishPhone10('+49 30 12345678')).toBeNull()
    expect(turkishPhone10(null)).toBeNull()
  })
})

// Global marketplaces send numbers of every country, national or international, in any punctuation.
describe('phoneToE164 (libphonenumber-js, all countries)', () => {
  it.each([
    ['(415) 555-2671', 'US', '+14155552671'],
    ['+1 415-555-2671', null, '+14155552671'],
    ['030 12345678', 'DE', '+493012345678'],
    ['+49 30 12345678', 'TR', '+493012345678'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['0412 345 678', 'AU', '+61412345678'],
    ['+971 50 123 4567', undefined, '+971501234567'],
    ['0532 123 45 67', 'TR', '+905321234567'],
    ['0532 123 45 67', 'tr', '+905321234567'],
  ])('%s in %s -> %s', (input, country, expected) => expect(phoneToE164(input, country)).toBe(expected))

  it('reads the same digits again in another country (the last answer is kept per number and country)', () => {
    expect(phoneToE164('0412 345 678', 'AU')).toBe('+61412345678')
    expect(phoneToE164('0412 345 678', 'AU')).toBe('+61412345678')
    expect(phoneToE164('0412 345 678', 'TR')).toBe('0412 345 678')
    expect(phoneToE164(' 0412 345 678 ', 'AU')).toBe('+61412345678')
  })

  it('keeps what is not a valid number as typed (trimmed), and empty as null', () => {
    expect(phoneToE164(' 12 ', 'US')).toBe('12')
    expect(phoneToE164('(415) 555-2671', null)).toBe('(415) 555-2671')
    expect(phoneToE164('   ')).toBeNull()
    expect(phoneToE164(undefined)).toBeNull()
  })

  it('Turkish helpers keep their contracts', () => {
    expect(turkishPhoneToE164('05551234567')).toBe('+905551234567')
    expect(turkishPhoneToE164('+49 30 12345678')).toBe('+493012345678')
    expect(e164ToTurkishNational('+905551234567')).toBe('05551234567')
  })
})
