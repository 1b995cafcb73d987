import type { ShipmentStatus, TrackingStatus } from '../../models/shipment.js'

/**
 * Tracking status -> shipment lifecycle, the same for every carrier (after Karrio's `_compute_shipment_status`):
 * `keep` leaves the shipment where it is (nothing happened yet, or the carrier said something we do not know).
 */
export const shipmentStatusByTrackingStatus: Record<TrackingStatus, ShipmentStatus | 'keep'> = {
  pending: 'keep',
  picked_up: 'in_transit',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  ready_for_pickup: 'in_transit',
  delivery_delayed: 'needs_attention',
  on_hold: 'needs_attention',
  delivery_failed: 'delivery_failed',
  return_to_sender: 'needs_attention',
  returned: 'returned',
  delivered: 'delivered',
  cancelled: 'cancelled',
  unknown: 'keep',
}

export function shipmentStatusFromTracking(tracking: TrackingStatus, current: ShipmentStatus): ShipmentStatus {
  const next = shipmentStatusByTrackingStatus[tracking]
  return next === 'keep' ? current : next
}

/** Volumetric weight as Turkish carriers compute it: L×W×H (cm) / 3000, or the parcel's own `desi`. */
export function parcelDesi(parcel: { desi?: number; length_cm?: number; width_cm?: number; height_cm?: number }): number {
  if (parcel.desi !== undefined) return parcel.desi
  if (parcel.length_cm && parcel.width_cm && parcel.height_cm) {
    return Math.round(((parcel.length_cm * parcel.width_cm * parcel.height_cm) / 3000) * 100) / 100
  }
  return 0
}

/** Carriers bill the larger of weight and volumetric weight. */
export const chargeableWeight = (parcel: { weight_kg: number; desi?: number; length_cm?: number; width_cm?: number; height_cm?: number }) =>
  Math.max(parcel.weight_kg, parcelDesi(parcel))

/**
 * Calls `fn` again when `isTransient(error)` says the provider failed in a way documented as safe to repeat
 * (e.g. MNG's `20001`), with a growing pause; anything else is thrown at once.
 */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  { attempts = 3, delayMs = 200, isTransient }: { attempts?: number; delayMs?: number; isTransient: (error: unknown) => boolean },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt))
    }
  }
}
