import { describe, expect, it } from 'vitest'
import { parcelDesi, shipmentLifecycleTable, shipmentStatusFor, turkishPhone10 } from '../../src/core/provider-kit/index.js'
import { trackingStatuses } from '../../src/models/index.js'

describe('shipping helpers', () => {
  it.each([
    ['pending', 'created'],
    ['picked_up', 'in_transit'],
    ['in_transit', 'in_transit'],
    ['out_for_delivery', 'out_for_delivery'],
    ['ready_for_pickup', 'out_for_delivery'],
    ['delivery_delayed', 'in_transit'],
    ['on_hold', 'needs_attention'],
    ['delivery_failed', 'delivery_failed'],
    ['return_to_sender', 'returned'],
    ['returned', 'returned'],
    ['delivered', 'delivered'],
    ['cancelled', 'cancelled'],
    ['unknown', 'needs_attention'],
  ] as const)('tracking %s -> shipment %s', (tracking, shipment) => {
    expect(shipmentStatusFor(tracking)).toBe(shipment)
  })

  it('maps every tracking status', () => {
    expect(Object.keys(shipmentLifecycleTable).sort()).toEqual([...trackingStatuses].sort())
  })

  it('computes desi: given, else L×W×H/3000, else the weight', () => {
    expect(parcelDesi({ weight_kg: 1, desi: 7 })).toBe(7)
    expect(parcelDesi({ weight_kg: 1, length_cm: 40, width_cm: 30, height_cm: 25 })).toBe(10)
    expect(parcelDesi({ weight_kg: 1, length_cm: 1, width_cm: 1, height_cm: 1 })).toBe(0.01)
    expect(parcelDesi({ weight_kg: 2.5, length_cm: 40 })).toBe(2.5)
  })

  it('turns Turkish phones into the 10-digit national number, or null', () => {
    expect(turkishPhone10('+905321234567')).toBe('5321234567')
    expect(turkishPhone10('0 (532) 123 45 67')).toBe('5321234567')
    expect(turkishPhone10('5321234567')).toBe('5321234567')
    expect(turkishPhone10('+90 212 12')).toBeNull()
    expect(turkishPhone10(null)).toBeNull()
  })
})
