import type { Money } from '../../models/common.js'

const minorDigits: Record<string, number> = { JPY: 0, KRW: 0, KWD: 3, BHD: 3 }
const digitsOf = (currency: string) => minorDigits[currency] ?? 2

/** Provider amount (a JSON number or a decimal string) as a decimal string; never through float sums. */
export function money(amount: number | string | null | undefined, currency: string): Money {
  return { amount: toDecimalString(amount ?? 0, digitsOf(currency)), currency }
}

export function toDecimalString(value: number | string, digits = 2): string {
  // toFixed already rounds the exact binary value to `digits` (what the general path below keeps too); only a
  // negative zero needs its sign dropped. NaN, ±Infinity and exponent forms (≥ 1e21) take the path that refuses them.
  if (typeof value === 'number' && Math.abs(value) < 1e21) {
    const fixed = value.toFixed(digits)
    return fixed.charCodeAt(0) === 45 && !/[1-9]/.test(fixed) ? fixed.slice(1) : fixed
  }
  const text = typeof value === 'number' ? value.toFixed(digits) : value.trim().replace(',', '.')
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match) throw new RangeError(`not a decimal amount: ${value}`)
  const [, sign, whole = '', fraction = ''] = match
  return roundHalfUp(sign!, whole || '0', fraction, digits)
}

function roundHalfUp(sign: string, whole: string, fraction: string, digits: number): string {
  let units = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits))
  if ((fraction[digits] ?? '0') >= '5') units += 1n
  return formatUnits(sign === '-' && units !== 0n ? -units : units, digits)
}

function formatUnits(units: bigint | number, digits: number): string {
  const negative = units < 0
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0')
  const whole = text.slice(0, text.length - digits)
  const fraction = text.slice(text.length - digits)
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`
}

const toUnits = (m: Money): bigint => BigInt(m.amount.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'))

/** Minor units as a plain number when it is exact (every real order amount); null sends the caller to BigInt. */
const safeUnits = (m: Money): number | null => {
  const units = Number(m.amount.replace('.', ''))
  return Number.isSafeInteger(units) ? units : null
}

/** Exact sum of amounts in one currency. */
export function sumMoney(items: Money[], currency: string): Money {
  const digits = digitsOf(currency)
  let total = 0n
  for (const item of items) {
    if (item.currency !== currency) throw new RangeError(`currency mismatch: ${item.currency} vs ${currency}`)
    total += toUnits({ amount: toDecimalString(item.amount, digits), currency })
  }
  return { amount: formatUnits(total, digits), currency }
}

export const multiplyMoney = (unit: Money, quantity: number): Money => {
  const digits = digitsOf(unit.currency)
  const units = safeUnits(unit)
  const product = units === null || !Number.isSafeInteger(quantity) ? NaN : units * quantity
  if (Number.isSafeInteger(product)) return { amount: formatUnits(product, digits), currency: unit.currency }
  return { amount: formatUnits(toUnits(unit) * BigInt(quantity), digits), currency: unit.currency }
}

export const subtractMoney = (a: Money, b: Money): Money => {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`)
  const x = safeUnits(a)
  const y = safeUnits(b)
  const difference = x === null || y === null ? NaN : x - y
  if (Number.isSafeInteger(difference)) return { amount: formatUnits(difference, digitsOf(a.currency)), currency: a.currency }
  return { amount: formatUnits(toUnits(a) - toUnits(b), digitsOf(a.currency)), currency: a.currency }
}

/** The unit price of a line whose total covers `quantity` units, rounded half up in the total's own digits. */
export function unitPrice(total: Money, quantity: number): Money {
  if (quantity <= 1) return total
  const negative = total.amount.startsWith('-')
  const [whole = '0', fraction = ''] = total.amount.replace('-', '').split('.')
  const q = BigInt(quantity)
  const unit = (BigInt(whole + fraction) + q / 2n) / q
  const text = unit.toString().padStart(fraction.length + 1, '0')
  const decimal = fraction.length ? `${text.slice(0, -fraction.length)}.${text.slice(-fraction.length)}` : text
  return { amount: `${negative && unit !== 0n ? '-' : ''}${decimal}`, currency: total.currency }
}
