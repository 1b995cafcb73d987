import { describe, expect, it } from 'vitest'
import { etsyListingStateTable, etsyMoney, etsyReceiptStatusTable, mapEtsyListingState, mapEtsyReceiptStatus } from '../../providers/etsy/mapping.js'
import { etsyCarrierTable, etsyCarriers } from '../../providers/etsy/fulfillment.js'
import { everyRow } from './rows.js'

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

describe('Etsy carrier table (carrier_name), every row', () => {
  it('unified carrier id -> Etsy carrier name', () =>
    everyRow(etsyCarrierTable, (id) => etsyCarriers.toProvider(id), {
      usps: 'usps', ups: 'ups', fedex: 'fedex', dhl: 'dhl', canada_post: 'canada-post', royal_mail: 'royal-mail',
      australia_post: 'australia-post', deutsche_post: 'deutsche-post', yurtici: 'yurtici-kargo', aras: 'aras-kargo', mng: 'mng-kargo', ptt: 'ptt-kargo',
    }))
  it('passes other carrier names through unchanged (carrier_name is free text)', () => {
    expect(etsyCarriers.toProvider('La Poste')).toBe('La Poste')
    expect(etsyCarriers.toUnified('yurtici-kargo')).toBe('yurtici')
  })
})
