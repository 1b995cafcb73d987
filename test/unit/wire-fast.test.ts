/**
 * The fast wire reader (src/core/provider-kit/wire-fast.ts) must return exactly what zod's parse returns, or give
 * up: never accept what zod refuses, never read a value differently. Checked on every wire schema of the shipped
 * providers with generated answers and answers with one part replaced by anything, and on the zod kinds one by one.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as amazon from '../../providers/amazon/wire.js'
import * as aras from '../../providers/aras/wire.js'
import * as ebay from '../../providers/ebay/wire.js'
import * as etsy from '../../providers/etsy/wire.js'
import * as hepsiburada from '../../providers/hepsiburada/wire.js'
import * as mng from '../../providers/mng/wire.js'
import * as n11 from '../../providers/n11/wire.js'
import * as parasut from '../../providers/parasut/wire.js'
import * as shopify from '../../providers/shopify/wire.js'
import * as trendyol from '../../providers/trendyol/wire.js'
import * as yurtici from '../../providers/yurtici/wire.js'
import { seedPackages, toTrendyolPackage } from '../../providers/trendyol/fixtures.js'
import { wireCurrency, wireInstant } from '../../src/core/provider-kit/index.js'
import { readWire } from '../../src/core/provider-kit/wire.js'
import { fastReader, miss } from '../../src/core/provider-kit/wire-fast.js'
import { arbitraryFor } from '../helpers/zod-arbitrary.js'

/** The reader past its first sight (a schema is compiled on its second read). */
const readerOf = (schema: z.ZodType) => fastReader(schema) ?? fastReader(schema)

