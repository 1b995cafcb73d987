import type { Address } from '../../models/common.js'

type AddressInput = { [K in keyof Address]?: string | null | undefined }

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** Every key of the unified Address, so adapters cannot omit one. */
export const addressKeys = ['name', 'company', 'phone', 'email', 'line1', 'line2', 'district', 'city', 'state', 'postal_code', 'country_code'] as const satisfies readonly (keyof Address)[]

/**
 * A complete unified Address: every key present, blanks as null (`name`, `line1`, `city` as '' since the model
 * requires strings), the country code upper-cased (`defaultCountry` when the provider sends none). Null when the
 * provider sent neither a street nor a city: there is no address to show.
 */
export function completeAddress(input: AddressInput, defaultCountry = 'TR'): Address | null {
  const line1 = clean(input.line1)
  const city = clean(input.city)
  if (!line1 && !city) return null
  return {
    name: clean(input.name) ?? '',
    company: clean(input.company),
    phone: clean(input.phone),
    email: clean(input.email),
    line1: line1 ?? '',
    line2: clean(input.line2),
    district: clean(input.district),
    city: city ?? '',
    state: clean(input.state),
    postal_code: clean(input.postal_code),
    country_code: (clean(input.country_code) ?? defaultCountry).toUpperCase().slice(0, 2),
  }
}
