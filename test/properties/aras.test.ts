/** Property tests of Aras' mapping: schema-valid generated answers never yield anything but KopruError, and times are ISO UTC. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arasStatusTable, arasTime, arasTransferTable, toArasShipment, toArasTracker } from '../../providers/aras/mapping.js'
import { arasQueryWire } from '../../providers/aras/wire.js'
import { readWire } from '../../src/core/provider-kit/index.js'
import { expectUtcTimes, mapsOrRefuses } from './carrier-assertions.js'

const source = { provider: { id: 'aras', name: 'Aras Kargo' }, what: 'GetQueryJSONResult' }
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const text = fc.string({ maxLength: 20 })
const scalar = maybe(fc.oneof(text, fc.integer(), fc.constant(null)))
const two = (n: number) => String(n).padStart(2, '0')
const localTime = fc.oneof(
  fc.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map(
    (d) => `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  ),
)
const code = (table: Record<string, unknown>) => maybe(fc.oneof(fc.constantFrom(...Object.keys(table)), text, fc.integer({ min: 0, max: 9 })))

const cargo = fc.record({
  MUSTERI_OZEL_KODU: scalar,
  KARGO_TAKIP_NO: scalar,
  DURUM_KODU: code(arasStatusTable),
  DURUMU: scalar,
  DEVIR_KODU: code(arasTransferTable),
  TIP_KODU: scalar,
  ALICI: scalar,
  IL: scalar,
  ILCE: scalar,
  GONDERI_TARIHI: maybe(fc.oneof(localTime, fc.constant(''))),
})
const movement = fc.record({ ISLEM_TARIHI: localTime, ISLEM: scalar, DURUM_KODU: code(arasStatusTable), DURUMU: scalar, BIRIM: scalar, IL: scalar, ILCE: scalar })

describe('Aras mapping properties', () => {
  it('a waybill record with its movements maps with UTC times, or is refused as provider_error', () => {
    fc.assert(
      fc.property(cargo, fc.array(movement, { maxLength: 6 }), (record, movements) => {
        const answer = mapsOrRefuses(() => readWire(arasQueryWire, { QueryResult: { Cargo: [record], CargoTransaction: movements } }, source))
        if (!answer) return
        expectUtcTimes(toArasShipment(record, movements, { connectionId: 'conn_p' }))
        const tracker = toArasTracker(record, movements)
        expectUtcTimes({ tracking: tracker })
        expect(tracker.events).toHaveLength(movements.length)
      }),
      { numRuns: 300 },
    )
  })

  it('an accepted dd.MM.yyyy HH:mm:ss converts back to the same Istanbul wall-clock time', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/), (value) => {
        const iso = arasTime(value)
        if (iso === null) return
        const local = new Date(Date.parse(iso) + 3 * 3600_000).toISOString()
        expect(`${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 19)}`).toBe(value)
      }),
      { numRuns: 500 },
    )
  })
})
