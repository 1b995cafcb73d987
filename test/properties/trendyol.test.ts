/**
 * Property tests: Trendyol mappings fed schema-valid answers (generated from providers/trendyol/wire.ts).
 * No exception but a KopruError, money adds up, times are ISO UTC, unified objects have all their keys.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toUnifiedOrder, toUnifiedProduct, trendyolBatchProgress } from '../../providers/trendyol/mapping.js'
import { trendyolBatchResult, trendyolPackage, trendyolProduct } from '../../providers/trendyol/wire.js'
import { parsedFrom } from '../helpers/zod-arbitrary.js'
import { expectOrderInvariants, expectProductInvariants, mapsOrRefuses, units } from './invariants.js'

const runs = { numRuns: 200 }

describe('Trendyol mappings over schema-valid answers', () => {
  it('shipment package -> unified order: gross − discount = total, ISO UTC times, complete objects', () => {
    fc.assert(
      fc.property(parsedFrom(trendyolPackage), (pkg) => {
        const order = mapsOrRefuses(() => toUnifiedOrder(pkg, 'conn_1'))
        if (!order) return
        expectOrderInvariants(order)
        expect(units(order.subtotal!) - units(order.discount_total!)).toBe(units(order.total!))
        for (const [index, line] of order.lines!.entries()) expect(units(line.total)).toBe(units(line.unit_price) * BigInt(pkg.lines[index]!.quantity))
      }),
      runs,
    )
  })

  it('listing -> unified product', () => {
    fc.assert(
      fc.property(parsedFrom(trendyolProduct), (product) => {
        const unified = mapsOrRefuses(() => toUnifiedProduct(product, 'conn_1'))
        if (unified) expectProductInvariants(unified)
      }),
      runs,
    )
  })

  it('batch result -> item outcomes only for barcodes Trendyol names', () => {
    fc.assert(
      fc.property(parsedFrom(trendyolBatchResult), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 }), (batch, barcodes) => {
        const progress = mapsOrRefuses(() => trendyolBatchProgress(batch, barcodes))
        if (!progress) return
        for (const item of progress.items) expect(typeof item.barcode).toBe('string')
      }),
      runs,
    )
  })
})
