/**
 * A small spec-driven request checker: a request kopru sent (method, path, query, JSON body) is matched to an
 * operation of a provider's own Swagger 2.0 / OpenAPI 3 document (JSON or YAML) and its parameters and body are
 * validated with ajv against the schemas the document declares. Unknown query parameters, missing required ones,
 * values outside the declared types/ranges and calls of operations the document marks `deprecated` are all
 * reported; with `undeclared`, so are body properties the schema does not declare or marks `readOnly`.
 * `checkAnswer` validates a recorded answer against the operation's response schema for its status, uncoerced.
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { parse as parseYaml } from 'yaml'

type Json = Record<string, any>
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

export interface RecordedRequest {
  method: string
  url: string
  body?: string
  contentType?: string
  /** What the provider (simulator) answered: its status and its body, parsed when it was JSON. */
  answer?: { status: number; body?: unknown }
  /** Answered by a test's override, not by the simulator. */
  overridden?: boolean
}

interface Operation {
  method: string
  template: string
  regex: RegExp
  names: string[]
  params: Json[]
  body?: Json
  /** The body's media type: JSON, or a form (`application/x-www-form-urlencoded`). */
  form?: boolean
  /** `deprecated: true` in the document: the provider is retiring it, kopru must not call it. */
  deprecated?: string
  /** Response schemas by status code (`default` too). */
  responses: Record<string, Json | undefined>
}

export interface ApiSpec {
  title: string
  check(request: RecordedRequest): string[]
  /** The recorded answer against the response schema the document gives for its status. */
  checkAnswer(request: RecordedRequest): string[]
}

export interface SpecOptions {
  /** Also report JSON body properties the schema does not declare, or declares `readOnly`. */
  undeclared?: boolean
  /** Validate JSON bodies as sent, without ajv's type coercion (a number the document declares sent as a string is reported). */
  exact?: boolean
  /** Mends, in memory, the places where the document is not valid JSON Schema (the file stays verbatim). */
  repair?: (document: Json) => void
}

/** Properties of `value` that `schema` does not declare (following `$ref` and `allOf`), or marks `readOnly`. */
function undeclaredIn(schema: Json | undefined, value: unknown, at: string, resolve: (node: Json) => Json): string[] {
  const node = schema ? resolve(schema) : undefined
  if (!node || value === null || typeof value !== 'object') return []
  if (Array.isArray(value)) return node.items ? value.flatMap((item, i) => undeclaredIn(node.items, item, `${at}/${i}`, resolve)) : []
  const parts = [node, ...((node.allOf ?? []) as Json[]).map(resolve)]
  const properties: Json = Object.assign({}, ...parts.map((part) => part.properties ?? {}))
  if (!parts.some((part) => part.properties)) return []
  return Object.entries(value as Json).flatMap(([key, child]) => {
    const declared = properties[key] ? resolve(properties[key]) : undefined
    if (!declared) return [`${at}/${key} is not declared`]
    if (declared.readOnly === true) return [`${at}/${key} is readOnly`]
    return undeclaredIn(declared, child, `${at}/${key}`, resolve)
  })
}

const readDocument = (file: string): Json => {
  const text = readFileSync(new URL(`../fixtures/specs/${file}`, import.meta.url), 'utf8')
  return (/\.ya?ml$/.test(file) ? parseYaml(text) : JSON.parse(text)) as Json
}

const pathRegex = (template: string) => {
  const names: string[] = []
  const source = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{([^}]+)\}/g, (_m, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { regex: new RegExp(`^${source}$`), names }
}

/** The path prefix the document's operations live under (OAS3 `servers[0]` with its variables, Swagger `basePath`). */
function basePathOf(spec: Json): string {
  if (spec.swagger) return (spec.basePath ?? '').replace(/\/$/, '')
  const server = spec.servers?.[0]
  if (!server) return ''
  const url = String(server.url).replace(/\{(\w+)\}/g, (_m, name: string) => server.variables?.[name]?.default ?? '')
  return new URL(url, 'https://host.invalid').pathname.replace(/\/$/, '')
}

