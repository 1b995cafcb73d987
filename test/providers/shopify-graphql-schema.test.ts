/**
 * Every GraphQL document kopru sends to Shopify against Shopify's published Admin API schema of the pinned
 * version (test/fixtures/specs/shopify/): fields, arguments, variable types, deprecations; the enum tables
 * against the schema's enums; and kopru's answer wire schemas against the schema's nullability (the least and
 * the most an answer may hold both parse and map). The HTTP tests check the documents, variables and simulator
 * answers of real runs the same way (test/helpers/shopify-schema.ts).
 */
import { isEnumType } from 'graphql'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import * as documents from '../../providers/shopify/queries.js'
import * as wires from '../../providers/shopify/graphql-wire.js'
import { gqlToUnifiedOrder, gqlToUnifiedProduct, shopifyDisplayFulfillmentTable } from '../../providers/shopify/graphql-mapping.js'
import { shopifyFinancialStatusTable, shopifyProductStatusTable } from '../../providers/shopify/mapping.js'
import { Order, Product } from '../../src/models/index.js'
import { checkGraphqlAnswer, checkGraphqlRequest } from '../helpers/graphql-schema.js'
import { sampleAnswer } from '../helpers/graphql-sample.js'
import { SHOPIFY_SCOPES } from '../../providers/shopify/api.js'
import { shopify } from '../../providers/shopify/index.js'
import { orderSearch } from '../../providers/shopify/orders.js'
import { scopesNeeded, searchFilters, SHOPIFY_KEPT_DEPRECATIONS, shopifySchema } from '../helpers/shopify-schema.js'

const schema = shopifySchema()
const gid = (type: string) => `gid://shopify/${type}/1`
const kept = Object.keys(SHOPIFY_KEPT_DEPRECATIONS)
const problemsOf = (query: string, variables: Record<string, unknown>) => checkGraphqlRequest(schema, { query, variables }).filter((p) => !kept.some((name) => p.includes(`${name} is deprecated`)))

/** Each document with variables as the adapter builds them, the wire that reads its answer, and the mapping after it. */
const cases: Record<string, { variables: Record<string, unknown>; wire: z.ZodType; map?: (data: any) => unknown }> = {
  ORDERS_QUERY: { variables: { first: 15, after: null, query: "status:open AND created_at:>='2026-01-01T00:00:00.000Z'" }, wire: wires.ordersDataWire, map: (d) => d.orders.nodes.map((o: any) => Order.parse(gqlToUnifiedOrder(o, 'conn_1'))) },
  ORDER_QUERY: { variables: { id: gid('Order') }, wire: wires.orderDataWire, map: (d) => d.order && Order.parse(gqlToUnifiedOrder(d.order, 'conn_1')) },
  PRODUCTS_QUERY: { variables: { first: 50, after: 'eyJsYXN0X2lkIjoxfQ' }, wire: wires.productsDataWire, map: (d) => d.products.nodes.map((p: any) => Product.parse(gqlToUnifiedProduct(p, 'conn_1', 'shop.myshopify.com', 'USD'))) },
  PRODUCT_QUERY: { variables: { id: gid('Product') }, wire: wires.productDataWire, map: (d) => d.product && Product.parse(gqlToUnifiedProduct(d.product, 'conn_1', 'shop.myshopify.com', 'USD')) },
  SHOP_QUERY: { variables: {}, wire: wires.shopDataWire },
  VARIANTS_BY_SKU_QUERY: { variables: { first: 2, query: 'sku:"TEE-1" OR sku:"A \\"B\\""' }, wire: wires.variantsBySkuWire },
  INVENTORY_SET_MUTATION: {
    variables: { input: { name: 'available', reason: 'correction', ignoreCompareQuantity: true, quantities: [{ inventoryItemId: gid('InventoryItem'), locationId: gid('Location'), quantity: 4 }] } },
    wire: wires.inventorySetWire,
  },
  VARIANTS_BULK_UPDATE_MUTATION: { variables: { productId: gid('Product'), variants: [{ id: gid('ProductVariant'), price: '19.90', compareAtPrice: '24.90' }] }, wire: wires.variantsBulkUpdateWire },
  FULFILLMENT_ORDERS_QUERY: { variables: { id: gid('Order') }, wire: wires.fulfillmentOrdersWire },
  FULFILLMENT_CREATE_MUTATION: {
    variables: {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: gid('FulfillmentOrder'), fulfillmentOrderLineItems: [{ id: gid('FulfillmentOrderLineItem'), quantity: 1 }] }],
        trackingInfo: { company: 'UPS', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
        notifyCustomer: true,
      },
    },
    wire: wires.fulfillmentCreateWire,
  },
  WEBHOOK_CREATE_MUTATION: { variables: { topic: 'ORDERS_CREATE', webhookSubscription: { uri: 'https://kopru.example/webhooks/shopify/conn_1', format: 'JSON' } }, wire: wires.webhookCreateWire },
  WEBHOOK_DELETE_MUTATION: { variables: { id: gid('WebhookSubscription') }, wire: wires.webhookDeleteWire },
}