const modules = { amazon, aras, ebay, etsy, hepsiburada, mng, n11, parasut, shopify, trendyol, yurtici }
const schemas = Object.entries(modules).flatMap(([provider, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${provider}.${name}`, schema })),
)

/** The same as zod, or a miss; and a miss only where zod refuses when `mustRead`. */
function expectAsZod(schema: z.ZodType, value: unknown, mustRead = false) {
  const read = readerOf(schema)
  if (!read) return
  const fast = read(value)
  const zod = schema.safeParse(value)
  if (fast === miss) {
    if (mustRead) expect(zod.success).toBe(false)
    return
  }
  expect(zod.success).toBe(true)
  expect(fast).toStrictEqual(zod.data)
}

/** `value` with its n-th part (depth first) replaced by `by`, or that key dropped when `by` is undefined. */
function replaced(value: unknown, n: number, by: unknown): unknown {
  let index = 0
  const walk = (node: unknown): unknown => {
    if (index++ === n) return by
    if (Array.isArray(node)) return node.map(walk)
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(node)) {
        const next = walk(child)
        if (next !== undefined || child === undefined) out[key] = next
      }
      return out
    }
    return node
  }
  return walk(value)
}

const generatable = schemas.filter(({ schema }) => {
  try {
    arbitraryFor(schema)
    return true
  } catch {
    return false
  }
})

describe('fast wire reader', () => {
  it('compiles the Trendyol answer schemas (the hot path reads them)', () => {
    for (const schema of [trendyol.trendyolPackagePage, trendyol.trendyolProductPage, trendyol.trendyolBatchResult]) expect(readerOf(schema)).not.toBeNull()
    expect(generatable.length).toBeGreaterThan(20)
  })

  it.each(generatable)('$name: reads generated answers as zod does, and refuses what zod refuses', ({ schema }) => {
    const answer = arbitraryFor(schema)
    fc.assert(fc.property(answer, (value) => expectAsZod(schema, value, true)), { numRuns: 100 })
    const damaged = fc.tuple(answer, fc.nat({ max: 60 }), fc.oneof(fc.anything(), fc.constant(undefined), fc.constantFrom(NaN, Infinity, -0, 1e13, -1e13, 2 ** 53, ' TRY ', '')))
    fc.assert(fc.property(damaged, ([value, n, by]) => expectAsZod(schema, replaced(value, n, by))), { numRuns: 200 })
  })

  it('reads the fixture packages as zod does', () => {
    const page = { page: 0, size: 50, totalPages: 1, totalElements: 50, content: seedPackages({ count: 50 }).map(toTrendyolPackage) }
    const read = readerOf(trendyol.trendyolPackagePage)!
    expect(read(page)).not.toBe(miss)
    expect(read(page)).toStrictEqual(trendyol.trendyolPackagePage.parse(page))
  })

  it('follows zod kind by kind: trims, transforms, code-point lengths, absent and undefined keys, non-finite numbers', () => {
    const shape = z.object({ currency: wireCurrency, at: wireInstant.optional(), name: z.string().min(2).max(3), n: z.number().int().nullish(), amount: z.number().min(-5).max(5).optional(), below: z.number().lt(5).gt(-5).optional() })
    const cases: unknown[] = [
      { currency: ' try ', name: 'ab', n: 1, extra: true },
      { currency: 'TRY', name: '😀😀', at: undefined },
      { currency: 'TRY', name: '😀', n: null },
      { currency: 'TRY', name: '😀😀😀😀', n: 1.5 },
      { currency: 'TRY', name: 'abc', n: NaN },
      { currency: 'TRY', name: 'abc', n: Infinity },
      { currency: 'TR', name: 'abc' },
      { currency: 'TRY', name: 'abc', at: '2026-03-02T09:15:17+03:00' },
      { currency: 'TRY', name: 'abc', at: 'yesterday' },
      { name: 'abc' },
      { currency: 'TRY', name: 'abc', amount: 5, below: 4.9 },
      { currency: 'TRY', name: 'abc', amount: 5.01 },
      { currency: 'TRY', name: 'abc', amount: -5.01 },
      { currency: 'TRY', name: 'abc', below: 5 },
      { currency: 'TRY', name: 'abc', below: -5 },
      null,
      [],
    ]
    for (const value of cases) expectAsZod(shape, value)
    expect(readerOf(shape)!({ currency: ' try ', name: 'ab' })).toStrictEqual({ currency: 'TRY', name: 'ab' })
    expect(readerOf(shape)!({ currency: 'TRY', name: 'ab', amount: -5, below: -4 })).toStrictEqual({ currency: 'TRY', name: 'ab', amount: -5, below: -4 })
    expect(readerOf(shape)!({ currency: 'TRY', name: 'ab', n: undefined })).toStrictEqual({ currency: 'TRY', name: 'ab', n: undefined })
    expect(readerOf(shape)!({ currency: 'TRY', name: 'abc', at: 'yesterday' })).toBe(miss)
  })

  it('leaves to zod what it does not know: refinements, defaults, exact optionals, loose objects', () => {
    for (const schema of [
      z.object({ a: z.string().refine((s) => s !== 'x') }),
      z.object({ a: z.string().default('x') }),
      z.object({ a: z.string().exactOptional() }),
      z.looseObject({ a: z.string() }),
      z.object({ a: z.email() }),
    ]) {
      expect(readerOf(schema)).toBeNull()
    }
  })

  it('compiles a schema on its second read only: one made per call is left to zod', () => {
    const schema = z.object({ id: z.number() })
    expect(fastReader(schema)).toBeNull()
    expect(fastReader(schema)).not.toBeNull()
    expect(fastReader(schema)!({ id: 1 })).toStrictEqual({ id: 1 })
  })

  it('leaves everything to zod where generated code is refused (Workers)', () => {
    const schema = z.object({ id: z.number().int(), name: z.string().nullish() })
    const refuse = function () {
      throw new EvalError('Code generation from strings disallowed for this context')
    }
    const original = globalThis.Function
    globalThis.Function = refuse as unknown as FunctionConstructor
    let reader: unknown
    try {
      reader = readerOf(schema)
    } finally {
      globalThis.Function = original
    }
    expect(reader).toBeNull()
    const source = { provider: { id: 'acme', name: 'Acme' }, what: 'order' }
    expect(readWire(schema, { id: 1, name: 'a', extra: 1 }, source)).toStrictEqual({ id: 1, name: 'a' })
    expect(() => readWire(schema, { id: 1.5 }, source)).toThrow(expect.objectContaining({ code: 'provider_error', errors: [expect.objectContaining({ path: 'order.id' })] }))
  })
})
