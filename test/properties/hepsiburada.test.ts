/**
 * Property tests: Hepsiburada mappings fed schema-valid answers (generated from providers/hepsiburada/wire.ts).
 * No exception but a KopruError, money adds up, times are ISO UTC, unified objects have all their keys.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toUnifiedOrder, toUnifiedProduct, unitId, uploadItemResults } from '../../providers/hepsiburada/mapping.js'
import { hbListing, hbOrderDetail, hbUploadResult } from '../../providers/hepsiburada/wire.js'
import { parsedFrom } from '../helpers/zod-arbitrary.js'
import { expectOrderInvariants, expectProductInvariants, mapsOrRefuses, units } from './invariants.js'

const runs = { numRuns: 300 }

describe('Hepsiburada mappings over schema-valid answers', () => {
  it('order detail -> unified order: exact totals, ISO UTC times, complete objects', () => {
    fc.assert(
      fc.property(parsedFrom(hbOrderDetail), (detail) => {
        const unit = {
          id: unitId(detail.orderNumber, null),
          orderNumber: detail.orderNumber,
          orderDate: detail.orderDate,
          customerName: detail.customer?.name ?? null,
          shippingAddress: detail.deliveryAddress,
          billingAddress: detail.invoice?.address,
          lines: detail.items,
          raw: detail,
        }
        const order = mapsOrRefuses(() => toUnifiedOrder(unit, 'conn_1'))
        if (!order) return
        expectOrderInvariants(order)
        expect(units(order.total!)).toBe(order.lines!.reduce((sum, line) => sum + units(line.total), 0n))
        expect(units(order.subtotal!)).toBe(units(order.total!) + units(order.discount_total!))
      }),
      runs,
    )
  })

  it('listing -> unified product', () => {
    fc.assert(
      fc.property(parsedFrom(hbListing), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (listing, now) => {
        const product = mapsOrRefuses(() => toUnifiedProduct(listing, 'conn_1', undefined, now))
        if (!product) return
        expectProductInvariants(product)
        expect(product.title).toBeNull()
      }),
      runs,
    )
  })

  it('upload result -> one outcome per SKU sent', () => {
    fc.assert(
      fc.property(parsedFrom(hbUploadResult), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 5 }), (result, skus) => {
        const outcomes = mapsOrRefuses(() => uploadItemResults({ kind: 'price', id: 'u1', skus }, result))
        if (!outcomes) return
        expect(outcomes.map((outcome) => outcome.sku)).toEqual(skus)
      }),
      runs,
    )
  })
})
