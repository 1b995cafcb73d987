/**
 * fast-check arbitraries from the JSON schemas of a provider's own OpenAPI/Swagger document: schema-valid
 * answers for the property tests. Types, enums, `minimum`/`maximum`, `nullable` and `$ref`/`allOf` are honoured.
 * Properties are all optional in these documents, so objects come with all keys most of the time and with a
 * random subset otherwise; plain strings are biased by the property's name toward realistic values (amounts,
 * currencies, dates, country codes) so generated payloads reach the mapping code, not only its first check.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'

type Json = Record<string, any>

export function loadDocument(file: string): Json {
  return JSON.parse(readFileSync(new URL(`../fixtures/specs/${file}`, import.meta.url), 'utf8')) as Json
}

const decimals = fc.oneof(
  fc.integer({ min: -99_999, max: 9_999_999 }).map((n) => (n / 100).toFixed(2)),
  fc.constantFrom('0', '12', '0.005', '1200', '19.999', '-3.50'),
)
const currencies = fc.constantFrom('USD', 'JPY', 'EUR', 'KWD', 'TRY', 'GBP')
const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
const isoDates = fc.oneof(dates.map((d) => d.toISOString()), dates.map((d) => d.toISOString().replace('.000Z', '+03:00')))

function stringFor(name: string, schema: Json): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]))
  if (schema.format === 'date-time' || /date$|Date$|_at$|Timestamp$/.test(name)) return mostly(isoDates, fc.string())
  if (/^(Amount|value|amount|price|.*_price|total_.*)$/.test(name)) return mostly(decimals, fc.string())
  if (/currency/i.test(name)) return mostly(currencies, fc.string())
  if (/country(Code|_code|_iso)?$|CountryCode/i.test(name)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom('US', 'JP', 'DE', 'TR') }, { weight: 1, arbitrary: fc.string() })
  if (/(Id|_id|^id)$/.test(name)) return fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 99_999_999 }).map(String) }, { weight: 1, arbitrary: fc.string() })
  return fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) })
}

/** Mostly the realistic case, sometimes anything the schema allows. */
const mostly = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) => fc.oneof({ weight: 19, arbitrary: usual }, { weight: 1, arbitrary: rare })

function integerFor(name: string, schema: Json): fc.Arbitrary<number> {
  if (name === 'divisor') return mostly(fc.constantFrom(1, 10, 100, 1000), fc.constantFrom(0, 3, 1_000_000))
  const min = schema.minimum ?? (/timestamp/.test(name) ? 946_684_800 : -1000)
  const max = schema.maximum ?? (/timestamp/.test(name) ? 4_102_444_800 : 2_000_000_000)
  return mostly(fc.integer({ min: Math.max(min, 0), max: Math.min(max, Math.max(min, 0) + 100_000) }), fc.integer({ min, max }))
}

export function arbitraryFrom(document: Json, root: Json, maxDepth = 7): fc.Arbitrary<unknown> {
  const resolve = (node: Json): Json => (node?.$ref ? resolve(node.$ref.replace(/^#\//, '').split('/').reduce((at: Json, key: string) => at[key], document)) : node)
  const build = (raw: Json, name: string, depth: number): fc.Arbitrary<unknown> => {
    let schema = resolve(raw)
    if (schema.allOf) schema = schema.allOf.map(resolve).reduce((a: Json, b: Json) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {})
    const arbitrary = buildTyped(schema, name, depth)
    return schema.nullable ? fc.option(arbitrary, { nil: null, freq: 8 }) : arbitrary
  }
  const buildTyped = (schema: Json, name: string, depth: number): fc.Arbitrary<unknown> => {
    if (schema.oneOf || schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf).map((s: Json) => build(s, name, depth)))
    const type = schema.type ?? (schema.properties ? 'object' : undefined)
    // JSON Schema 2020-12 nullables: `type: ['string', 'null']`.
    if (Array.isArray(type)) return fc.oneof(...type.map((one: string) => (one === 'null' ? fc.constant(null) : buildTyped({ ...schema, type: one }, name, depth))))
    switch (type) {
      case 'string':
        return schema.pattern && !/date|_at$/.test(name) && !/price|amount|total|value/i.test(name) ? fc.stringMatching(new RegExp(schema.pattern)) : stringFor(name, schema)
      case 'integer':
        return integerFor(name, schema)
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e9 })
      case 'boolean':
        return fc.boolean()
      case 'null':
        return fc.constant(null)
      case 'array':
        return depth > maxDepth ? fc.constant([]) : mostly<unknown[]>(fc.array(build(schema.items ?? {}, name, depth + 1), { minLength: 1, maxLength: 3 }), fc.constant([]))
      case 'object': {
        if (depth > maxDepth || !schema.properties) return fc.constant({})
        const shape = Object.fromEntries(Object.entries(schema.properties as Json).map(([key, value]) => [key, build(value, key, depth + 1)]))
        const required = (schema.required as string[] | undefined) ?? []
        return mostly(fc.record(shape), fc.record(shape, { requiredKeys: required.filter((k) => k in shape) }))
      }
      default:
        return fc.oneof(fc.string(), fc.integer(), fc.constant(null))
    }
  }
  return build(root, '', 0)
}

/** The JSON schema of an operation's 200 answer (Swagger 2 `responses.200.schema`, OAS3 `content.application/json`). */
export function responseSchema(document: Json, path: string, method = 'get'): Json {
  const response = document.paths[path][method].responses['200']
  return document.swagger ? response.schema : response.content['application/json'].schema
}
