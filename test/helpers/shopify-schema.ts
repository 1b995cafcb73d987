/**
 * Shopify's published GraphQL Admin API schema for the version kopru pins (test/fixtures/specs/shopify/README.md),
 * as the harness's spec and as a schema for the contract tests.
 */
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