/** Every operation of the document with its parameters, body schema and response schemas. */
function operationsOf(spec: Json, resolve: (node: Json) => Json): Operation[] {
  const base = basePathOf(spec)
  const operations: Operation[] = []
  for (const [template, item] of Object.entries(spec.paths as Json)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method]
      if (!op) continue
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve)
      const content = resolve(op.requestBody ?? {})?.content ?? {}
      const form = !spec.swagger && !content['application/json'] && Boolean(content['application/x-www-form-urlencoded'])
      const body = spec.swagger ? params.find((p) => p.in === 'body')?.schema : (content['application/json'] ?? content['application/x-www-form-urlencoded'])?.schema
      const deprecated = op.deprecated === true ? String(op.operationId ?? `${method} ${template}`) : undefined
      const responses = Object.fromEntries(
        Object.entries((op.responses ?? {}) as Json).map(([status, response]) => {
          const resolved = resolve(response)
          return [status, spec.swagger ? resolved.schema : resolved.content?.['application/json']?.schema]
        }),
      )
      operations.push({ method: method.toUpperCase(), template: base + template, ...pathRegex(base + template), params, body, form, deprecated, responses })
    }
  }
  return operations
}

/** A parameter's schema: OAS3 `schema`, or Swagger 2's inline type keywords. */
const paramSchema = (param: Json): Json => param.schema ?? { type: param.type, format: param.format, enum: param.enum, items: param.items, minimum: param.minimum, maximum: param.maximum, maxItems: param.maxItems, minItems: param.minItems }
/** A query parameter's value as its schema reads it (arrays from csv or repeated keys). */
const valueOf = (param: Json, raw: string[]) => {
  const schema = paramSchema(param)
  if (schema.type !== 'array') return raw[0]
  // Swagger 2 `collectionFormat: csv` (the default) and OAS3 `explode: false` send one comma-separated value.
  return raw.length === 1 && (param.collectionFormat ?? 'csv') === 'csv' ? raw[0]!.split(',') : raw
}

