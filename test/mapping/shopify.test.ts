import { describe, expect, it } from 'vitest'
import { mapShopifyDisplayFulfillment, shopifyDisplayFulfillmentTable } from '../../providers/shopify/graphql-mapping.js'
import {
  mapShopifyFinancialStatus,
  mapShopifyFulfillmentStatus,
  mapShopifyProductStatus,
  shopifyFinancialStatusTable,
  shopifyFulfillmentStatusTable,
  shopifyProductStatusTable,
} from '../../providers/shopify/mapping.js'
import { everyRow } from './rows.js'

describe('Shopify tables', () => {
  it('financial_status', () =>
    everyRow(shopifyFinancialStatusTable, (v) => mapShopifyFinancialStatus(v), {
      pending: 'pending', authorized: 'pending', partially_paid: 'pending', paid: 'paid',
      partially_refunded: 'partially_refunded', refunded: 'refunded', voided: 'unknown', expired: 'unknown',
    }))
  it('fulfillment_status', () =>
    everyRow(shopifyFulfillmentStatusTable, (v) => mapShopifyFulfillmentStatus(v), {
      unfulfilled: 'unfulfilled', partial: 'partially_shipped', fulfilled: 'shipped', restocked: 'returned',
    }))
  it('product status', () => everyRow(shopifyProductStatusTable, (v) => mapShopifyProductStatus(v), { active: 'active', archived: 'inactive', draft: 'inactive', unlisted: 'active' }))
  it('unknown values fall back', () => {
    expect(mapShopifyFinancialStatus('brand_new')).toBe('unknown')
    expect(mapShopifyFulfillmentStatus('brand_new')).toBe('processing')
  })
  it.each([
    ['UNFULFILLED', 'unfulfilled'],
    ['PARTIALLY_FULFILLED', 'partially_shipped'],
    ['FULFILLED', 'shipped'],
    ['RESTOCKED', 'returned'],
    ['PENDING_FULFILLMENT', 'processing'],
    ['OPEN', 'unfulfilled'],
    ['IN_PROGRESS', 'processing'],
    ['ON_HOLD', 'processing'],
    ['SCHEDULED', 'processing'],
    ['REQUEST_DECLINED', 'unfulfilled'],
    ['SOMETHING_NEW', 'processing'],
  ])('GraphQL displayFulfillmentStatus %s -> %s', (wire, unified) => {
    expect(mapShopifyDisplayFulfillment(wire)).toBe(unified)
    if (wire !== 'SOMETHING_NEW') expect(shopifyDisplayFulfillmentTable[wire as keyof typeof shopifyDisplayFulfillmentTable]).toBe(unified)
  })
})
