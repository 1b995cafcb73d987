import { describe, expect, it } from 'vitest'
import { addressKeys, completeAddress } from '../../src/core/provider-kit/index.js'

describe('completeAddress (provider-kit): every key, null for what the provider did not send', () => {
  it('fills every Address key, blanks as null, and upper-cases the country', () => {
    const address = completeAddress({ name: ' Ayşe ', line1: 'Bağdat Cad. 1', city: 'İstanbul', district: '', country_code: 'tr' })
    expect(Object.keys(address!).sort()).toEqual([...addressKeys].sort())
    expect(address).toEqual({
      name: 'Ayşe', company: null, phone: null, email: null, line1: 'Bağdat Cad. 1', line2: null,
      district: null, city: 'İstanbul', state: null, postal_code: null, country_code: 'TR',
    })
  })

  it('is null without street and city, and defaults the country', () => {
    expect(completeAddress({ name: 'x', phone: '+905321112233' })).toBeNull()
    expect(completeAddress({ city: 'Berlin' }, 'DE')).toMatchObject({ name: '', line1: '', city: 'Berlin', country_code: 'DE' })
  })
})
