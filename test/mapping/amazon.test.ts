/**
 * Amazon Orders API 2026-01-01 -> unified Order: every row of the status table, and the model's own example
 * answers (orders_2026-01-01.json `responses.200.examples`) mapped field by field.
 */
import { describe, expect, it } from 'vitest'
import { amazonOrderStatusTable, amazonStatusesFor, mapAmazonOrderStatus, toUnifiedOrder } from '../../providers/amazon/mapping.js'
import { amazonGetOrderWire, amazonOrderWire, amazonSearchOrdersWire } from '../../providers/amazon/wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { loadDocument } from '../helpers/spec-sample.js'

const AMAZON = { id: 'amazon', name: 'Amazon' }
const model = loadDocument('amazon/orders_2026-01-01.json')
const example = (path: string) => model.paths[path].get.responses['200'].examples['application/json']
const context = { connectionId: 'conn_x' }

const base = {
  orderId: '111-1111111-1111111',
  createdTime: '2026-11-20T10:00:00Z',
  lastUpdatedTime: '2026-11-20T11:00:00Z',
  salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
  fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
}
const usd = (amount: string) => ({ amount, currencyCode: 'USD' })
const mug = (proceeds?: unknown, unit = '11.99') => ({ orderItemId: '1', quantityOrdered: 3, product: { asin: 'B0', sellerSku: 'S', title: 'Mug', price: { unitPrice: usd(unit) } }, ...(proceeds ? { proceeds } : {}) })

