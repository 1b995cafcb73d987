import { describe, expect, it } from 'vitest'
import { ebayFulfillmentStatusTable, ebayPaymentStatusTable, mapEbayFulfillmentStatus, mapEbayPaymentStatus, perUnit as ebayPerUnit } from '../../providers/ebay/mapping.js'
import { ebayCarrierTable, ebayCarriers } from '../../providers/ebay/fulfillment.js'
import { everyRow } from './rows.js'

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

describe('eBay carrier table (shippingCarrierCode), every row', () => {
  it('unified carrier id -> eBay ShippingCarrier value, and back', () =>
    everyRow(ebayCarrierTable, (id) => ebayCarriers.toProvider(id), {
      usps: 'USPS', ups: 'UPS', fedex: 'FedEx', dhl: 'DHL', royal_mail: 'RoyalMail', canada_post: 'CanadaPost',
      australia_post: 'AustraliaPost', deutsche_post: 'DeutschePost', hermes: 'Hermes', dpd: 'DPD', gls: 'GLS', tnt: 'TNT',
    }))
  it('reads its codes back to unified ids, takes its own codes as sent and refuses others naming body.carrier', () => {
    for (const [id, code] of Object.entries(ebayCarrierTable)) expect(ebayCarriers.toUnified(code)).toBe(id)
    expect(ebayCarriers.toProvider('other')).toBe('Other')
    expect(() => ebayCarriers.toProvider('yurtici')).toThrow(expect.objectContaining({ code: 'invalid_request', errors: [expect.objectContaining({ path: 'body.carrier' })] }))
  })
})