export function loadSpec(file: string, options: SpecOptions = {}): ApiSpec {
  const spec = readDocument(file)
  options.repair?.(spec)
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true, coerceTypes: 'array' }))
  ajv.addSchema(spec, 'spec')
  // Answers are JSON as sent: a number the document declares must not arrive as a string.
  const exact = addFormats(new Ajv({ strict: false, allErrors: true }))
  exact.addSchema(spec, 'spec')
  const resolve = (node: Json): Json => (node?.$ref ? resolve(node.$ref.replace(/^#\//, '').split('/').reduce((at: Json, key: string) => at[key], spec)) : node)
  const operations = operationsOf(spec, resolve)
  const compiled = new Map<Ajv, Map<unknown, ValidateFunction>>([
    [ajv, new Map()],
    [exact, new Map()],
  ])
  const validatorFor = (schema: Json, using: Ajv = ajv) => {
    const validators = compiled.get(using)!
    let validate = validators.get(schema)
    if (!validate) {
      validate = using.compile(schema.$ref ? { $ref: `spec${schema.$ref}` } : JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#/g, '"$ref":"spec#')))
      validators.set(schema, validate)
    }
    return validate
  }
  const operationFor = (request: RecordedRequest) => {
    const url = new URL(request.url)
    // A literal path (`/users/me`) wins over a template that also matches it (`/users/{user_id}`).
    return operations.filter((o) => o.method === request.method && o.regex.test(url.pathname)).sort((a, b) => a.names.length - b.names.length)[0]
  }
  return {
    title: `${spec.info.title} ${spec.info.version}`,
    checkAnswer(request) {
      const op = operationFor(request)
      if (!op) return [`${request.method} ${new URL(request.url).pathname}: no such operation in ${spec.info.title}`]
      const where = `${request.method} ${op.template} → ${request.answer?.status ?? 'no answer'}`
      if (!request.answer) return [`${where}: the answer was not recorded`]
      const schema = op.responses[String(request.answer.status)] ?? op.responses.default
      if (!(String(request.answer.status) in op.responses) && !op.responses.default) return [`${where}: the document has no such status for this operation`]
      if (!schema || request.answer.body === undefined) return []
      const validate = validatorFor(schema, exact)
      return validate(request.answer.body) ? [] : [`${where}: ${exact.errorsText(validate.errors)}`]
    },
    check(request) {
      const url = new URL(request.url)
      const op = operationFor(request)
      if (!op) return [`${request.method} ${url.pathname}: no such operation in ${spec.info.title}`]
      const problems: string[] = []
      const where = `${request.method} ${op.template}`
      if (op.deprecated) problems.push(`${where}: ${op.deprecated} is deprecated in ${spec.info.title} ${spec.info.version}`)
      const check = (param: Json, value: unknown) => {
        const validate = validatorFor(paramSchema(param))
        if (!validate(value)) problems.push(`${where}: ${param.in} parameter ${param.name}=${JSON.stringify(value)} ${ajv.errorsText(validate.errors)}`)
      }
      const match = op.regex.exec(url.pathname)!
      op.names.forEach((name, i) => {
        const param = op.params.find((p) => p.in === 'path' && p.name === name)
        if (param) check(param, decodeURIComponent(match[i + 1]!))
      })
      const sent = [...new Set(url.searchParams.keys())]
      for (const name of sent) {
        const param = op.params.find((p) => p.in === 'query' && p.name === name)
        if (!param) problems.push(`${where}: query parameter ${name} is not in the document`)
        else check(param, valueOf(param, url.searchParams.getAll(name)))
      }
      for (const param of op.params.filter((p) => p.in === 'query' && p.required)) {
        if (!url.searchParams.has(param.name)) problems.push(`${where}: required query parameter ${param.name} is missing`)
      }
      if (op.body && request.body) {
        const isForm = request.contentType?.startsWith('application/x-www-form-urlencoded') ?? false
        if (isForm !== Boolean(op.form)) problems.push(`${where}: body sent as ${request.contentType ?? 'no content type'}, the document takes ${op.form ? 'a form' : 'JSON'}`)
        // Form values arrive as strings; ajv's type coercion reads them as the schema's booleans and numbers.
        const using = options.exact && !isForm ? exact : ajv
        const validate = validatorFor(op.body, using)
        const value = isForm ? Object.fromEntries(new URLSearchParams(request.body)) : JSON.parse(request.body)
        if (!validate(value)) problems.push(`${where}: body ${using.errorsText(validate.errors)}`)
        if (options.undeclared && !isForm) problems.push(...undeclaredIn(op.body, JSON.parse(request.body), 'body', resolve).map((problem) => `${where}: ${problem}`))
      } else if (request.body && !op.body) problems.push(`${where}: sends a body the operation does not take`)
      return problems
    },
  }
}

/**
 * Wraps a simulator so every request that reaches it is recorded (and optionally answered by `override`
 * instead, to play a provider's surprising answer).
 */
export function recording<T extends { app: { fetch(request: Request): Response | Promise<Response> } }>(simulator: T) {
  const requests: RecordedRequest[] = []
  let override: ((request: Request) => Response | undefined) | undefined
  const app = {
    async fetch(request: Request) {
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().text()
      const recorded: RecordedRequest = { method: request.method, url: request.url, body: body || undefined, contentType: request.headers.get('content-type') ?? undefined }
      requests.push(recorded)
      const overridden = override?.(request)
      const response = overridden ?? (await simulator.app.fetch(request))
      if (overridden) recorded.overridden = true
      const text = await response.clone().text()
      let answered: unknown
      try {
        answered = text ? JSON.parse(text) : undefined
      } catch {
        answered = text
      }
      recorded.answer = { status: response.status, body: answered }
      return response
    },
  }
  return {
    simulator,
    app,
    requests,
    /** Answers matching requests with `answer` until cleared (undefined). */
    answer(with_: ((request: Request) => Response | undefined) | undefined) {
      override = with_
    },
  }
}