describe('Amazon fulfillmentStatus table', () => {
  it('maps every FulfillmentStatus of the model', () => {
    const expected = {
      PENDING_AVAILABILITY: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      PENDING: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      UNSHIPPED: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
      PARTIALLY_SHIPPED: { status: 'open', fulfillment: 'partially_shipped', payment: 'paid' },
      SHIPPED: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
      CANCELLED: { status: 'cancelled', fulfillment: 'cancelled', payment: 'unknown' },
      UNFULFILLABLE: { status: 'open', fulfillment: 'undeliverable', payment: 'unknown' },
    }
    expect(Object.keys(amazonOrderStatusTable).sort()).toEqual(Object.keys(expected).sort())
    // The table covers exactly the model's enum.
    expect(Object.keys(amazonOrderStatusTable).sort()).toEqual([...model.definitions.FulfillmentStatus.enum].sort())
    for (const [value, want] of Object.entries(expected)) expect(mapAmazonOrderStatus(value), value).toEqual(want)
    // v0's spelling and unknown values fall back to the safe row.
    expect(mapAmazonOrderStatus('Canceled')).toEqual({ status: 'open', fulfillment: 'processing', payment: 'unknown' })
  })

  it('turns a unified status into searchOrders fulfillmentStatuses', () => {
    expect(amazonStatusesFor('open')).toEqual(['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'UNFULFILLABLE'])
    expect(amazonStatusesFor('completed')).toEqual(['SHIPPED'])
    expect(amazonStatusesFor('cancelled')).toEqual(['CANCELLED'])
  })
})

describe('Amazon order mapping', () => {
  it("maps the model's getOrder example: buyer, address, totals, lines, package", () => {
    const { order } = parseWire(AMAZON, amazonGetOrderWire, example('/orders/2026-01-01/orders/{orderId}'))
    expect(toUnifiedOrder(order, context, null)).toEqual({
      id: '202-1234567-8901234',
      provider: 'amazon',
      connection_id: 'conn_x',
      order_number: '202-1234567-8901234',
      status: 'completed',
      fulfillment_status: 'shipped',
      payment_status: 'paid',
      provider_status: 'SHIPPED',
      created_at: '2024-12-25T09:15:00.000Z',
      updated_at: '2024-12-25T16:30:00.000Z',
      currency: 'GBP',
      subtotal: { amount: '89.97', currency: 'GBP' },
      shipping_total: { amount: '10.00', currency: 'GBP' },
      discount_total: { amount: '0.00', currency: 'GBP' },
      tax_total: { amount: '4.00', currency: 'GBP' },
      total: { amount: '103.97', currency: 'GBP' },
      customer: { name: 'James Wilson', email: 'buyer-email@marketplace.amazon.co.uk', phone: null },
      shipping_address: {
        name: 'James Wilson', company: 'Wilson Electronics Ltd', phone: '+441611234567', email: null, line1: '123 High Street', line2: 'Unit 4B',
        district: 'Greater Manchester', city: 'Manchester', state: 'England', postal_code: 'M1 2AB', country_code: 'GB',
      },
      billing_address: null,
      lines: [
        {
          id: '20212345678901', sku: 'ECHO-DOT-4-UK-CHARCOAL-3PACK', barcode: null, product_id: 'B08DFPV54V', title: 'Echo Dot (4th Gen) | Smart speaker with Alexa | Charcoal',
          quantity: 3, unit_price: { amount: '29.99', currency: 'GBP' }, total: { amount: '89.97', currency: 'GBP' }, tax_rate: null, provider_status: null,
        },
      ],
      shipments: [{ carrier: 'Royal Mail', tracking_number: 'RR123456789GB', tracking_url: null, shipped_at: '2024-12-26T14:00:00.000Z' }],
      raw: null,
    })
  })

  it("maps the model's searchOrders example: the total keeps what is not an item figure (a delivery tip)", () => {
    const { orders } = parseWire(AMAZON, amazonSearchOrdersWire, example('/orders/2026-01-01/orders'))
    const order = toUnifiedOrder(orders[0]!, context)
    expect(order).toMatchObject({
      subtotal: { amount: '149.97', currency: 'USD' },
      tax_total: { amount: '0.02', currency: 'USD' },
      shipping_total: { amount: '0.00', currency: 'USD' },
      total: { amount: '154.99', currency: 'USD' },
      customer: { name: 'John Smith', email: 'buyer-email@marketplace.amazon.com' },
    })
    // addressLine3 is "" in the example: not a second address line. (555 is no real US area code: the kit keeps such a number as sent.)
    expect(order.shipping_address).toMatchObject({ line2: 'Suite 456', phone: '555-123-4567', district: 'King County' })
    expect(order.lines!.map((l) => [l.id, l.quantity, l.unit_price.amount, l.total.amount])).toEqual([
      ['12345678901234', 2, '49.99', '99.98'],
      ['12345678901235', 1, '49.99', '49.99'],
    ])
  })

  it('reports the size of DISCOUNT proceeds, whichever sign Amazon gives them', () => {
    const order = (amount: string) =>
      toUnifiedOrder(amazonOrderWire.parse({ ...base, orderItems: [mug({ breakdowns: [{ type: 'ITEM', subtotal: usd('35.97') }, { type: 'DISCOUNT', subtotal: usd(amount) }] })] }), context)
    expect(order('-5.00').discount_total).toEqual({ amount: '5.00', currency: 'USD' })
    expect(order('5.00').discount_total).toEqual({ amount: '5.00', currency: 'USD' })
  })

  it('without PROCEEDS: lines from the unit price, shipping/tax/discount/total unknown (null), never 0', () => {
    const order = toUnifiedOrder(amazonOrderWire.parse({ ...base, orderItems: [mug()] }), context)
    expect(order).toMatchObject({ currency: 'USD', subtotal: { amount: '35.97' }, shipping_total: null, tax_total: null, discount_total: null, total: null })
    expect(order.lines![0]).toMatchObject({ unit_price: { amount: '11.99' }, total: { amount: '35.97' } })
    // Neither proceeds nor a unit price: no subtotal either; the currency is the marketplace's.
    const bare = toUnifiedOrder(amazonOrderWire.parse({ ...base, orderItems: [{ orderItemId: '1', quantityOrdered: 1, product: {} }] }), { ...context, marketplaceCurrencies: { ATVPDKIKX0DER: 'USD' } })
    expect(bare).toMatchObject({ currency: 'USD', subtotal: null, total: null })
  })

  it("derives the unit price from the line total when Amazon's unit price does not add up to it", () => {
    const order = toUnifiedOrder(amazonOrderWire.parse({ ...base, orderItems: [mug({ breakdowns: [{ type: 'ITEM', subtotal: usd('30.00') }] }, '11.99')] }), context)
    expect(order.lines![0]).toMatchObject({ unit_price: { amount: '10.00' }, total: { amount: '30.00' } })
  })

  it('refuses an amount in another currency than the order with provider_error naming the field', () => {
    const order = amazonOrderWire.parse({ ...base, proceeds: { grandTotal: usd('10.00') }, orderItems: [mug({ breakdowns: [{ type: 'ITEM', subtotal: { amount: '30', currencyCode: 'JPY' } }] })] })
    expect(() => toUnifiedOrder(order, { ...context, at: 'orders[2]' })).toThrow(
      expect.objectContaining({ code: 'provider_error', errors: [{ path: 'orders[2].orderItems[0].proceeds.breakdowns[0].subtotal.currencyCode', message: expect.any(String) }] }),
    )
  })

  it('refuses an order without the FULFILLMENT dataset kopru asked for, naming the field', () => {
    const { fulfillment: _dropped, ...rest } = base
    expect(() => parseWire(AMAZON, amazonGetOrderWire, { order: { ...rest, orderItems: [] } })).toThrow(
      expect.objectContaining({ code: 'provider_error', errors: [{ path: 'order.fulfillment', message: expect.stringContaining('FULFILLMENT') }] }),
    )
  })

  it('writes the buyer phone of any country as E.164, read in the address country', () => {
    const phoneOf = (phone: string, countryCode: string) =>
      toUnifiedOrder(amazonOrderWire.parse({ ...base, recipient: { deliveryAddress: { name: 'Max', addressLine1: 'Unter den Linden 1', city: 'Berlin', countryCode, phone } }, orderItems: [] }), context).shipping_address?.phone
    expect(phoneOf('030 12345678', 'DE')).toBe('+493012345678')
    expect(phoneOf('(415) 555-2671', 'US')).toBe('+14155552671')
  })
})
