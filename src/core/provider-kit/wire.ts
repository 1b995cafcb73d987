/**
 * Parse, don't assume: a provider's answer is read through a zod schema of its wire shape. A mismatch is a
 * `502 provider_error` whose `errors[].path` names the provider's field ("ShippingDeliveryVO.…[0].eventDate"),
 * never a TypeError later in the mapping. Messages carry zod's description of the mismatch, not the values.
 */
import type { z } from 'zod'
import { KopruError } from '../errors.js'

export interface WireSource {
  provider: { id: string; name: string }
  /** What was read, e.g. `queryShipment` or `GET /token`; prefixes every path. */
  what: string
  /** HTTP status of the answer. */
  status?: number
}

const pathOf = (root: string, path: readonly PropertyKey[]) =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), root)

export function readWire<S extends z.ZodType>(schema: S, value: unknown, source: WireSource): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const errors = parsed.error.issues.slice(0, 10).map((issue) => ({ path: pathOf(source.what, issue.path), message: issue.message }))
  const first = errors[0]!
  return failWire(source, `${first.path}: ${first.message}`, errors)
}

function failWire(source: WireSource, detail: string, errors: { path: string; message: string }[]): never {
  throw new KopruError('provider_error', `${source.provider.name} sent an answer kopru cannot read (${detail})`, {
    provider: { id: source.provider.id, status: source.status },
    errors,
  })
}
