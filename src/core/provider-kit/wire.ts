/**
 * Reading provider answers through their wire schemas (providers/<id>/wire.ts): what does not match becomes
 * `provider_error` naming the provider's field in `errors[].path`, never an exception deeper in the mapping.
 */
import type { z } from 'zod'
import { KopruError } from '../errors.js'
import type { UpstreamResponse } from './types.js'

type Who = { provider: { id: string; name: string } }

/** Parses `response.data` with `schema`; `what` names the answer in the message ("the order list"). */
export function readWire<S extends z.ZodType>(ctx: Who, schema: S, response: Pick<UpstreamResponse, 'data' | 'status'>, what: string): z.output<S> {
  const parsed = schema.safeParse(response.data)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.slice(0, 10)
  return failWire(ctx, `${ctx.provider.name} answered ${what} in an unexpected shape`, response.status, issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  })))
}

/** The array an envelope carries under `key` (`{content: [...]}`); its absence is the provider's error. */
export function wireArray<T = unknown>(ctx: Who, body: unknown, key: string, what: string, status?: number): T[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined
  if (Array.isArray(value)) return value as T[]
  return failWire(ctx, `${ctx.provider.name} answered ${what} without a${/^[aeiou]/i.test(key) ? 'n' : ''} ${key} array`, status, [
    { path: key, message: 'expected an array' },
  ])
}

function failWire(ctx: Who, detail: string, status: number | undefined, errors: { path: string; message: string }[]): never {
  throw new KopruError('provider_error', detail, { provider: { id: ctx.provider.id, ...(status === undefined ? {} : { status }) }, errors })
}
