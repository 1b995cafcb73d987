/**
 * The one GraphQL Admin API version kopru speaks (shopify.dev/docs/api/usage/versioning: quarterly releases,
 * each supported for at least 12 months); bump it here. The only Admin endpoint below it is GraphQL.
 */
export const SHOPIFY_API_VERSION = '2025-10'
export const SHOPIFY_GRAPHQL_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`
/** Shopify refuses a single query whose requested cost is above this (MAX_COST_EXCEEDED). */
export const SHOPIFY_MAX_QUERY_COST = 1000
/**
 * The access scopes kopru's operations need, per the `requiredAccess` Shopify's 2025-10 schema gives each type and
 * field kopru reads or calls (write implies read, shopify.dev "Access scopes"): orders and fulfillments
 * `read_orders`; the order's customer `read_customers`; products and variants, and productVariantsBulkUpdate,
 * `write_products`; inventorySetQuantities and the primary location `write_inventory`; fulfillment orders and
 * fulfillmentCreate `write_merchant_managed_fulfillment_orders` (fulfillment orders at the merchant's own
 * locations). Customer names, emails, phones and addresses are also protected customer data: the app must be
 * approved for them in the Partner Dashboard, which no scope replaces.
 */
export const SHOPIFY_SCOPES = ['read_orders', 'read_customers', 'write_products', 'write_inventory', 'write_merchant_managed_fulfillment_orders']
