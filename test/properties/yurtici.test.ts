/** Property tests of Yurtiçi's mapping: schema-valid generated answers never yield anything but KopruError, and times are ISO UTC. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toYurticiShipment, toYurticiTracker, yurticiEventTable, yurticiOperationTable, yurticiTime } from '../../providers/yurtici/mapping.js'
import { yurticiQueryResultWire } from '../../providers/yurtici/wire.js'
import { readWire } from '../../src/core/provider-kit/index.js'
import { expectUtcTimes, mapsOrRefuses } from './carrier-assertions.js'

const source = { provider: { id: 'yurtici', name: 'Yurtiçi Kargo' }, what: 'queryShipment' }
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const text = fc.string({ maxLength: 20 })
const date8 = fc.oneof(fc.stringMatching(/^\d{8}$/), fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, '')))
const time6 = fc.oneof(fc.stringMatching(/^\d{1,6}$/), fc.integer({ min: 0, max: 235959 }).map(String))

const event = fc.record({
  eventId: maybe(fc.oneof(fc.constantFrom(...Object.keys(yurticiEventTable)), text)),
  eventName: maybe(text),
  reasonId: maybe(text),
  reasonName: maybe(text),
  eventDate: date8,
  eventTime: maybe(fc.oneof(time6, fc.constant(''))),
  cityName: maybe(text),
  townName: maybe(text),
  unitName: maybe(text),
})

const item = fc.record({
  docId: maybe(text),
  cargoEventId: maybe(text),
  cargoReasonId: maybe(text),
  rejectStatus: maybe(fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), text)),
  returnStatus: maybe(text),
  documentDate: maybe(fc.oneof(date8, fc.constant(''))),
  documentTime: maybe(time6),
  estimatedDeliveryDate: maybe(date8),
  estimatedDeliveryTime: maybe(time6),
  totalKg: maybe(text),
  totalDesi: maybe(text),
  trackingUrl: maybe(text),
  receiverGsm: maybe(text),
  invDocCargoVOArray: maybe(fc.array(event, { maxLength: 6 })),
})

const detail = fc.record({
  cargoKey: maybe(text),
  docId: maybe(text),
  operationStatus: maybe(fc.oneof(fc.constantFrom(...Object.keys(yurticiOperationTable)), text)),
  operationCode: maybe(fc.oneof(fc.integer({ min: 0, max: 9 }).map(String), text)),
  operationMessage: maybe(text),
  errCode: maybe(text),
  shippingDeliveryItemDetailVO: maybe(fc.oneof(item, fc.constant(''))),
})

describe('Yurtiçi mapping properties', () => {
  it('a queryShipment answer maps to a shipment and tracker with UTC times, or is refused as provider_error', () => {
    fc.assert(
      fc.property(detail, (row) => {
        const answer = mapsOrRefuses(() => readWire(yurticiQueryResultWire, { ShippingDeliveryVO: { outFlag: '0', shippingDeliveryDetailVO: [row] } }, source))
        if (!answer) return
        const parsed = answer.ShippingDeliveryVO.shippingDeliveryDetailVO![0]
        expectUtcTimes(toYurticiShipment(parsed, { connectionId: 'conn_p' }))
        expectUtcTimes({ tracking: toYurticiTracker(parsed) })
      }),
      { numRuns: 300 },
    )
  })

  it('a local YYYYMMDD + HHMMSS that is accepted converts back to the same wall-clock time (no silent roll-over)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{6}$/), (date, time) => {
        const iso = yurticiTime(date, time)
        if (iso === null) return
        const local = new Date(Date.parse(iso) + 3 * 3600_000).toISOString()
        expect(local.slice(0, 19).replace(/[-T:]/g, '')).toBe(`${date}${time}`)
      }),
      { numRuns: 500 },
    )
  })
})
