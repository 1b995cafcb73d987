/**
 * The quick way through a wire schema for answers that pass it. zod 4 spends most of a package's parse on its own
 * machinery (a payload and an issues array per field, a wrapper call per `.nullish()`), not on the checks. The
 * subset wire schemas are made of (objects, arrays, strings, numbers, booleans, optional, nullable, unions, pipes
 * into transforms, unknown) is compiled here once per schema, from its `_zod.def`, into one plain function per node
 * that returns what zod's parse returns or gives up (`miss`). zod stays the authority: whatever this cannot decide
 * — a schema kind or check it does not know, a failing check, a transform adding an issue, an absent key — goes
 * through zod's own parse, so a surprise is still a 502 naming the field with zod's message.
 *
 * The functions are generated source (`new Function`, as zod's own object parser is): a generic walker's keyed
 * property reads and writes cost about as much as zod (measured 10 µs against zod's 12.5 for a Trendyol package
 * page). Nothing of an answer goes into the source: only the schema's keys, as JSON string literals; the checks'
 * values, patterns and transforms are passed in. Where code cannot be generated (Workers), zod reads everything.
 */
import type { z } from 'zod'

export const miss: unique symbol = Symbol('wire-fast miss')
type Read = (value: unknown) => unknown

interface Def {
  type: string
  checks?: Check[]
  check?: string
  coerce?: boolean
  [key: string]: unknown
}
interface Check {
  _zod: { def: { check: string; when?: unknown; [key: string]: unknown } }
}
interface Zod {
  _zod: { def: Def; traits: Set<string> }
}

const seenOnce = Symbol('seen once')

/** Per schema object: seen once, then its reader (or null when it uses what this does not know). */
const compiled = new WeakMap<object, Read | null | typeof seenOnce>()

/**
 * The fast reader of `schema`, or null (read it with zod). Compiled on the second read of the same schema object:
 * a schema made per call (`etsyPageWire(etsyReceiptWire)`) never pays for generating code it would use once.
 */
export function fastReader(schema: z.ZodType): Read | null {
  const known = compiled.get(schema)
  if (known === undefined) {
    compiled.set(schema, seenOnce)
    return null
  }
  if (known !== seenOnce) return known
  const read = canGenerate() ? build(schema as unknown as Zod) : null
  compiled.set(schema, read)
  return read
}

let generates: boolean | undefined
function canGenerate(): boolean {
  try {
    generates ??= new Function('return true')() === true
  } catch {
    generates = false
  }
  return generates
}

/** The generated functions (`f0` is the schema's) and the values they refer to (`R[i]`). */
interface Unit {
  functions: string[]
  refs: unknown[]
}

function build(schema: Zod): Read | null {
  const unit: Unit = { functions: [], refs: [] }
  const root = emit(schema, unit)
  if (root === null) return null
  const source = `${unit.functions.join('\n')}\nreturn ${root}`
  try {
    return new Function('M', 'R', 'L', source)(miss, unit.refs, lengthOf) as Read
  } catch {
    // A runtime that refuses generated code at this moment (though it allowed the probe): zod reads it.
    return null
  }
}

const ref = (unit: Unit, value: unknown) => `R[${unit.refs.push(value) - 1}]`

/** One function for `schema`; its name, or null when something in it is not known here. */
function emit(schema: Zod, unit: Unit): string | null {
  const def = schema._zod.def
  if (def.coerce) return null
  const name = `f${unit.functions.length}`
  unit.functions.push('')
  const body = parseBody(def, schema._zod.traits, unit)
  // A schema that is itself a check (`z.int()`) runs as its own first check, as zod does.
  const checks = checkStatements(def.check ? [schema as unknown as Check, ...(def.checks ?? [])] : (def.checks ?? []), unit)
  if (body === null || checks === null) return null
  unit.functions[Number(name.slice(1))] = `function ${name}(v) {\n let r\n${body}\n${checks}\n return r\n}`
  return name
}

/** Statements leaving the parsed value in `r` (or returning `M`). */
function parseBody(def: Def, traits: Set<string>, unit: Unit): string | null {
  switch (def.type) {
    case 'string':
    case 'boolean':
      return ` if (typeof v !== '${def.type}') return M\n r = v`
    case 'number':
      return ` if (typeof v !== 'number' || !Number.isFinite(v)) return M\n r = v`
    case 'unknown':
    case 'any':
      return ' r = v'
    case 'optional':
      // `exactOptional` shares the type but refuses an explicit undefined.
      return traits.has('$ZodExactOptional') ? null : wrapped(def.innerType, unit, (inner) => ` if (v === undefined) return undefined\n r = ${inner}(v)\n if (r === M) return M`)
    case 'nullable':
      return wrapped(def.innerType, unit, (inner) => ` if (v === null) return null\n r = ${inner}(v)\n if (r === M) return M`)
    case 'array':
      return wrapped(def.element, unit, (element) =>
        ` if (!Array.isArray(v)) return M\n const n = v.length\n r = new Array(n)\n for (let i = 0; i < n; i++) {\n  const e = ${element}(v[i])\n  if (e === M) return M\n  r[i] = e\n }`)
    case 'object':
      return objectBody(def, unit)
    case 'union':
      return unionBody(def, unit)
    case 'pipe': {
      const first = emit(def.in as Zod, unit)
      const then = first && emit(def.out as Zod, unit)
      return then && ` r = ${first}(v)\n if (r === M) return M\n r = ${then}(r)\n if (r === M) return M`
    }
    case 'transform':
      // A transform runs on a payload of its own; an issue it adds (or a promise it returns) is zod's to report.
      return ` const issues = []\n r = ${ref(unit, def.transform)}(v, { value: v, issues, addIssue: (issue) => { issues.push(issue) } })\n if (issues.length > 0 || r instanceof Promise) return M`
    default:
      return null
  }
}

