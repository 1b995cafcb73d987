/**
 * Shopify's published GraphQL Admin API schema for the version kopru pins (test/fixtures/specs/shopify/README.md),
 * as the harness's spec and as a schema for the contract tests.
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { getNamedType, parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql'
import { SHOPIFY_API_VERSION, SHOPIFY_GRAPHQL_PATH } from '../../providers/shopify/api.js'
import { graphqlSpec, loadGraphqlSchema } from './graphql-schema.js'

export const SHOPIFY_SCHEMA_FILE = `shopify/admin_${SHOPIFY_API_VERSION}.json.gz`

/**
 * Deprecated in 2025-10 and still sent, because the successor is not in 2025-10: `changeFromQuantity` (the
 * "pass null to opt out of the compare check" replacement) first appears in 2026-01; without either opt-out,
 * 2025-10 wants a `compareQuantity` per row. Move to `changeFromQuantity: null` with the version bump.
 */
export const SHOPIFY_KEPT_DEPRECATIONS = {
  'InventorySetQuantitiesInput.ignoreCompareQuantity': 'successor InventoryQuantityInput.changeFromQuantity is not in 2025-10 (removed in 2026-04)',
}

export const shopifySchemaSpec = () => graphqlSpec(SHOPIFY_SCHEMA_FILE, SHOPIFY_GRAPHQL_PATH, { keptDeprecated: SHOPIFY_KEPT_DEPRECATIONS })
export const shopifySchema = () => loadGraphqlSchema(SHOPIFY_SCHEMA_FILE)

type RawType = { name: string; requiredAccess?: string | null; fields?: { name: string; requiredAccess?: string | null }[] | null }
let access: Map<string, string> | undefined

/** Shopify's `requiredAccess` extension of its introspection, by `Type` and `Type.field` (graphql-js drops it). */
function requiredAccess(): Map<string, string> {
  if (access) return access
  const raw = JSON.parse(gunzipSync(readFileSync(new URL(`../fixtures/specs/${SHOPIFY_SCHEMA_FILE}`, import.meta.url))).toString('utf8'))
  access = new Map()
  for (const type of raw.data.__schema.types as RawType[]) {
    if (type.requiredAccess) access.set(type.name, type.requiredAccess)
    for (const field of type.fields ?? []) if (field.requiredAccess) access.set(`${type.name}.${field.name}`, field.requiredAccess)
  }
  return access
}

/**
 * The scopes a document needs: for each field it selects, and each object type it reaches, the alternatives
 * Shopify names ("`read_orders` access scope, `read_marketplace_orders` access scope or …"; any one will do).
 */
export function scopesNeeded(query: string): { where: string; anyOf: string[] }[] {
  const schema = shopifySchema()
  const info = new TypeInfo(schema)
  const needs: { where: string; anyOf: string[] }[] = []
  const need = (where: string) => {
    const text = requiredAccess().get(where)
    const anyOf = text ? [...text.matchAll(/`(\w+)` access scope/g)].map((m) => m[1]!) : []
    if (anyOf.length) needs.push({ where, anyOf })
  }
  visit(parse(query), visitWithTypeInfo(info, {
    Field() {
      const parent = info.getParentType()
      const field = info.getFieldDef()
      if (!parent || !field) return
      need(`${parent.name}.${field.name}`)
      need(getNamedType(field.type).name)
    },
  }))
  return needs
}

/**
 * The search filters a connection field's `query` argument documents (its description's table: `| name | type |
 * description | acceptable_values | …`), each with the row's text.
 */
export function searchFilters(typeName: string, fieldName: string): Map<string, string> {
  const type = shopifySchema().getType(typeName) as { getFields?: () => Record<string, { args: readonly { name: string; description?: string | null }[] }> }
  const description = type.getFields?.()[fieldName]?.args.find((arg) => arg.name === 'query')?.description ?? ''
  const rows = description.split(/\n(?=\| [a-z_.]+ \| )/)
  return new Map(rows.flatMap((row) => {
    const name = /^\| ([a-z_.]+) \| /.exec(row)?.[1]
    return name ? [[name, row] as [string, string]] : []
  }))
}
