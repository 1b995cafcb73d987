/**
 * Turkish tax identifiers: VKN (vergi kimlik numarası, 10 digits, companies) and TCKN (T.C. kimlik numarası,
 * 11 digits, persons), each with its published check digits. GİB's e-Arşiv guide lets a consumer without a
 * known TCKN be invoiced as 11111111111, which fails the TCKN checksum and is accepted as that placeholder.
 */

export type TaxIdKind = 'vkn' | 'tckn'

export const UNKNOWN_CONSUMER_TCKN = '11111111111'

export function isValidVkn(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false
  const digits = [...value].map(Number)
  let sum = 0
  for (let i = 0; i < 9; i++) {
    const t = (digits[i]! + 9 - i) % 10
    sum += t === 9 ? 9 : (t * 2 ** (9 - i)) % 9
  }
  return (10 - (sum % 10)) % 10 === digits[9]
}

export function isValidTckn(value: string): boolean {
  if (!/^[1-9]\d{10}$/.test(value)) return false
  const d = [...value].map(Number)
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!
  const even = d[1]! + d[3]! + d[5]! + d[7]!
  if ((((odd * 7 - even) % 10) + 10) % 10 !== d[9]) return false
  return d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10]
}

/** The kind of a well-formed tax id with valid check digits (or the consumer placeholder), else null. */
export function taxIdKind(value: string): TaxIdKind | null {
  if (value.length === 10) return isValidVkn(value) ? 'vkn' : null
  if (value.length === 11) return value === UNKNOWN_CONSUMER_TCKN || isValidTckn(value) ? 'tckn' : null
  return null
}
