/**
 * Amazon mappings fed schema-valid answers generated from Amazon's own models (ordersV0.json, sellers.json):
 * no exception other than a provider_error naming the field, orders valid per the unified model, money that
 * adds up, times in ISO UTC.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toUnifiedOrder } from '../../providers/amazon/mapping.js'
import { amazonOrderItemsPageWire, amazonOrderResponseWire, amazonOrdersPageWire, amazonParticipationsWire } from '../../providers/amazon/wire.js'
import { parseWire } from '../../src/core/provider-kit/index.js'
import { arbitraryFrom, loadDocument, responseSchema } from '../helpers/spec-sample.js'
import { expectUnifiedOrder, mapsOrRefuses, sumUnits, tally, units } from './unified-invariants.js'

const AMAZON = { id: 'amazon', name: 'Amazon' }
const orders = loadDocument('amazon/ordersV0.json')
const sellers = loadDocument('amazon/sellers.json')
const context = { connectionId: 'conn_prop', marketplaceCurrencies: { ATVPDKIKX0DER: 'USD' } }

describe('Amazon mappings over generated Orders v0 answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => {
    expect(tally.mapped).toBeGreaterThan(10)
  })
  it('getOrders pages: no lines, no invented totals', () => {
    fc.assert(
      fc.property(arbitraryFrom(orders, responseSchema(orders, '/orders/v0/orders')), (body) => {
        mapsOrRefuses(() => {
          for (const order of parseWire(AMAZON, amazonOrdersPageWire, body).payload.Orders) {
            const unified = toUnifiedOrder(order, null, context)
            expectUnifiedOrder(unified)
            expect(unified.lines).toBeNull()
            expect(unified.subtotal).toBeNull()
            if (!order.OrderTotal?.Amount || !order.OrderTotal.CurrencyCode) expect(unified.total).toBeNull()
          }
        })
      }),
    )
  })

  it('getOrder with its items: subtotal is the sum of the lines, in the order currency', () => {
    const order = arbitraryFrom(orders, responseSchema(orders, '/orders/v0/orders/{orderId}'))
    const items = arbitraryFrom(orders, responseSchema(orders, '/orders/v0/orders/{orderId}/orderItems'))
    fc.assert(
      fc.property(order, fc.array(items, { minLength: 1, maxLength: 2 }), (orderBody, pages) => {
        mapsOrRefuses(() => {
          const parsed = parseWire(AMAZON, amazonOrderResponseWire, orderBody).payload
          const all = pages.flatMap((page) => parseWire(AMAZON, amazonOrderItemsPageWire, page).payload.OrderItems)
          const unified = toUnifiedOrder(parsed, all, context)
          expectUnifiedOrder(unified)
          expect(unified.lines).toHaveLength(all.length)
          const digits = unified.subtotal!.amount.split('.')[1]?.length ?? 0
          expect(units(unified.subtotal!, digits)).toBe(sumUnits(unified.lines!.map((l) => l.total), digits))
          for (const line of unified.lines!) expect(line.total.currency).toBe(unified.currency)
        })
      }),
      // Items in several currencies are refused (as they should be): more runs so enough reach the end.
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