const wrapped = (inner: unknown, unit: Unit, body: (name: string) => string): string | null => {
  const name = emit(inner as Zod, unit)
  return name && body(name)
}

/** zod's `z.object`: the shape's keys in order, unknown keys stripped; an optional key absent stays absent. */
function objectBody(def: Def, unit: Unit): string | null {
  const shape = def.shape as Record<string, Zod>
  if (def.catchall || Object.getOwnPropertySymbols(shape).length > 0) return null
  const lines = [" if (typeof v !== 'object' || v === null || Array.isArray(v)) return M", ' r = {}', ' let x']
  for (const key of Object.keys(shape)) {
    const field = emit(shape[key]!, unit)
    if (field === null || key === '__proto__') return null
    const literal = JSON.stringify(key)
    // Absent: only a plain optional key is decided here; what anything else makes of absence, zod says.
    const absent = shape[key]!._zod.def.type === 'optional' ? '' : ' else return M'
    lines.push(` if (${literal} in v) {\n  x = ${field}(v[${literal}])\n  if (x === M) return M\n  r[${literal}] = x\n }${absent}`)
  }
  return lines.join('\n')
}

/** The first option that reads the value wins, as in zod's (inclusive) union. */
function unionBody(def: Def, unit: Unit): string | null {
  if (def.discriminator !== undefined || def.inclusive === false) return null
  const lines: string[] = []
  for (const option of def.options as Zod[]) {
    const name = emit(option, unit)
    if (name === null) return null
    lines.push(` r = ${name}(v)\n if (r !== M) return r`)
  }
  return `${lines.join('\n')}\n return M`
}

/** The checks of a node on `r`, in order; null when one is of a kind not known here. */
function checkStatements(checks: Check[], unit: Unit): string | null {
  const lines: string[] = []
  for (const check of checks) {
    const def = check._zod.def
    const statement = checkStatement(def, unit)
    if (statement === null) return null
    // `when` (length checks carry one by default: the value has a length) decides at run time, as in zod.
    lines.push(def.when ? ` if (${ref(unit, def.when)}({ value: r, issues: [] })) {${statement}}` : statement)
  }
  return lines.join('\n')
}

const numberRanges: Record<string, [number, number]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
}

/** zod's checks (zod/v4/core/checks.js) for the kinds wire schemas use; a failing one returns `M`. */
function checkStatement(def: Check['_zod']['def'], unit: Unit): string | null {
  switch (def.check) {
    case 'greater_than':
      return typeof def.value === 'number' ? ` if (!(r ${def.inclusive ? '>=' : '>'} ${ref(unit, def.value)})) return M` : null
    case 'less_than':
      return typeof def.value === 'number' ? ` if (!(r ${def.inclusive ? '<=' : '<'} ${ref(unit, def.value)})) return M` : null
    case 'number_format': {
      const range = numberRanges[def.format as string]
      return range ? ` if (!Number.isInteger(r) || r < ${ref(unit, range[0])} || r > ${ref(unit, range[1])}) return M` : null
    }
    case 'min_length':
      return ` if (L(r, ${ref(unit, def.minimum)}) < ${ref(unit, def.minimum)}) return M`
    case 'max_length':
      return ` if (L(r, ${ref(unit, def.maximum)}) > ${ref(unit, def.maximum)}) return M`
    case 'string_format': {
      const pattern = def.pattern
      const plain = def.format === 'regex' && pattern instanceof RegExp && !pattern.global && !pattern.sticky
      return plain ? ` if (!${ref(unit, pattern)}.test(r)) return M` : null
    }
    case 'overwrite':
      return ` r = ${ref(unit, def.tx)}(r)`
    default:
      return null
  }
}

/** zod counts a string's length in code points; UTF-16 units bound it (units ≥ code points ≥ units / 2). */
function lengthOf(value: string | unknown[], bound: number): number {
  if (typeof value !== 'string' || value.length < bound || value.length > bound * 2) return value.length
  let count = 0
  for (const _ of value) count++
  return count
}
