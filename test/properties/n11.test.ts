/**
 * Property tests: n11 mappings fed schema-valid answers (generated from providers/n11/wire.ts).
 * No exception but a KopruError, money adds up, times are ISO UTC, unified objects have all their keys.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toUnifiedItemResult, toUnifiedOrder, toUnifiedProduct } from '../../providers/n11/mapping.js'
import { n11Package, n11Product, n11TaskSkuResult } from '../../providers/n11/wire.js'
import { parsedFrom } from '../helpers/zod-arbitrary.js'
import { expectOrderInvariants, expectProductInvariants, mapsOrRefuses, units } from './invariants.js'

const runs = { numRuns: 200 }

describe('n11 mappings over schema-valid answers', () => {
  it('shipment package -> unified order: subtotal − discount = total, ISO UTC times, complete objects', () => {
    fc.assert(
      fc.property(parsedFrom(n11Package), (pkg) => {
        const order = mapsOrRefuses(() => toUnifiedOrder(pkg, 'conn_1'))
        if (!order) return
        expectOrderInvariants(order)
        expect(units(order.subtotal!) - units(order.discount_total!)).toBe(units(order.total!))
      }),
      runs,
    )
  })

  it('product row -> unified product', () => {
    fc.assert(
      fc.property(parsedFrom(n11Product), (row) => {
        const product = mapsOrRefuses(() => toUnifiedProduct(row, 'conn_1'))
        if (product) expectProductInvariants(product)
      }),
      runs,
    )
  })

  it('task detail row -> item result for that stock code', () => {
    fc.assert(
      fc.property(parsedFrom(n11TaskSkuResult), (row) => {
        const result = mapsOrRefuses(() => toUnifiedItemResult(row))
        if (result) expect(result.sku).toBe(row.itemCode)
      }),
      runs,
    )
  })
})
