/**
 * The one GraphQL Admin API version kopru speaks (shopify.dev/docs/api/usage/versioning: quarterly releases,
 * each supported for at least 12 months); bump it here. The only Admin endpoint below it is GraphQL.
 */
export const SHOPIFY_API_VERSION = '2025-10'
export const SHOPIFY_GRAPHQL_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`
/** Shopify refuses a single query whose requested cost is above this (MAX_COST_EXCEEDED). */
export const SHOPIFY_MAX_QUERY_COST = 1000
