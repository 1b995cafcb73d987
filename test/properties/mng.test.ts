/** Property tests of MNG's mapping: schema-valid generated answers never yield anything but KopruError; times are ISO UTC; COD money is exact. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toTracker, toUnifiedShipment } from '../../providers/mng/mapping.js'
import { mngOrderWire, mngShipmentWire, mngTrackEventsWire, single } from '../../providers/mng/wire.js'
import { readWire } from '../../src/core/provider-kit/index.js'
import { expectUtcTimes, mapsOrRefuses } from './carrier-assertions.js'

const source = (what: string) => ({ provider: { id: 'mng', name: 'MNG Kargo' }, what })
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const text = fc.string({ maxLength: 20 })
const two = (n: number) => String(n).padStart(2, '0')
const localTime = fc.oneof(
  fc.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map(
    (d) => `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  ),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
)
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 100_000 }))
const statusCode = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 99 }).map(String))

const order = fc.record({
  referenceId: fc.string({ minLength: 1, maxLength: 20 }),
  orderStatus: fc.oneof(fc.constantFrom('ALINDI', 'BARKODLANDI', 'IPTAL'), text),
  isCOD: maybe(fc.constantFrom(0 as const, 1 as const)),
  codAmount: maybe(number),
  createDate: maybe(fc.oneof(localTime, fc.constant(''))),
  recipient: fc.record({ fullName: text, address: text, mobilePhoneNumber: maybe(text), email: maybe(text), cityName: maybe(text), districtName: maybe(text) }),
  orderPieceList: fc.array(fc.record({ desi: number, kg: number }), { maxLength: 3 }),
})
const shipment = fc.record({
  shipmentId: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 0 })),
  shipmentStatusCode: statusCode,
  shipmentStatus: maybe(text),
  isCancelled: maybe(fc.constantFrom(0 as const, 1 as const)),
  estimatedDeliveryDate: maybe(fc.oneof(localTime, fc.constant(''), fc.constant(null))),
})
const events = fc.array(
  fc.record({ eventSequence: fc.integer({ min: 0, max: 50 }), eventStatusCode: statusCode, eventStatus: text, eventDateTime: localTime, location: maybe(text), locationCity: maybe(text), locationTown: maybe(text) }),
  { maxLength: 6 },
)

describe('MNG mapping properties', () => {
  it('getorder + getshipment + trackshipment map with UTC times and exact COD money, or are refused as provider_error', () => {
    fc.assert(
      fc.property(order, fc.option(shipment, { nil: null }), events, (rawOrder, rawShipment, rawEvents) => {
        const parsed = mapsOrRefuses(() => ({
          order: readWire(single(mngOrderWire), [rawOrder], source('getorder')),
          shipment: rawShipment ? readWire(single(mngShipmentWire), [rawShipment], source('getshipment')) : null,
          events: readWire(mngTrackEventsWire, rawEvents, source('trackshipment')),
        }))
        if (!parsed) return
        const unified = mapsOrRefuses(() => {
          const tracker = parsed.shipment ? toTracker(parsed.shipment.shipmentId, parsed.events as never, parsed.shipment as never) : null
          return toUnifiedShipment({ order: parsed.order as never, shipment: parsed.shipment as never, tracker, connectionId: 'conn_p', customerNumber: '1' })
        })
        if (!unified) return
        expectUtcTimes(unified)
        if (unified.cod) expect(Number(unified.cod.amount.amount)).toBeCloseTo(rawOrder.codAmount ?? 0, 2)
      }),
      { numRuns: 300 },
    )
  })
})
