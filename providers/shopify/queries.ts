/**
 * The GraphQL operations kopru sends (GraphQL Admin API, version in api.ts). Every list field names `first`,
 * so the requested cost (query-cost.ts) is bounded and known before sending. Each is validated against Shopify's
 * published schema of that version (test/fixtures/specs/shopify/). Plain `UserError` (fulfillmentCreate, the
 * webhook mutations) has no `code`; only the typed user errors (`InventorySetQuantitiesUserError`,
 * `ProductVariantsBulkUpdateUserError`) do.
 */
const money = '{ shopMoney { amount currencyCode } }'
const address = '{ name firstName lastName company address1 address2 city province zip countryCodeV2 phone }'

export const ORDER_FIELDS = `id name createdAt updatedAt cancelledAt closedAt displayFinancialStatus displayFulfillmentStatus currencyCode email phone
  subtotalPriceSet ${money} totalPriceSet ${money} totalTaxSet ${money} totalDiscountsSet ${money} totalShippingPriceSet ${money}
  customer { firstName lastName defaultPhoneNumber { phoneNumber } defaultEmailAddress { emailAddress } }
  shippingAddress ${address} billingAddress ${address}
  lineItems(first: 5) { nodes { id sku title quantity unfulfilledQuantity originalUnitPriceSet ${money} product { id } taxLines(first: 2) { rate } } }
  fulfillments(first: 3) { createdAt trackingInfo(first: 2) { company number url } }`

export const ORDERS_QUERY = `query KopruOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) { nodes { ${ORDER_FIELDS} } pageInfo { hasNextPage endCursor } }
}`
export const ORDER_QUERY = `query KopruOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`

const PRODUCT_FIELDS = `id title vendor productType status handle updatedAt onlineStoreUrl
  variants(first: 1) { nodes { id sku barcode price compareAtPrice inventoryQuantity } }
  media(first: 5) { nodes { preview { image { url } } } }`

export const PRODUCTS_QUERY = `query KopruProducts($first: Int!, $after: String) {
  products(first: $first, after: $after) { nodes { ${PRODUCT_FIELDS} } pageInfo { hasNextPage endCursor } }
}`
export const PRODUCT_QUERY = `query KopruProduct($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`

/** `location` without an id is the shop's primary location. */
export const SHOP_QUERY = `query KopruShop { shop { name currencyCode myshopifyDomain } location { id } }`

export const VARIANTS_BY_SKU_QUERY = `query KopruVariantsBySku($first: Int!, $query: String!) {
  productVariants(first: $first, query: $query) { nodes { id sku product { id } inventoryItem { id } } }
}`

export const INVENTORY_SET_MUTATION = `mutation KopruInventorySet($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { id } userErrors { field message code } }
}`

export const VARIANTS_BULK_UPDATE_MUTATION = `mutation KopruVariantPrices($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { field message code } }
}`

export const FULFILLMENT_ORDERS_QUERY = `query KopruFulfillmentOrders($id: ID!) {
  order(id: $id) { fulfillmentOrders(first: 10) { nodes { id status lineItems(first: 20) { nodes { id remainingQuantity lineItem { id } } } } } }
}`

export const FULFILLMENT_CREATE_MUTATION = `mutation KopruFulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status trackingInfo(first: 1) { company number url } } userErrors { field message } }
}`

export const WEBHOOK_CREATE_MUTATION = `mutation KopruWebhookCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) { webhookSubscription { id } userErrors { field message } }
}`

export const WEBHOOK_DELETE_MUTATION = `mutation KopruWebhookDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
}`
