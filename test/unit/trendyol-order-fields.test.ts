import { describe, expect, it } from 'vitest'
import { toUnifiedAddress, toUnifiedLine, toUnifiedOrder } from '../../providers/trendyol/mapping.js'
import type { TrendyolPackage } from '../../providers/trendyol/types.js'

describe('Trendyol field translation', () => {
  const pkg: TrendyolPackage = {
    id: 3717432760,
    orderNumber: '11081650568',
    // 2026-11-20 21:30 in Istanbul, encoded as if it were UTC
    orderDate: Date.UTC(2026, 10, 20, 21, 30),
    lastModifiedDate: Date.UTC(2026, 10, 21, 9, 0),
    status: 'Delivered',
    shipmentPackageStatus: 'Delivered',
    grossAmount: 816.36,
    totalDiscount: 57.15,
    totalTyDiscount: 0,
    totalPrice: 759.21,
    currencyCode: 'TRY',
    customerFirstName: 'Onur',
    customerLastName: 'Burkaç',
    customerEmail: 'pf+x@trendyolmail.com',
    shipmentAddress: { firstName: 'Onur', lastName: 'Burkaç', address1: 'Lara Mah. 1. Sok. No:3', city: 'Antalya', district: 'Kepez', countryCode: 'TR', phone: '05321234567' },
    invoiceAddress: null,
    lines: [
      { id: 5324169837, quantity: 1, productName: 'Duvar Örtüsü', merchantSku: 'MDH01800', barcode: 'MDH01800', amount: 816.36, price: 759.21, vatBaseAmount: 10, productCode: 1306779087, orderLineItemStatusName: 'Delivered' },
    ],
    packageHistories: [{ createdDate: Date.UTC(2026, 10, 20, 18, 30, 1), status: 'Created' }],
  }

  it('keeps the provider totals and converts Istanbul time to UTC', () => {
    const order = toUnifiedOrder(pkg, 'conn_1')
    expect(order.total).toEqual({ amount: '759.21', currency: 'TRY' })
    expect(order.subtotal).toEqual({ amount: '816.36', currency: 'TRY' })
    expect(order.discount_total).toEqual({ amount: '57.15', currency: 'TRY' })
    expect(order.created_at).toBe('2026-11-20T18:30:00.000Z')
    expect(order.updated_at).toBe('2026-11-21T09:00:00.000Z')
    expect(order.id).toBe('3717432760')
    expect(order.shipments).toEqual([])
    expect(order.billing_address).toBeNull()
    expect(order.lines?.[0]).toMatchObject({ id: '5324169837', product_id: '1306779087', tax_rate: '10', unit_price: { amount: '759.21' } })
  })

  it('survives missing optional fields', () => {
    const bare = { id: 1, orderNumber: 'X', orderDate: 0, grossAmount: 10, totalPrice: 10, lines: [] } as unknown as TrendyolPackage
    const order = toUnifiedOrder(bare, 'conn_1')
    expect(order).toMatchObject({ currency: 'TRY', provider_status: null, customer: { name: null, email: null }, shipping_address: null })
    expect(toUnifiedAddress({ city: '  ' })).toBeNull()
    expect(toUnifiedLine({ id: 1, quantity: 2, productName: 'x', amount: 5, price: 4.5 }, 'TRY')).toMatchObject({ total: { amount: '9.00' }, sku: null, tax_rate: null })
  })
})
