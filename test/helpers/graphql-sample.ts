/**
 * Answers a GraphQL provider may give, made from its published schema for one document. `sampleAnswer`:
 * `sparse` is the least the schema allows (every nullable field null, every list empty), `full` has every
 * selected field filled and one item per list. `arbitraryAnswer`: fast-check answers anywhere in between
 * (nulls where the schema allows, 0–3 items per list, any enum value). kopru's wire schemas must read them: a
 * field the schema lets be null that kopru requires is a 502 on a valid answer. Ids are GIDs of the field's own
 * type (`gid://shopify/Order/1` for `Order.id`).
 */
import fc from 'fast-check'
import {
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  type FieldNode,
  type GraphQLEnumType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'

/** How one answer is built: T is a value (samples) or an arbitrary of one (properties). */
interface Strategy<T> {
  nullable(inner: () => T): T
  list(item: () => T): T
  leaf(type: GraphQLScalarType | GraphQLEnumType, owner: string): T
  object(fields: Record<string, T>): T
  none: T
}

function walkValue<T>(schema: GraphQLSchema, s: Strategy<T>, type: GraphQLOutputType, node: FieldNode, owner: string): T {
  const build = (): T => {
    const inner = getNullableType(type)
    if (isListType(inner)) return s.list(() => walkValue(schema, s, inner.ofType as GraphQLOutputType, node, owner))
    if (isScalarType(inner) || isEnumType(inner)) return s.leaf(inner, owner)
    const concrete = isAbstractType(inner) ? schema.getPossibleTypes(inner)[0]! : inner
    return isObjectType(concrete) && node.selectionSet ? walkObject(schema, s, concrete.name, node.selectionSet) : s.none
  }
  return isNonNullType(type) ? build() : s.nullable(build)
}

function walkObject<T>(schema: GraphQLSchema, s: Strategy<T>, typeName: string, selectionSet: SelectionSetNode): T {
  const type = schema.getType(typeName)
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`)
  const fields: Record<string, T> = {}
  for (const selection of selectionSet.selections) {
    if (selection.kind !== 'Field') throw new Error('fragments are not sampled: kopru writes its documents inline')
    const field = type.getFields()[selection.name.value]
    if (!field) throw new Error(`${typeName}.${selection.name.value} is not in the schema`)
    fields[selection.alias?.value ?? selection.name.value] = walkValue(schema, s, field.type, selection, typeName)
  }
  return s.object(fields)
}

function walk<T>(schema: GraphQLSchema, query: string, s: Strategy<T>): T {
  const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType()
  return walkObject(schema, s, root!.name, operation.selectionSet)
}

const plain: Record<string, unknown> = { Int: 1, Float: 0.2, Boolean: true, String: 'text', DateTime: '2025-10-01T12:00:00Z', Decimal: '12.50', Money: '12.50', URL: 'https://example.com/item' }

export type SampleMode = 'sparse' | 'full'

/** The `data` of an answer to `query` in the given mode. */
export function sampleAnswer(schema: GraphQLSchema, query: string, mode: SampleMode): Record<string, unknown> {
  return walk<unknown>(schema, query, {
    nullable: (inner) => (mode === 'sparse' ? null : inner()),
    list: (item) => (mode === 'sparse' ? [] : [item()]),
    leaf: (type, owner) => (type.name === 'ID' ? `gid://shopify/${owner}/1` : isEnumType(type) ? type.getValues()[0]!.name : (plain[type.name] ?? 'text')),
    object: (fields) => fields,
    none: null,
  }) as Record<string, unknown>
}

const decimal = fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 99 })).map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`)
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString().replace('.000Z', 'Z'))
const leaves: Record<string, fc.Arbitrary<unknown>> = {
  Int: fc.nat({ max: 1000 }),
  Float: fc.double({ min: 0, max: 1, noNaN: true }),
  Boolean: fc.boolean(),
  String: fc.string({ maxLength: 24 }),
  DateTime: instant,
  Decimal: decimal,
  Money: decimal,
  URL: fc.webUrl(),
}

/** Schema-valid `data` for `query`, as a fast-check arbitrary. */
export function arbitraryAnswer(schema: GraphQLSchema, query: string): fc.Arbitrary<Record<string, unknown>> {
  return walk<fc.Arbitrary<unknown>>(schema, query, {
    nullable: (inner) => fc.option(inner(), { nil: null, freq: 4 }),
    list: (item) => fc.array(item(), { maxLength: 3 }),
    leaf: (type, owner) =>
      type.name === 'ID' ? fc.integer({ min: 1, max: 99_999_999_999 }).map((n) => `gid://shopify/${owner}/${n}`) : isEnumType(type) ? fc.constantFrom(...type.getValues().map((v) => v.name)) : (leaves[type.name] ?? fc.string({ maxLength: 24 })),
    object: (fields) => fc.record(fields),
    none: fc.constant(null),
  }) as fc.Arbitrary<Record<string, unknown>>
}
