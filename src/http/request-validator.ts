import type { Context } from 'hono'
import { z } from '@hono/zod-openapi'
import type { GatewayEnv } from './types.js'
import { invalidRequest } from './validation.js'

type Target = 'query' | 'param' | 'header'
type Schema = z.ZodType
type Parsed = { success: true; data: unknown } | { success: false; error: z.ZodError }

interface Check {
  target: Target
  schema: Schema
  read: (c: Context<GatewayEnv>) => Record<string, unknown>
}

/** The query as @hono/zod-validator reads it: a repeated name becomes a list. */
function readQuery(c: Context<GatewayEnv>): Record<string, unknown> {
  const value: Record<string, unknown> = {}
  for (const [name, values] of Object.entries(c.req.queries())) value[name] = values.length === 1 ? values[0] : values
  return value
}

const readParams = (c: Context<GatewayEnv>): Record<string, unknown> => c.req.param()

/** The object schema whose keys are read; a pipe (`.transform()`) reads its input's. */
function objectOf(schema: Schema): z.ZodObject | undefined {
  const inner = 'in' in schema ? (schema as unknown as { in: Schema }).in : schema
  return inner instanceof z.ZodObject ? inner : undefined
}

/**
 * Headers under the schema's own (case-insensitive) names. An object that strips unknown keys sees the same input
 * as from all headers, so only its keys are read: asking the Node adapter for every header builds a whole
 * `Headers`. A strict or passthrough schema gets every header, names mapped to its keys as @hono/zod-validator does.
 */
function headerReader(schema: Schema): Check['read'] {
  const object = objectOf(schema)
  const keys = object ? Object.keys(object.shape) : []
  if (object && object._zod.def.catchall === undefined) {
    return (c) => {
      const value: Record<string, unknown> = {}
      for (const key of keys) {
        const header = c.req.header(key)
        if (header !== undefined) value[key] = header
      }
      return value
    }
  }
  const keymap = Object.fromEntries(keys.map((key) => [key.toLowerCase(), key]))
  return (c) => {
    const value: Record<string, unknown> = {}
    for (const [name, header] of Object.entries(c.req.header())) value[keymap[name] ?? name] = header
    return value
  }
}

/** zod's synchronous parse (its compiled fast path); a schema with an async refinement falls back to the async one. */
function parse(schema: Schema, value: unknown): Parsed | Promise<Parsed> {
  try {
    return schema.safeParse(value) as Parsed
  } catch (error) {
    if (error instanceof z.core.$ZodAsyncError) return schema.safeParseAsync(value) as Promise<Parsed>
    throw error
  }
}

/** Runs `then` once the parts pass; the first failing part throws its 400. */
export type RequestValidator = <R>(c: Context<GatewayEnv>, then: () => R | Promise<R>) => R | Promise<R>

/**
 * A route's query, path and header schemas checked in one step, in @hono/zod-openapi's order (query, path,
 * header): the first target that fails answers 400 naming its fields, exactly as the gateway's validation hook does.
 * What passes is what `c.req.valid(target)` returns. Synchronous while every part parses synchronously (the usual
 * case): `then`'s answer is handed on, no async step of its own; the first part that needs zod's async parse
 * continues in `validateAsync`.
 */
export function requestValidator({ query, params, headers }: { query?: Schema; params?: Schema; headers?: Schema }): RequestValidator {
  const checks: Check[] = []
  if (query) checks.push({ target: 'query', schema: query, read: readQuery })
  if (params) checks.push({ target: 'param', schema: params, read: readParams })
  if (headers) checks.push({ target: 'header', schema: headers, read: headerReader(headers) })
  return function validateRequest(c, then) {
    for (let i = 0; i < checks.length; i++) {
      const { target, schema, read } = checks[i]!
      const outcome = parse(schema, read(c))
      if (outcome instanceof Promise) return validateAsync(c, then, checks, i, outcome)
      accept(c, target, outcome)
    }
    return then()
  }
}

function accept(c: Context<GatewayEnv>, target: Target, result: Parsed): void {
  if (!result.success) throw invalidRequest(target, result.error.issues)
  c.req.addValidatedData(target, result.data as object)
}

async function validateAsync<R>(c: Context<GatewayEnv>, then: () => R | Promise<R>, checks: Check[], from: number, pending: Promise<Parsed>): Promise<R> {
  accept(c, checks[from]!.target, await pending)
  for (const { target, schema, read } of checks.slice(from + 1)) accept(c, target, await parse(schema, read(c)))
  return then()
}
