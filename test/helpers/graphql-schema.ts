/**
 * A provider's published GraphQL schema (introspection JSON, gzipped, under test/fixtures/specs/) as a checker
 * of what kopru sends and of what the simulator answers: the document is validated with graphql-js's rules plus
 * `NoDeprecatedCustomRule`, the variables are coerced against the operation's variable definitions (and any
 * deprecated input field or enum value they use is reported), and an answer's `data` is executed over the
 * schema so a null in a non-null field or a value outside an enum is an error, as it would be at the provider.
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import {
  buildClientSchema,
  executeSync,
  getNullableType,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  typeFromAST,
  validate,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from 'graphql'
import type { ApiSpec, RecordedRequest } from './spec-check.js'

type Json = Record<string, unknown>

const loaded = new Map<string, GraphQLSchema>()

export function loadGraphqlSchema(file: string): GraphQLSchema {
  const cached = loaded.get(file)
  if (cached) return cached
  const raw = readFileSync(new URL(`../fixtures/specs/${file}`, import.meta.url))
  const introspection = JSON.parse(gunzipSync(raw).toString('utf8')) as { data: IntrospectionQuery }
  // Shopify's own schema breaks graphql-js 17's interface-deprecation rule; the operations are what is checked.
  const schema = buildClientSchema(introspection.data, { assumeValid: true })
  loaded.set(file, schema)
  return schema
}

const operationOf = (document: DocumentNode) => document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')

/** Deprecated input fields and enum values a variable's value uses, by path. */
function deprecatedInputs(type: GraphQLInputType, value: unknown, path: string): string[] {
  const named = getNullableType(type)
  if (value == null) return []
  if (isListType(named)) return Array.isArray(value) ? value.flatMap((item, i) => deprecatedInputs(named.ofType, item, `${path}[${i}]`)) : deprecatedInputs(named.ofType, value, path)
  if (isEnumType(named)) {
    const reason = named.getValue(String(value))?.deprecationReason
    return reason ? [`${path}: enum value ${named.name}.${String(value)} is deprecated: ${reason}`] : []
  }
  if (!isInputObjectType(named) || typeof value !== 'object') return []
  const fields = named.getFields()
  return Object.entries(value as Json).flatMap(([key, child]) => {
    const field = fields[key]
    if (!field) return []
    const own = field.deprecationReason ? [`${path}.${key}: ${named.name}.${key} is deprecated: ${field.deprecationReason}`] : []
    return [...own, ...deprecatedInputs(field.type, child, `${path}.${key}`)]
  })
}

/** Problems with one GraphQL request (`{query, variables}`) against the schema; none means the provider accepts its shape. */
export function checkGraphqlRequest(schema: GraphQLSchema, body: { query?: unknown; variables?: unknown }): string[] {
  if (typeof body.query !== 'string') return ['no query string in the body']
  let document: DocumentNode
  try {
    document = parse(body.query)
  } catch (error) {
    return [`does not parse: ${(error as Error).message}`]
  }
  const invalid = validate(schema, document, [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message)
  const operation = operationOf(document)
  if (invalid.length || !operation) return invalid.length ? invalid : ['no operation in the document']
  const variables = (body.variables ?? {}) as Json
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables)
  if ('errors' in coerced && coerced.errors) return coerced.errors.map((e) => e.message)
  return (operation.variableDefinitions ?? []).flatMap((definition) => {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined
    return type ? deprecatedInputs(type, variables[definition.variable.name.value], `$${definition.variable.name.value}`) : []
  })
}

/**
 * Errors a provider's answer `data` has against the schema for this request: it is executed with `data` as the
 * root value (each field read as the property of its name), so nulls in non-null fields and strings outside an
 * enum fail as they would in the provider's own executor. Abstract types resolve by `__typename` or to their
 * first possible type.
 */
export function checkGraphqlAnswer(schema: GraphQLSchema, body: { query: string; variables?: unknown }, data: unknown): string[] {
  const result = executeSync({
    schema,
    document: parse(body.query),
    rootValue: data,
    variableValues: (body.variables ?? {}) as Json,
    typeResolver: (value, _context, _info, abstract) => (value as { __typename?: string }).__typename ?? schema.getPossibleTypes(abstract)[0]?.name,
  })
  return (result.errors ?? []).map((e) => `${e.path?.join('.') ?? ''}: ${e.message}`)
}

/**
 * The schema as a spec for the provider harness: every POST to `path` is checked as a request and, when the
 * simulator (not a test's override) answered it with `data`, the answer too. `keptDeprecated` names
 * (`Type.field`) deprecations kopru keeps on purpose, each with why (no successor in this version, say).
 */
export function graphqlSpec(file: string, path: string, { keptDeprecated = {} }: { keptDeprecated?: Record<string, string> } = {}): ApiSpec {
  const schema = loadGraphqlSchema(file)
  const kept = Object.keys(keptDeprecated)
  return {
    title: file,
    check(request: RecordedRequest) {
      const url = new URL(request.url)
      if (request.method !== 'POST' || url.pathname !== path) return [`${request.method} ${url.pathname}: no such operation in ${file}`]
      const body = JSON.parse(request.body ?? '{}') as { query?: unknown; variables?: unknown }
      const problems = checkGraphqlRequest(schema, body)
        .filter((p) => !kept.some((name) => p.includes(`${name} is deprecated`)))
        .map((p) => `request: ${p}`)
      const answer = request.answer && !request.overridden ? (request.answer.body as { data?: unknown } | undefined) : undefined
      if (problems.length || answer?.data === undefined) return problems
      return checkGraphqlAnswer(schema, body as { query: string }, answer.data).map((p) => `simulator answer: ${p}`)
    },
    // The answer is checked with its request above: a GraphQL answer is only meaningful against the document asked.
    checkAnswer: () => [],
  }
}
