/**
 * Amazon mappings fed schema-valid answers generated from Amazon's own models (orders_2026-01-01.json,
 * sellers.json): no exception other than a provider_error naming the field, orders valid per the unified model,
 * money that adds up, times in ISO UTC.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedOrder } from '../../providers/amazon/mapping.js'
import { amazonGetOrderWire, amazonParticipationsWire, amazonSearchOrdersWire } from '../../providers/amazon/wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { arbitraryFrom, loadDocument, responseSchema } from '../helpers/spec-sample.js'
import { expectUnifiedOrder, mapsOrRefuses, sumUnits, tally, units } from './unified-invariants.js'

const AMAZON = { id: 'amazon', name: 'Amazon' }
const orders = loadDocument('amazon/orders_2026-01-01.json')
const sellers = loadDocument('amazon/sellers.json')
const context = { connectionId: 'conn_prop', marketplaceCurrencies: { ATVPDKIKX0DER: 'USD' } }

describe('Amazon mappings over generated Orders 2026-01-01 answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => {
    expect(tally.mapped).toBeGreaterThan(10)
  })
  it('searchOrders pages: every order maps with its lines, or is refused naming the field', () => {
    fc.assert(
      fc.property(arbitraryFrom(orders, responseSchema(orders, '/orders/2026-01-01/orders')), (body) => {
        mapsOrRefuses(() => {
          parseWire(AMAZON, amazonSearchOrdersWire, body).orders.forEach((order, i) => {
            const unified = toUnifiedOrder(order, { ...context, at: `orders[${i}]` })
            expectUnifiedOrder(unified)
            expect(unified.lines).toHaveLength(order.orderItems.length)
            if (!order.proceeds?.grandTotal) expect(unified.total).toBeNull()
          })
        })
      }),
      // Generated amounts come in several currencies, which are refused (as they should be): more runs so enough reach the end.
      { numRuns: 1500 },
    )
  })

  it('getOrder: the subtotal is the sum of the lines, in the order currency', () => {
    fc.assert(
      fc.property(arbitraryFrom(orders, responseSchema(orders, '/orders/2026-01-01/orders/{orderId}')), (body) => {
        mapsOrRefuses(() => {
          const { order } = parseWire(AMAZON, amazonGetOrderWire, body)
          const unified = toUnifiedOrder(order, context)
          expectUnifiedOrder(unified)
          if (!unified.subtotal) return
          const digits = unified.subtotal.amount.split('.')[1]?.length ?? 0
          expect(units(unified.subtotal, digits)).toBe(sumUnits(unified.lines!.map((l) => l.total), digits))
          for (const line of unified.lines!) expect(line.total.currency).toBe(unified.currency)
        })
      }),
      { numRuns: 1500 },
    )
  })

  it('getMarketplaceParticipations answers parse or are refused by field', () => {
    fc.assert(
      fc.property(arbitraryFrom(sellers, responseSchema(sellers, '/sellers/v1/marketplaceParticipations')), (body) => {
        mapsOrRefuses(() => parseWire(AMAZON, amazonParticipationsWire, body))
      }),
    )
  })
})
