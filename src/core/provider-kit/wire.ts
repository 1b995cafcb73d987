/**
 * Reading provider answers through zod schemas of their wire shapes ("parse, don't assume"): a surprising
 * answer becomes `provider_error` (502) whose `errors[].path` names the provider's own field, never a
 * TypeError or RangeError deeper in the mapping.
 */
import { z } from 'zod'
import { KopruError } from '../errors.js'

/** `payload.Orders[0].PurchaseDate` from zod's path segments. */
export const wirePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '')

/** The provider error for an answer kopru cannot read, naming each offending field. */
export function wireError(provider: { id: string; name: string }, what: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors = issues.slice(0, 20).map((issue) => ({ path: wirePath(issue.path) || '(body)', message: issue.message }))
  const fields = errors.map((e) => e.path).join(', ')
  return new KopruError('provider_error', `${provider.name} sent ${what} kopru cannot read (${fields})`, { provider: { id: provider.id }, errors })
}

/** Parses `data` with `schema`; a mismatch is a 502 `provider_error` naming the provider's fields. */
export function parseWire<S extends z.ZodType>(provider: { id: string; name: string }, schema: S, data: unknown, what = 'an answer'): z.output<S> {
  const result = schema.safeParse(data)
  if (!result.success) throw wireError(provider, what, result.error.issues)
  return result.data
}

/** A timestamp with an explicit offset or `Z` (ISO 8601 / RFC 3339), read as the ISO UTC string it stands for. */
export const wireInstant = z.string().transform((text, ctx) => {
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})$/.test(text.trim()) ? new Date(text.trim()) : null
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: `not an ISO 8601 timestamp with an offset: ${JSON.stringify(text.slice(0, 40))}` })
    return z.NEVER
  }
  return date.toISOString()
})

/** Epoch seconds (Etsy) as the ISO UTC string; years 1970..9999 only, so `toISOString` cannot throw. */
export const wireEpochSeconds = z
  .number()
  .int()
  .min(0)
  .max(253_402_300_799)
  .transform((seconds) => new Date(seconds * 1000).toISOString())

/** A decimal amount as a string (`"12.34"`, `"-0.50"`), the way most REST providers send money. */
export const wireDecimal = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'not a decimal amount')

/** An ISO 4217 alphabetic currency code. */
export const wireCurrency = z.string().regex(/^[A-Z]{3}$/, 'not an ISO 4217 currency code')
