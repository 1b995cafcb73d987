import { z } from 'zod'

/**
 * Wire-shape building blocks for the schemas read with `readWire` (wire.ts). Amounts are JSON numbers within ±10^12 (beyond that `toFixed` turns exponential
 * and no marketplace order is that large); counts are integers. Everything else stays lenient.
 */
export const wireAmount = z.number().min(-1e12).max(1e12)
export const wireDecimal = z.union([wireAmount, z.string().trim().regex(/^-?\d{1,13}([.,]\d+)?$/)])
export const wireCount = z.number().int().min(0).max(1e9)
export const wireText = z.string().nullish()
export const wireId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String)
/** Epoch millis between 1970 and 9999 (so a Date of it always has a four-digit ISO year). */
export const wireEpochMillis = z.number().int().min(0).max(253402300799999)
/** An ISO 4217 code as providers send it (`TRY`, `try`); normalized to upper case. */
export const wireCurrency = z.string().trim().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 currency code').transform((code) => code.toUpperCase())
