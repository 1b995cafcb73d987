import { describe, expect, it } from 'vitest'
import { amazonOrderStatusTable, mapAmazonOrderStatus, perUnit as amazonPerUnit, toUnifiedOrder as amazonOrder } from '../../providers/amazon/mapping.js'
import { amazonOrderItemWire, amazonOrderWire } from '../../providers/amazon/wire.js'
import { everyRow } from './rows.js'

describe('Amazon tables', () => {
  it('OrderStatus', () =>
    everyRow(amazonOrderStatusTable, (v) => mapAmazonOrderStatus(v), {
      PendingAvailability: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      Pending: { status: 'open', fulfillment: 'unfulfilled', payment: 'pending' },
      Unshipped: { status: 'open', fulfillment: 'unfulfilled', payment: 'paid' },
      PartiallyShipped: { status: 'open', fulfillment: 'partially_shipped', payment: 'paid' },
      Shipped: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
      InvoiceUnconfirmed: { status: 'completed', fulfillment: 'shipped', payment: 'paid' },
      Canceled: { status: 'cancelled', fulfillment: 'cancelled', payment: 'unknown' },
      Unfulfillable: { status: 'open', fulfillment: 'undeliverable', payment: 'unknown' },
    }))
  it('adds lines and totals from getOrderItems', () => {
    const order = amazonOrder(
      amazonOrderWire.parse({ AmazonOrderId: '111-1111111-1111111', PurchaseDate: '2026-11-20T10:00:00Z', LastUpdateDate: '2026-11-20T11:00:00Z', OrderStatus: 'Unshipped', OrderTotal: { CurrencyCode: 'USD', Amount: '44.97' }, MarketplaceId: 'ATVPDKIKX0DER' }),
      [amazonOrderItemWire.parse({ OrderItemId: '1', ASIN: 'B0', SellerSKU: 'S', Title: 'Mug', QuantityOrdered: 3, ItemPrice: { CurrencyCode: 'USD', Amount: '35.97' }, ItemTax: { CurrencyCode: 'USD', Amount: '3.00' }, ShippingPrice: { CurrencyCode: 'USD', Amount: '6.00' } })],
      { connectionId: 'conn_x' },
    )
    expect(order.lines?.[0]).toMatchObject({ unit_price: { amount: '11.99' }, total: { amount: '35.97' }, quantity: 3 })
    expect(order).toMatchObject({ subtotal: { amount: '35.97' }, tax_total: { amount: '3.00' }, shipping_total: { amount: '6.00' }, total: { amount: '44.97' }, payment_status: 'paid' })
    expect(amazonPerUnit({ amount: '10.00', currency: 'USD' }, 4).amount).toBe('2.50')
  })
  it('writes the buyer phone of any country as E.164, read in the address country', () => {
    const base = { AmazonOrderId: '111-2', PurchaseDate: '2026-11-20T10:00:00Z', LastUpdateDate: '2026-11-20T11:00:00Z', OrderStatus: 'Unshipped', MarketplaceId: 'A1PA6795UKMFR9' }
    const address = (Phone: string, CountryCode: string) => ({ Name: 'Max', AddressLine1: 'Unter den Linden 1', City: 'Berlin', CountryCode, Phone })
    const phoneOf = (Phone: string, CountryCode: string) => amazonOrder(amazonOrderWire.parse({ ...base, ShippingAddress: address(Phone, CountryCode) }), null, { connectionId: 'conn_x' }).shipping_address?.phone
    expect(phoneOf('030 12345678', 'DE')).toBe('+493012345678')
    expect(phoneOf('(415) 555-2671', 'US')).toBe('+14155552671')
  })
})
