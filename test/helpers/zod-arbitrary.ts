/**
 * fast-check arbitraries from the zod wire schemas (zod 4 internals: `_zod.def`), so property tests feed the
 * mappings exactly what the schemas admit: optional fields absent or null, numbers at their bounds, unknown
 * statuses as arbitrary strings. Only the zod kinds the wire schemas use are supported; others throw.
 */
import fc from 'fast-check'
import type { z } from 'zod'

type Def = { type: string; checks?: { _zod: { def: Record<string, unknown> } }[]; [key: string]: unknown }
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def) => (def.checks ?? []).map((check) => check._zod.def)

/** Strings that matter to mappings: Turkish text, blanks, timestamps, numbers-as-text, plus anything. */
const interestingString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', 'İstanbul', 'Çankaya', 'Open', 'Delivered', 'Created', 'Shipped', 'Cancelled', 'TRY', 'TL', 'EUR', 'tr'),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 23)),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-03-02T09:15:17.735', '31.02.2026 10:00:00', '20261120213000', 'yesterday', '+905321234567', '0532 123 45 67'),
)

function numberArbitrary(def: Def) {
  let min = -1e15
  let max = 1e15
  let integer = false
  for (const check of checksOf(def)) {
    if (check.check === 'greater_than') min = Math.max(min, Number(check.value))
    if (check.check === 'less_than') max = Math.min(max, Number(check.value))
    if (check.check === 'number_format') integer = true
  }
  if (integer) return fc.oneof(fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }), fc.constantFrom(min, max))
  return fc.oneof(
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -100000, max: 100000 }).map((cents) => cents / 100).filter((n) => n >= min && n <= max),
    fc.constantFrom(min, max, 0),
  )
}

function stringArbitrary(def: Def) {
  let minLength = 0
  let maxLength = Infinity
  const formats: fc.Arbitrary<string>[] = []
  for (const check of checksOf(def)) {
    if (check.check === 'min_length') minLength = Number(check.minimum)
    if (check.check === 'max_length') maxLength = Number(check.maximum)
    // Strings of the format too, or a schema with `.url()` or `.regex()` would see almost nothing it accepts.
    if (check.format === 'url') formats.push(fc.webUrl())
    if (check.format === 'regex' && check.pattern instanceof RegExp) formats.push(fc.stringMatching(check.pattern))
  }
  return fc.oneof(interestingString, ...formats).filter((text) => text.length >= minLength && text.length <= maxLength)
}

export function arbitraryFor(schema: unknown): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  switch (def.type) {
    case 'string':
      return stringArbitrary(def)
    case 'number':
      return numberArbitrary(def)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'unknown':
      return fc.jsonValue({ maxDepth: 1 })
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>))
    case 'optional':
      return fc.option(arbitraryFor(def.innerType), { nil: undefined })
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType), { nil: null })
    case 'pipe':
      return arbitraryFor(def.in)
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(arbitraryFor))
    case 'array':
      return fc.array(arbitraryFor(def.element), { maxLength: 4 })
    case 'object': {
      const shape = def.shape as Record<string, unknown>
      const keys = Object.keys(shape)
      const optional = keys.filter((key) => ['optional', 'nullable'].includes(defOf(shape[key]).type) && defOf(shape[key]).type === 'optional')
      return fc.record(Object.fromEntries(keys.map((key) => [key, arbitraryFor(shape[key])])), { requiredKeys: keys.filter((key) => !optional.includes(key)) })
    }
    default:
      throw new Error(`no arbitrary for zod type '${def.type}'`)
  }
}

/** Values the schema accepts, already parsed (transforms applied): what an adapter's mapping receives. */
export const parsedFrom = <T>(schema: z.ZodType<T>): fc.Arbitrary<T> =>
  arbitraryFor(schema)
    .map((value) => schema.safeParse(value))
    .filter((result) => result.success)
    .map((result) => result.data as T)
