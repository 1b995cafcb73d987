import { z } from 'zod'
import { KopruError } from '../errors.js'

/**
 * Reads a provider answer through a zod schema of its wire shape. What does not match is a 502 `provider_error`
 * whose `errors[].path` names the provider's field (`response.items.0.totalPrice.amount`), never a TypeError
 * later in the mapping. Not retryable: the same answer would come again.
 */
export function parseAnswer<T>(schema: z.ZodType<T>, data: unknown, provider: { id: string; name: string; status?: number; what?: string }): T {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const errors = result.error.issues.slice(0, 20).map((issue) => ({
    path: ['response', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
  const first = errors[0]!
  throw new KopruError('provider_error', `${provider.name} sent ${provider.what ?? 'an answer'} kopru cannot read: ${first.path}: ${first.message}`, {
    provider: { id: provider.id, status: provider.status },
    errors,
  })
}

/**
 * Wire-shape building blocks. Amounts are JSON numbers within ±10^12 (beyond that `toFixed` turns exponential
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
