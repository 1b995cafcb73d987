/** MNG Kargo <-> unified translation: pure functions and tables. */
import {
  isoOrNull,
  lookupTable,
  money,
  parseProviderTime,
  shipmentStatusFromTracking,
  type Logger,
  type ParsedProviderError,
} from '../../src/core/provider-kit/index.js'
import type { Address, Shipment, Tracker, TrackingEvent, TrackingStatus } from '../../src/models/index.js'
import type { MngOrderInfo, MngShipmentInfo, MngTrackEvent } from './types.js'

/**
 * `shipmentStatusCode` / `eventStatusCode` of the REST API -> tracking status (shipping-carriers.md, "MNG
 * status mapping", from the vendor OpenAPI files quoted by one client [U]). 0 is the simulator's and kopru's
 * reading of "order received, no barcode yet".
 */
export const mngTrackingStatusTable = lookupTable<string, TrackingStatus>(
  'mng.shipmentStatusCode',
  {
    '0': 'pending',
    '1': 'pending',
    '2': 'in_transit',
    '3': 'in_transit',
    '4': 'out_for_delivery',
    '5': 'delivered',
    '6': 'delivery_failed',
    '7': 'return_to_sender',
    '8': 'on_hold',
  },
  'unknown',
)

/**
 * MNG application error codes that are validation failures -> the unified request field they concern.
 * Only `20001` is documented publicly (transient, retried); these codes are the simulator's, pending MNG's own
 * list (docs/providers/mng.md).
 */
export const mngValidationFields: Record<string, string> = {
  '10001': 'body.reference',
  '10002': 'body.recipient.phone',
  '10003': 'body.recipient.district',
  '10004': 'body.recipient.city',
  '10005': 'body.cod',
  '10006': 'body.recipient.name',
  '10007': 'body.recipient.line1',
  '10008': 'body.parcels',
}

export const MNG_DUPLICATE_REFERENCE = '30001'
export const MNG_TRANSIENT = new Set(['20001'])
/** Refusals by the order's state: 40003 a barcode already exists for the referenceId, 40004 cancel it with cancelshipment. */
export const MNG_STATE_CONFLICTS = new Set(['40003', '40004'])

/**
 * What an MNG application error code means, for `parseError`: a field of kopru's request, kopru's reference
 * already taken (the gateway reconciles), or a refusal by the order's state. Other codes say nothing more than
 * their HTTP status (20001 is transient and retried by its code).
 */
export function mngErrorMeaning(code: string | undefined, message: string | undefined): Pick<ParsedProviderError, 'kind' | 'fields'> {
  if (!code) return {}
  const field = mngValidationFields[code]
  if (field) return { kind: 'validation', fields: [{ path: field, message: message ?? code }] }
  if (code === MNG_DUPLICATE_REFERENCE) return { kind: 'duplicate', fields: [{ path: 'body.reference', message: message ?? code }] }
  if (MNG_STATE_CONFLICTS.has(code)) return { kind: 'conflict' }
  return {}
}

export const mngTrackingUrl = (shipmentId: string) => `https://www.mngkargo.com.tr/gonderi-takip/?takipNo=${encodeURIComponent(shipmentId)}`

export function toTrackingEvent(event: MngTrackEvent, log?: Logger): TrackingEvent {
  return {
    occurred_at: isoOrNull(parseProviderTime(event.eventDateTime)) ?? new Date(0).toISOString(),
    status: mngTrackingStatusTable(String(event.eventStatusCode), log),
    code: String(event.eventStatusCode),
    description: event.eventStatus,
    location: { city: event.locationCity || null, district: event.locationTown || null, facility: event.location || null },
  }
}

export function toTracker(trackingNumber: string, events: MngTrackEvent[], shipment: MngShipmentInfo | null, log?: Logger): Tracker {
  const unified = [...events].sort((a, b) => a.eventSequence - b.eventSequence).map((e) => toTrackingEvent(e, log))
  const newest = unified[unified.length - 1]
  const code = shipment ? String(shipment.shipmentStatusCode) : (newest?.code ?? null)
  const status = shipment?.isCancelled ? 'cancelled' : code !== null ? mngTrackingStatusTable(code, log) : 'pending'
  return {
    tracking_number: trackingNumber,
    carrier: 'mng',
    status,
    delivered: status === 'delivered',
    estimated_delivery: isoOrNull(parseProviderTime(shipment?.estimatedDeliveryDate)),
    events: unified.reverse(),
    carrier_status: { code, text: shipment?.shipmentStatus ?? newest?.description ?? null },
  }
}

/** The account's own address is not part of MNG's order; kopru stores what the client sent. */
const unknownShipper = (customerNumber: string): Address => ({
  name: `MNG müşteri ${customerNumber}`,
  line1: '',
  city: '',
  country_code: 'TR',
})

export function toUnifiedShipment(input: {
  order: MngOrderInfo
  shipment: MngShipmentInfo | null
  tracker: Tracker | null
  connectionId: string
  customerNumber: string
  label?: Shipment['label']
  log?: Logger
}): Shipment {
  const { order, shipment, tracker } = input
  const base: Shipment['status'] = shipment ? 'label_created' : 'created'
  let status: Shipment['status'] = base
  if (shipment?.isCancelled || order.orderStatus === 'IPTAL') status = 'cancelled'
  else if (tracker) status = shipmentStatusFromTracking(tracker.status, base)
  return {
    id: order.referenceId,
    provider: 'mng',
    connection_id: input.connectionId,
    carrier: 'mng',
    reference: order.referenceId,
    tracking_number: shipment?.shipmentId ?? null,
    status,
    provider_status: shipment ? String(shipment.shipmentStatusCode) : order.orderStatus,
    shipper: unknownShipper(input.customerNumber),
    recipient: {
      name: order.recipient.fullName,
      phone: order.recipient.mobilePhoneNumber ? `+90${order.recipient.mobilePhoneNumber.replace(/^0/, '')}` : null,
      email: order.recipient.email ?? null,
      line1: order.recipient.address,
      district: order.recipient.districtName ?? null,
      city: order.recipient.cityName ?? '',
      country_code: 'TR',
    },
    parcels: order.orderPieceList.map((p) => ({ weight_kg: p.kg, desi: p.desi })),
    cod: order.isCOD ? { amount: money(order.codAmount, 'TRY'), collection: 'cash' } : null,
    label: input.label ?? null,
    tracking_url: shipment ? mngTrackingUrl(shipment.shipmentId) : null,
    ...(tracker ? { tracking: tracker } : {}),
    created_at: isoOrNull(parseProviderTime(order.createDate)) ?? new Date().toISOString(),
    raw: { order, shipment },
  }
}
