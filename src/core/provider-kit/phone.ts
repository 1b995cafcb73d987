/**
 * Turkish phone numbers as providers send them ("05551234567", "5551234567", "+90 555 123 45 67")
 * -> E.164 ("+905551234567"). Anything that is not a Turkish number is returned trimmed, unchanged.
 */
export function turkishPhoneToE164(value: string | null | undefined): string | null {
  if (!value) return null
  const digits = value.replace(/[^\d+]/g, '')
  const national = digits.replace(/^\+?90/, '').replace(/^0/, '')
  if (/^[2-9]\d{9}$/.test(national)) return `+90${national}`
  return value.trim() || null
}

/** E.164 -> the national form Turkish carriers expect ("05551234567"). */
export function e164ToTurkishNational(value: string): string {
  const national = value.replace(/[^\d]/g, '').replace(/^90/, '').replace(/^0/, '')
  return `0${national}`
}

/** E.164 or national Turkish numbers -> the 10-digit national number without the trunk 0 ("5321234567"), or null. */
export function turkishPhone10(value: string | null | undefined): string | null {
  if (!value) return null
  const digits = value.replace(/\D/g, '').replace(/^90(?=\d{10}$)/, '').replace(/^0(?=\d{10}$)/, '')
  return /^\d{10}$/.test(digits) ? digits : null
}
