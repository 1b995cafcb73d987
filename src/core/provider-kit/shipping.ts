import type { Parcel, ShipmentStatus, TrackingStatus } from '../../models/shipment.js'
import type { Logger } from '../logger.js'
import { lookupTable } from './tables.js'

/**
 * Volumetric weight (desi) of a parcel: the caller's value, else L×W×H/3000 (the Turkish carriers' divisor),
 * else the actual weight — carriers bill the larger of kg and desi, so an unknown volume counts as its weight.
 */
export function parcelDesi(parcel: Parcel): number {
  if (parcel.desi !== undefined) return parcel.desi
  const { length_cm: l, width_cm: w, height_cm: h } = parcel
  if (l !== undefined && w !== undefined && h !== undefined) return Math.max(0.01, Math.round(((l * w * h) / 3000) * 100) / 100)
  return parcel.weight_kg
}

/**
 * A tracking status -> the shipment lifecycle (Karrio's `_compute_shipment_status`, with kopru's lifecycle):
 * anything moving is in transit, trouble that needs a human is needs_attention.
 */
const lifecycleRows: Record<TrackingStatus, ShipmentStatus> = {
  pending: 'created',
  picked_up: 'in_transit',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  ready_for_pickup: 'out_for_delivery',
  delivery_delayed: 'in_transit',
  on_hold: 'needs_attention',
  delivery_failed: 'delivery_failed',
  return_to_sender: 'returned',
  returned: 'returned',
  delivered: 'delivered',
  cancelled: 'cancelled',
  unknown: 'needs_attention',
}
export const shipmentLifecycleTable = lifecycleRows
const lifecycle = lookupTable('shipment-lifecycle', lifecycleRows, 'needs_attention' as ShipmentStatus)

export const shipmentStatusFor = (status: TrackingStatus, log?: Logger): ShipmentStatus => lifecycle(status, log)

/** E.164 or national Turkish numbers -> the 10-digit national number without the trunk 0 ("5321234567"). */
export function turkishPhone10(value: string | null | undefined): string | null {
  if (!value) return null
  const digits = value.replace(/\D/g, '').replace(/^90(?=\d{10}$)/, '').replace(/^0(?=\d{10}$)/, '')
  return /^\d{10}$/.test(digits) ? digits : null
}
