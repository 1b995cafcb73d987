import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'

const countryOf = (value: string | null | undefined): CountryCode | undefined =>
  value && /^[A-Za-z]{2}$/.test(value) ? (value.toUpperCase() as CountryCode) : undefined

let last: { text: string; country: string | null | undefined; e164: string } = { text: '', country: undefined, e164: '' }

/**
 * A phone number as a provider sends it -> E.164 ("+14155552671", "+905551234567"), parsed by libphonenumber-js with
 * the metadata of every country. National numbers are read in `country` (the address's ISO 3166 code; marketplaces
 * often send "0555…" or "(415) 555-…" without a prefix). What does not parse as a valid number is returned trimmed,
 * unchanged, so nothing a customer typed is lost.
 */
export function phoneToE164(value: string | null | undefined, country?: string | null): string | null {
  const text = value?.trim()
  if (!text) return null
  // An order's shipping and billing addresses usually carry the same number: the last answer is kept (one entry).
  if (text === last.text && country === last.country) return last.e164
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: countryOf(country), extract: false })
  const e164 = parsed?.isValid() ? parsed.number : text
  last = { text, country, e164 }
  return e164
}

/** Turkish marketplaces' numbers ("05551234567", "5551234567", "+90 555 123 45 67", or a foreign "+49 …") -> E.164. */
export function turkishPhoneToE164(value: string | null | undefined): string | null {
  return phoneToE164(value, 'TR')
}

/** E.164 or national Turkish numbers -> the 10-digit national number without the trunk 0 ("5321234567"), or null. */
export function turkishPhone10(value: string | null | undefined): string | null {
  const parsed = value ? parsePhoneNumberFromString(value, { defaultCountry: 'TR', extract: false }) : undefined
  if (!parsed || parsed.country !== 'TR' || !parsed.isValid()) return null
  return parsed.nationalNumber
}

/** E.164 -> the national form Turkish carriers expect ("05551234567"); other input is returned unchanged. */
export function e164ToTurkishNational(value: string): string {
  const national = turkishPhone10(value)
  return national ? `0${national}` : value
}
