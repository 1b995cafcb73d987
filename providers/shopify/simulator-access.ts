/**
 * The simulator's access scopes: what the GraphQL Admin API asks of a token before it resolves a field. Source:
 * the `requiredAccess` of each type and field in Shopify's published 2025-10 schema (the fields kopru selects),
 * and shopify.dev "Access scopes" (a `write_` scope includes its `read_`). A field the token may not read is a
 * top-level error `{message: "Access denied for <field> field. Required access: …", extensions: {code:
 * "ACCESS_DENIED", requiredAccess}, path}`.
 */
import type { Selection } from './query-cost.js'

const fulfillmentOrders = (mode: 'read' | 'write') => ['assigned', 'merchant_managed', 'third_party'].map((kind) => `${mode}_${kind}_fulfillment_orders`)

/** Any one of the scopes lets the field through. */
const required: Record<string, string[]> = {
  orders: ['read_orders'],
  order: ['read_orders'],
  customer: ['read_customers'],
  fulfillmentOrders: fulfillmentOrders('read'),
  products: ['read_products'],
  product: ['read_products'],
  productVariants: ['read_products'],
  inventoryItem: ['read_inventory', 'read_products'],
  location: ['read_locations', 'read_inventory'],
  inventorySetQuantities: ['write_inventory'],
  productVariantsBulkUpdate: ['write_products'],
  fulfillmentCreate: fulfillmentOrders('write'),
}

const spelled = (scopes: string[]) => scopes.map((scope) => `\`${scope}\` access scope`).join(' or ')

/** ACCESS_DENIED errors for every selected field the granted scopes do not cover. */
export function accessDenied(selections: Selection[], granted: string[], path: string[] = []): Record<string, unknown>[] {
  const held = new Set(granted.flatMap((scope) => (scope.startsWith('write_') ? [scope, scope.replace('write_', 'read_')] : [scope])))
  return selections.flatMap((field) => {
    const needs = required[field.name]
    const at = [...path, field.name]
    if (needs && !needs.some((scope) => held.has(scope))) {
      const requiredAccess = `${spelled(needs)}.`
      return [{ message: `Access denied for ${field.name} field. Required access: ${requiredAccess}`, path: at, extensions: { code: 'ACCESS_DENIED', documentation: 'https://shopify.dev/api/usage/access-scopes', requiredAccess } }]
    }
    return accessDenied(field.children, granted, at)
  })
}