const sent = Object.entries(documents as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^\s*(query|mutation)\b/.test(entry[1]))

describe('Shopify GraphQL documents against the published 2025-10 schema', () => {
  it('covers every document queries.ts exports', () => {
    expect(sent.map(([name]) => name).sort()).toEqual(Object.keys(cases).sort())
  })

  it.each(sent)('%s: valid, no deprecated field, its variables coerce', (name, query) => {
    expect(problemsOf(query, cases[name]!.variables)).toEqual([])
  })

  it('finds what Shopify would refuse: a misspelled field, a wrong or missing variable, an unknown enum value, a deprecated field', () => {
    expect(problemsOf(documents.ORDER_QUERY.replace('displayFinancialStatus', 'displayFinancialStatuss'), { id: gid('Order') })).toEqual([expect.stringContaining('Cannot query field "displayFinancialStatuss" on type "Order"')])
    expect(problemsOf(documents.ORDER_QUERY, {})).toEqual([expect.stringContaining('Expected a value of non-null type "ID!" to be provided')])
    expect(problemsOf(documents.ORDERS_QUERY, { first: '15' })).toEqual([expect.stringContaining('Int cannot represent non-integer value')])
    expect(problemsOf(documents.WEBHOOK_CREATE_MUTATION, { topic: 'ORDERS_CREATED', webhookSubscription: { uri: 'https://x.example' } })).toEqual([expect.stringContaining('does not exist in "WebhookSubscriptionTopic" enum')])
    expect(problemsOf(documents.WEBHOOK_CREATE_MUTATION, { topic: 'ORDERS_CREATE', webhookSubscription: { callbackUrl: 'https://x.example' } })).toEqual([expect.stringContaining('WebhookSubscriptionInput.callbackUrl is deprecated')])
    expect(problemsOf(documents.ORDER_QUERY.replace('defaultPhoneNumber { phoneNumber }', 'phone'), { id: gid('Order') })).toEqual([expect.stringContaining('Customer.phone is deprecated')])
  })

  it.each(sent)('%s: the least and the most the schema allows in an answer are read and mapped', (name, query) => {
    const { variables, wire, map } = cases[name]!
    for (const mode of ['sparse', 'full'] as const) {
      const data = sampleAnswer(schema, query, mode)
      expect(checkGraphqlAnswer(schema, { query, variables }, data), `${mode} sample is schema-valid`).toEqual([])
      const parsed = wire.safeParse(data)
      expect(parsed.error?.issues ?? [], `${mode} answer`).toEqual([])
      expect(() => map?.(parsed.data), `${mode} answer maps to the unified model`).not.toThrow()
    }
  })
})

describe('Shopify access scopes against the schema\'s requiredAccess', () => {
  // shopify.dev "Access scopes": a write scope includes its read scope.
  const held = new Set(SHOPIFY_SCOPES.flatMap((scope) => [scope, scope.replace(/^write_/, 'read_')]))

  it('kopru asks for its scopes on connect', () => {
    expect(shopify.auth.oauth?.defaultScopes).toEqual(SHOPIFY_SCOPES)
  })

  it.each(sent)('%s: every type and field it reaches is within the scopes kopru asks for', (_name, query) => {
    expect(scopesNeeded(query).filter((need) => !need.anyOf.some((scope) => held.has(scope)))).toEqual([])
  })
})

describe('Shopify search syntax against the filters the schema documents', () => {
  it.each(['open', 'completed', 'cancelled'] as const)('orders: the %s filter uses documented filters and values', (status) => {
    const filters = searchFilters('QueryRoot', 'orders')
    const search = orderSearch({ limit: 10, status, createdAfter: new Date('2026-01-01T00:00:00Z'), createdBefore: new Date('2026-02-01T00:00:00Z'), updatedAfter: new Date('2026-01-15T00:00:00Z') })!
    for (const term of search.split(' AND ')) {
      const [, name, value] = /^(\w+):(?:[<>]=)?'?([^']*)'?$/.exec(term)!
      expect(filters.has(name!), `${name} is an orders filter`).toBe(true)
      if (name === 'status') expect(filters.get('status')).toContain(`\`${value}\``)
    }
  })
  it('productVariants: sku is a documented filter', () => {
    expect(searchFilters('QueryRoot', 'productVariants').has('sku')).toBe(true)
  })
})

describe('Shopify status tables against the schema\'s enums', () => {
  const valuesOf = (name: string) => {
    const type = schema.getType(name)
    if (!isEnumType(type)) throw new Error(`${name} is not an enum`)
    return type.getValues().map((value) => value.name)
  }
  it.each([
    ['OrderDisplayFinancialStatus', (v: string) => v.toLowerCase() in shopifyFinancialStatusTable],
    ['OrderDisplayFulfillmentStatus', (v: string) => v in shopifyDisplayFulfillmentTable],
    ['ProductStatus', (v: string) => v.toLowerCase() in shopifyProductStatusTable],
  ] as const)('every %s value has a row (none falls back as unknown)', (name, hasRow) => {
    expect(valuesOf(name).filter((value) => !hasRow(value))).toEqual([])
  })
})
