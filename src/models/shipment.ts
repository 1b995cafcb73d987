import { z } from '@hono/zod-openapi'
import { safeString } from './safe.js'
import { Address, Money, Timestamp } from './common.js'

export const shipmentStatuses = [
  'created',
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'needs_attention',
  'returned',
  'cancelled',
] as const
export type ShipmentStatus = (typeof shipmentStatuses)[number]

/** Karrio's tracking statuses plus `returned`. */
export const trackingStatuses = [
  'pending',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'ready_for_pickup',
  'delivery_delayed',
  'on_hold',
  'delivery_failed',
  'return_to_sender',
  'returned',
  'delivered',
  'cancelled',
  'unknown',
] as const
export type TrackingStatus = (typeof trackingStatuses)[number]

export const Parcel = z
  .object({
    weight_kg: z.number().positive().max(1000),
    length_cm: z.number().positive().max(500).optional(),
    width_cm: z.number().positive().max(500).optional(),
    height_cm: z.number().positive().max(500).optional(),
    desi: z.number().positive().max(10_000).optional().openapi({ description: 'Volumetric weight; computed from dimensions (L×W×H/3000) when absent' }),
  })
  .openapi('Parcel')
export type Parcel = z.infer<typeof Parcel>

export const CashOnDelivery = z
  .object({ amount: Money, collection: z.enum(['cash', 'card']) })
  .openapi('CashOnDelivery')

export const Label = z
  .object({ format: z.enum(['PDF', 'ZPL']), data: z.string().openapi({ description: 'base64' }) })
  .openapi('Label')

export const CreateShipmentRequest = z
  .object({
    shipper: Address,
    recipient: Address,
    parcels: z.array(Parcel).min(1).max(50),
    cod: CashOnDelivery.optional(),
    reference: safeString().trim().min(1).max(64).optional().openapi({ description: 'Your reference; generated when absent (cargoKey / IntegrationCode / referenceId)' }),
    label_format: z.enum(['PDF', 'ZPL']).optional(),
    description: safeString().max(200).optional(),
  })
  .openapi('CreateShipmentRequest')
export type CreateShipmentRequest = z.infer<typeof CreateShipmentRequest>

export const TrackingEvent = z
  .object({
    occurred_at: Timestamp,
    status: z.enum(trackingStatuses),
    code: z.string().nullable(),
    description: z.string(),
    location: z.object({ city: z.string().nullable(), district: z.string().nullable(), facility: z.string().nullable() }),
  })
  .openapi('TrackingEvent')
export type TrackingEvent = z.infer<typeof TrackingEvent>

export const Tracker = z
  .object({
    tracking_number: z.string(),
    carrier: z.string(),
    status: z.enum(trackingStatuses),
    delivered: z.boolean(),
    estimated_delivery: Timestamp.nullable(),
    events: z.array(TrackingEvent),
    carrier_status: z.object({ code: z.string().nullable(), text: z.string().nullable() }),
    raw: z.unknown().optional(),
  })
  .openapi('Tracker')
export type Tracker = z.infer<typeof Tracker>

export const Shipment = z
  .object({
    id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    carrier: z.string(),
    reference: z.string(),
    tracking_number: z.string().nullable(),
    status: z.enum(shipmentStatuses),
    provider_status: z.string().nullable(),
    shipper: Address,
    recipient: Address,
    parcels: z.array(Parcel.extend({ desi: z.number() })),
    cod: CashOnDelivery.nullable(),
    label: Label.nullable(),
    tracking_url: z.string().nullable(),
    tracking: Tracker.nullable().optional(),
    created_at: Timestamp,
    raw: z.unknown().optional(),
  })
  .openapi('Shipment')
export type Shipment = z.infer<typeof Shipment>

export const RateRequest = z
  .object({
    shipper: Address,
    recipient: Address,
    parcels: z.array(Parcel).min(1).max(50),
    cod: CashOnDelivery.optional(),
  })
  .openapi('RateRequest')
export type RateRequest = z.infer<typeof RateRequest>

export const Rate = z
  .object({
    carrier: z.string(),
    service: z.string(),
    total: Money,
    source: z.enum(['carrier', 'rate_sheet']),
    estimated_days: z.number().int().nullable(),
  })
  .openapi('Rate')
export type Rate = z.infer<typeof Rate>
