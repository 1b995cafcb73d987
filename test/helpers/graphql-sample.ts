/**
 * Answers a GraphQL provider may give, made from its published schema for one document: `sparse` is the
 * least the schema allows (every nullable field null, every list empty), `full` has every selected field
 * filled and one item per list. kopru's wire schemas must read both: a field the schema lets be null that kopru
 * requires is a 502 on a valid answer. Ids are GIDs of the field's own type (`gid://shopify/Order/1` for
 * `Order.id`), enums their first value, scalars a plain value of their kind.
 */
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
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'

export type SampleMode = 'sparse' | 'full'

const scalars: Record<string, unknown> = {
  Int: 1,
  Float: 0.2,
  Boolean: true,
  String: 'text',
  DateTime: '2025-10-01T12:00:00Z',
  Decimal: '12.50',
  Money: '12.50',
  URL: 'https://example.com/item',
}

function scalarOf(type: GraphQLNamedType, owner: string): unknown {
  if (type.name === 'ID') return `gid://shopify/${owner}/1`
  if (isEnumType(type)) return type.getValues()[0]!.name
  return scalars[type.name] ?? 'text'
}

function sampleValue(schema: GraphQLSchema, type: GraphQLOutputType, node: FieldNode, owner: string, mode: SampleMode): unknown {
  if (!isNonNullType(type) && mode === 'sparse') return null
  const inner = getNullableType(type)
  if (isListType(inner)) return mode === 'sparse' ? [] : [sampleValue(schema, inner.ofType as GraphQLOutputType, node, owner, mode)]
  if (isScalarType(inner) || isEnumType(inner)) return scalarOf(inner, owner)
  const concrete = isAbstractType(inner) ? schema.getPossibleTypes(inner)[0]! : inner
  return isObjectType(concrete) && node.selectionSet ? sampleObject(schema, concrete.name, node.selectionSet, mode) : null
}

function sampleObject(schema: GraphQLSchema, typeName: string, selectionSet: SelectionSetNode, mode: SampleMode): Record<string, unknown> {
  const type = schema.getType(typeName)
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`)
  const out: Record<string, unknown> = {}
  for (const selection of selectionSet.selections) {
    if (selection.kind !== 'Field') throw new Error('fragments are not sampled: kopru writes its documents inline')
    const field = type.getFields()[selection.name.value]
    if (!field) throw new Error(`${typeName}.${selection.name.value} is not in the schema`)
    out[selection.alias?.value ?? selection.name.value] = sampleValue(schema, field.type, selection, typeName, mode)
  }
  return out
}

/** The `data` of an answer to `query` in the given mode. */
export function sampleAnswer(schema: GraphQLSchema, query: string, mode: SampleMode): Record<string, unknown> {
  const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType()
  return sampleObject(schema, root!.name, operation.selectionSet, mode)
}
