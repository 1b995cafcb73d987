import type { Address } from '../../models/common.js'

type Required = Pick<Address, 'name' | 'line1' | 'city' | 'country_code'>
type Optional = Omit<Address, keyof Required>

/** A unified Address with every key present: what the provider does not send is `null`, never a missing key. */
export function completeAddress(fields: Required & { [K in keyof Optional]?: Optional[K] }): Address {
  return {
    name: fields.name,
    company: fields.company ?? null,
    phone: fields.phone ?? null,
    email: fields.email ?? null,
    line1: fields.line1,
    line2: fields.line2 ?? null,
    district: fields.district ?? null,
    city: fields.city,
    state: fields.state ?? null,
    postal_code: fields.postal_code ?? null,
    country_code: fields.country_code,
  }
}
