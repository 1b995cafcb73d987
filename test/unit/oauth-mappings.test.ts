import { describe, expect, it } from 'vitest'
import { ebayFulfillmentStatusTable, ebayPaymentStatusTable, mapEbayFulfillmentStatus, mapEbayPaymentStatus, perUnit as ebayPerUnit } from '../../providers/ebay/mapping.js'
import { etsyListingStateTable, etsyMoney, etsyReceiptStatusTable, mapEtsyListingState, mapEtsyReceiptStatus } from '../../providers/etsy/mapping.js'
import { shopifyCallbackSignature } from '../../providers/shopify/index.js'
import { mapShopifyDisplayFulfillment, shopifyDisplayFulfillmentTable } from '../../providers/shopify/graphql-mapping.js'
import {
  mapShopifyFinancialStatus,
  mapShopifyFulfillmentStatus,
  mapShopifyProductStatus,
  shopifyFinancialStatusTable,
  shopifyFulfillmentStatusTable,
  shopifyProductStatusTable,
} from '../../providers/shopify/mapping.js'
import { normalizeTokens } from '../../src/core/oauth/client.js'
import { fillUrlTemplate } from '../../src/core/oauth/endpoints.js'

/** Every row, with the expected value written out (not read back from the table). */
function everyRow<T>(table: Record<string, T>, map: (value: string) => T, expected: Record<string, T>) {
  expect(Object.keys(expected).sort()).toEqual(Object.keys(table).sort())
  for (const [value, want] of Object.entries(expected)) expect(map(value), value).toEqual(want)
}

describe('Shopify tables', () => {
  it('financial_status', () =>
    everyRow(shopifyFinancialStatusTable, (v) => mapShopifyFinancialStatus(v), {
      pending: 'pending', authorized: 'pending', partially_paid: 'pending', paid: 'paid',
      partially_refunded: 'partially_refunded', refunded: 'refunded', voided: 'unknown',
    }))
  it('fulfillment_status', () =>
    everyRow(shopifyFulfillmentStatusTable, (v) => mapShopifyFulfillmentStatus(v), {
      unfulfilled: 'unfulfilled', partial: 'partially_shipped', fulfilled: 'shipped', restocked: 'returned',
    }))
  it('product status', () => everyRow(shopifyProductStatusTable, (v) => mapShopifyProductStatus(v), { active: 'active', archived: 'inactive', draft: 'inactive' }))
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
  it('signs callbacks like Shopify documents (sorted params, hex HMAC-SHA256)', async () => {
    // Example from shopify.dev "Verify a request": code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173
    const params = new URLSearchParams('hmac=x&shop=some-shop.myshopify.com&code=0907a61c0c8d55e99db179b68161bc00&timestamp=1337178173&state=0.6784241404160823')
    expect(await shopifyCallbackSignature(params, 'hush')).toBe('700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf')
  })
})

describe('eBay tables', () => {
  it('orderFulfillmentStatus', () =>
    everyRow(ebayFulfillmentStatusTable, (v) => mapEbayFulfillmentStatus(v), { NOT_STARTED: 'unfulfilled', IN_PROGRESS: 'partially_shipped', FULFILLED: 'shipped' }))
  it('orderPaymentStatus', () =>
    everyRow(ebayPaymentStatusTable, (v) => mapEbayPaymentStatus(v), {
      PENDING: 'pending', PAID: 'paid', FAILED: 'unknown', PARTIALLY_REFUNDED: 'partially_refunded', FULLY_REFUNDED: 'refunded',
    }))
  it('derives the unit price from lineItemCost exactly', () => {
    expect(ebayPerUnit({ value: '59.97', currency: 'USD' }, 3)).toEqual({ amount: '19.99', currency: 'USD' })
    expect(ebayPerUnit({ value: '10.00', currency: 'USD' }, 1)).toEqual({ amount: '10.00', currency: 'USD' })
  })
})

describe('Etsy tables', () => {
  it('receipt status', () =>
    everyRow(etsyReceiptStatusTable, (v) => mapEtsyReceiptStatus(v), {
      open: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      unpaid: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      'payment processing': { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      paid: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
      completed: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
      canceled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
      'fully refunded': { status: 'cancelled', fulfillment: 'cancelled', payment: 'refunded' },
      'partially refunded': { status: 'open', fulfillment: 'unfulfilled', payment: 'partially_refunded' },
    }))
  it('listing state', () =>
    everyRow(etsyListingStateTable, (v) => mapEtsyListingState(v), { active: 'active', inactive: 'inactive', sold_out: 'inactive', draft: 'inactive', expired: 'inactive' }))
  it('money is amount over divisor, exactly', () => {
    expect(etsyMoney({ amount: 1999, divisor: 100, currency_code: 'USD' })).toEqual({ amount: '19.99', currency: 'USD' })
    expect(etsyMoney({ amount: 5, divisor: 100, currency_code: 'EUR' })).toEqual({ amount: '0.05', currency: 'EUR' })
    expect(etsyMoney({ amount: 1234, divisor: 1000, currency_code: 'USD' })).toEqual({ amount: '1.234', currency: 'USD' })
  })
})

describe('OAuth helpers', () => {
  it('normalizes token responses to absolute expiry instants', () => {
    expect(normalizeTokens({ access_token: 'a', refresh_token: 'r', expires_in: 3600, refresh_token_expires_in: '7200', token_type: 'bearer' }, Date.UTC(2026, 0, 1))).toEqual({
      access_token: 'a',
      refresh_token: 'r',
      expires_at: '2026-01-01T01:00:00.000Z',
      refresh_token_expires_at: '2026-01-01T02:00:00.000Z',
    })
    expect(normalizeTokens({ access_token: 'a', refresh_token: '' }, 0)).toEqual({ access_token: 'a' })
  })
  it('fills per-account base URLs only with host-safe values', () => {
    expect(fillUrlTemplate('https://{shop}', { shop: 'a-b.myshopify.com' })).toBe('https://a-b.myshopify.com')
    expect(() => fillUrlTemplate('https://{shop}', { shop: 'evil.com/x?' })).toThrow(/no valid 'shop'/)
    expect(() => fillUrlTemplate('https://{shop}', {})).toThrow()
    expect(fillUrlTemplate('https://api.etsy.com', {})).toBe('https://api.etsy.com')
  })
})
