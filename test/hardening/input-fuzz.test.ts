import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY } from '../helpers/gateway.js'
import { demoGateway, type DemoGateway } from '../helpers/demo-gateway.js'

type Schema = Record<string, any>
type Operation = { method: string; path: string; schema?: Schema; params: { in: string; name: string; required?: boolean }[] }

let demo: DemoGateway
let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } }
beforeAll(async () => {
  demo = await demoGateway()
  doc = (await (await demo.gw.app.request('/openapi.json')).json()) as typeof doc
})
afterAll(() => demo.simulators.close())

const deref = (schema: Schema | undefined): Schema | undefined =>
  schema?.$ref ? doc.components.schemas[String(schema.$ref).split('/').pop()!] : schema

/** A valid-looking value for a schema: required members only, first enum value, smallest number. */
function sample(raw: Schema | undefined): unknown {
  const schema = deref(raw)
  if (!schema) return 'x'
  if (schema.anyOf || schema.oneOf) return sample((schema.anyOf ?? schema.oneOf).find((s: Schema) => s.type !== 'null'))
  if (schema.enum) return schema.enum[0]
  if (schema.example !== undefined) return schema.example
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries<Schema>(schema.properties ?? {}).filter(([k]) => schema.required?.includes(k)).map(([k, s]) => [k, sample(s)]))
    case 'array':
      return Array.from({ length: schema.minItems ?? 1 }, () => sample(schema.items))
    case 'number':
    case 'integer':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1)
    case 'boolean':
      return true
    default:
      return schema.format === 'uri' ? 'https://example.com/x' : 'x'.repeat(Math.max(1, schema.minLength ?? 1))
  }
}

/** Every member path of a body schema (optional ones too), with a free-form object's made-up key. */
type Field = { path: (string | number)[]; type: string }
function fieldPaths(raw: Schema | undefined, prefix: (string | number)[] = [], depth = 0): Field[] {
  const schema = deref(raw)
  if (!schema || depth > 5) return []
  if (schema.anyOf || schema.oneOf) return fieldPaths((schema.anyOf ?? schema.oneOf).find((s: Schema) => s.type !== 'null'), prefix, depth)
  if (schema.type === 'array') return [{ path: prefix, type: 'array' }, ...fieldPaths(schema.items, [...prefix, 0], depth + 1)]
  if (schema.type === 'object') {
    const members = Object.entries<Schema>(schema.properties ?? {}).flatMap(([k, s]) => fieldPaths(s, [...prefix, k], depth + 1))
    const free = schema.additionalProperties ? [{ path: [...prefix, 'fuzz_key'], type: 'string' }] : []
    return [...(prefix.length ? [{ path: prefix, type: 'object' }] : []), ...members, ...free]
  }
  return [{ path: prefix, type: schema.type ?? 'string' }]
}

/** A wrong type is only wrong for fields of another type. */
const wrongFor = (type: string, value: unknown) =>
  typeof value === 'string' ||
  (typeof value === 'number' && type !== 'number' && type !== 'integer') ||
  (Array.isArray(value) && type !== 'array') ||
  (typeof value === 'object' && value !== null && !Array.isArray(value) && type !== 'object')

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as any
  let at = copy
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) at[key] = value
    else {
      at[key] ??= typeof path[i + 1] === 'number' ? [] : {}
      at = at[key]
    }
  }
  return copy
}

// Seeded so a failure can be replayed: the same "random" unicode and sizes on every run.
let seed = 20261202
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const invalid = () => [
  'LEAK\u0000NUL',
  'a\u0001b\u001fc',
  'x\u007f',
  '\ud800lone',
  'y'.repeat(200_000 + Math.floor(random() * 1000)),
  12345,
  { nested: true },
  [1, 2],
]
const maybeValid = () => [null, 'Ağaç İşçi ğüşöç — 😀 ✓', String.fromCodePoint(0x1f600 + Math.floor(random() * 50)), '', true]

function operations(): Operation[] {
  const out: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['post', 'put', 'patch'].includes(method)) continue
      // The proxy forwards its body as bytes and relays the provider's own answer; its path rules have their own tests.
      if (path.startsWith('/v1/proxy/')) continue
      out.push({ method, path, schema: op.requestBody?.content?.['application/json']?.schema, params: op.parameters ?? [] })
    }
  }
  return out
}

function request(op: Operation, body: unknown, pathValue = 'conn_doesnotexist1') {
  const headers = new Headers({ 'content-type': 'application/json', 'idempotency-key': `fuzz-${random()}` })
  const admin = op.path.startsWith('/admin/')
  headers.set('authorization', `Bearer ${admin ? ADMIN_KEY : demo.apiKey}`)
  const provider = /shipments|rates/.test(op.path) ? 'mng' : /invoices|contacts|tax-ids/.test(op.path) && !op.path.startsWith('/v1/orders') ? 'parasut' : 'trendyol'
  headers.set('kopru-connection-id', demo.connectionOf[provider]!)
  const url = op.path.replace(/\{provider\}/g, 'trendyol').replace(/\{[^}]+\}/g, encodeURIComponent(pathValue))
  return demo.gw.app.request(url, { method: op.method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

async function expectNoServerError(response: Response, what: string) {
  const text = await response.text()
  expect(response.status, `${what} -> ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500)
  if (response.status >= 400) expect(response.headers.get('content-type'), what).toContain('application/problem+json')
  return text
}

describe('no input ever produces a 500 (every POST/PUT/PATCH route of /openapi.json)', () => {
  it('every field: control characters, unpaired surrogates, huge strings and wrong types are 4xx problems naming it', { timeout: 240_000 }, async () => {
    const ops = operations()
    expect(ops.length).toBeGreaterThanOrEqual(10)
    let sent = 0
    for (const op of ops) {
      const base = op.schema ? sample(op.schema) : {}
      for (const { path, type } of op.schema ? fieldPaths(op.schema) : [{ path: ['fuzz'], type: 'string' }]) {
        for (const value of invalid().filter((v) => wrongFor(type, v))) {
          const what = `${op.method} ${op.path} ${path.join('.')}=${JSON.stringify(value).slice(0, 40)}`
          const response = await request(op, setAt(base, path, value))
          sent++
          const text = await expectNoServerError(response, what)
          expect(response.status, `${what} -> ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400)
          if (response.status === 400 && op.schema && typeof value === 'string' && value.length < 100) {
            const problem = JSON.parse(text) as { errors?: { path: string }[] }
            expect(problem.errors?.map((e) => e.path).join(' '), what).toContain(path.join('.'))
          }
        }
        for (const value of maybeValid()) {
          await expectNoServerError(await request(op, setAt(base, path, value)), `${op.method} ${op.path} ${path.join('.')}=${JSON.stringify(value)}`)
          sent++
        }
      }
    }
    console.log(`input fuzz: ${sent} requests over ${ops.length} routes`)
  })

  it('path parameters and bodies that are not objects', { timeout: 60_000 }, async () => {
    for (const op of operations()) {
      for (const pathValue of ['\u0000', 'a\u0001', 'ş'.repeat(300), '%', '..']) {
        await expectNoServerError(await request(op, sample(op.schema), pathValue), `${op.method} ${op.path} path=${JSON.stringify(pathValue)}`)
      }
      for (const body of [null, 'text', 42, [], [{}]]) {
        await expectNoServerError(await request(op, body), `${op.method} ${op.path} body=${JSON.stringify(body)}`)
      }
    }
  })
})
