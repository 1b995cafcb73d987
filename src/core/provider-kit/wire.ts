/**
 * Parse, don't assume: a provider's answer is read through a zod schema of its wire shape. A mismatch is a
 * `502 provider_error` whose `errors[].path` names the provider's field ("ShippingDeliveryVO.…[0].eventDate",
 * "payload.PurchaseDate"), never a TypeError or RangeError later in the mapping. Messages carry zod's
 * description of the mismatch, not the values.
 */
import { z } from 'zod'
import { KopruError } from '../errors.js'
import { fastReader, miss } from './wire-fast.js'

export interface WireSource {
  provider: { id: string; name: string }
  /** What was read, e.g. `queryShipment` or `GET /token`; prefixes every path. */
  what: string
  /** HTTP status of the answer. */
  status?: number
}

/** `payload.Orders[0].PurchaseDate` from zod's path segments, below `root` when one is given. */
export const wirePath = (path: readonly PropertyKey[], root = ''): string =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), root)

const issuesToErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[], root: string) =>
  issues.slice(0, 10).map((issue) => ({ path: wirePath(issue.path, root) || '(body)', message: issue.message }))

/** What zod's parse of `value` returns when the fast reader can tell (wire-fast.ts); zod's own result otherwise. */
function parsedBy<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  const reader = fastReader(schema)
  const read = reader ? reader(value) : miss
  return read === miss ? schema.safeParse(value) : { success: true, data: read as z.output<S> }
}

export function readWire<S extends z.ZodType>(schema: S, value: unknown, source: WireSource): z.output<S> {
  const parsed = parsedBy(schema, value)
  if (parsed.success) return parsed.data
  const errors = issuesToErrors(parsed.error.issues, source.what)
  const first = errors[0]!
  return failWire(source, `${first.path}: ${first.message}`, errors)
}

function failWire(source: WireSource, detail: string, errors: { path: string; message: string }[]): never {
  throw new KopruError('provider_error', `${source.provider.name} sent an answer kopru cannot read (${detail})`, {
    provider: { id: source.provider.id, status: source.status },
    errors,
  })
}

/** The array an envelope carries under `key` (`{content: [...]}`); its absence is the provider's error, naming the field. */
export function wireArray<T = unknown>(body: unknown, key: string, source: WireSource): T[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined
  if (Array.isArray(value)) return value as T[]
  const path = `${source.what}.${key}`
  throw new KopruError('provider_error', `${source.provider.name} answered ${source.what} without a${/^[aeiou]/i.test(key) ? 'n' : ''} ${key} array`, {
    provider: { id: source.provider.id, status: source.status },
    errors: [{ path, message: 'expected an array' }],
  })
}

/**
 * The marketplace adapters' form: paths are the provider's fields from the root of the JSON body
 * (`payload.PurchaseDate`, `orders[1].creationDate`); `what` names the answer in the message.
 */
export function parseWire<S extends z.ZodType>(provider: { id: string; name: string }, schema: S, data: unknown, what = 'an answer'): z.output<S> {
  const parsed = parsedBy(schema, data)
  if (parsed.success) return parsed.data
  const errors = issuesToErrors(parsed.error.issues, '')
  throw new KopruError('provider_error', `${provider.name} sent ${what} kopru cannot read (${errors.map((e) => e.path).join(', ')})`, { provider: { id: provider.id }, errors })
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
export const wireDecimalString = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'not a decimal amount')

/** An ISO 4217 alphabetic currency code. */
export const wireCurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'not an ISO 4217 currency code')
