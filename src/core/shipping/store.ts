import type { ShipmentRow } from '../../db/shipments.js'
import { Shipment, type CreateShipmentRequest } from '../../models/shipment.js'
import type { ResolvedConnection } from '../connections.js'
import { bytesToBase64 } from '../encoding.js'
import { newId } from '../ids.js'
import { parcelDesi } from '../provider-kit/shipping.js'
import { renderPdfLabel } from './labels/pdf-label.js'
import { renderZplLabel } from './labels/zpl-label.js'
import type { ShippingDeps } from './service.js'

export async function storeShipment(deps: ShippingDeps, connection: ResolvedConnection, found: Shipment, request: CreateShipmentRequest & { reference: string }) {
  // What the client sent is the truth about addresses and COD; a reconciled shipment may only echo part of it.
  const shipment: Shipment = { ...found, shipper: request.shipper, recipient: request.recipient, cod: request.cod ?? found.cod }
  const label = await labelFor(connection, shipment, request.label_format)
  const { raw: _raw, tracking: _tracking, label: _label, ...data } = shipment
  return deps.shipments.insert({
    id: newId('shp'),
    tenantId: connection.info.tenantId,
    connectionId: connection.info.id,
    provider: connection.provider.id,
    providerId: shipment.id,
    reference: shipment.reference || request.reference,
    trackingNumber: shipment.tracking_number,
    status: shipment.status,
    label,
    data,
  }, (stored) => ({ ...view(stored), label: null }))
}

/** One default across carriers (docs/shipments.md). */
export const DEFAULT_LABEL_FORMAT = 'PDF'

/**
 * The label in the wanted format (PDF unless asked otherwise, for every carrier): the carrier's own when it
 * gives one in that format (MNG's ZPL), otherwise rendered here with the barcode the branch scans (tracking
 * number, else the reference). A ZPL request is never answered with a PDF.
 */
async function labelFor(connection: ResolvedConnection, shipment: Shipment, wanted: 'PDF' | 'ZPL' = DEFAULT_LABEL_FORMAT) {
  if (shipment.label && shipment.label.format === wanted) return shipment.label
  const content = {
    carrier: connection.provider.name,
    barcode: shipment.tracking_number ?? shipment.reference,
    reference: shipment.reference,
    trackingNumber: shipment.tracking_number,
    shipper: shipment.shipper,
    recipient: shipment.recipient,
    parcels: shipment.parcels.map((p) => ({ weight_kg: p.weight_kg, desi: p.desi ?? parcelDesi(p) })),
    cod: shipment.cod,
    createdAt: new Date(shipment.created_at),
  }
  if (wanted === 'ZPL') return { format: 'ZPL' as const, data: bytesToBase64(new TextEncoder().encode(renderZplLabel(content))) }
  return { format: 'PDF' as const, data: bytesToBase64(await renderPdfLabel(content)) }
}

/** A stored row as the API shows it, with carrier-fresh fields laid over. */
export function view(row: ShipmentRow, fresh?: Partial<Shipment>): Shipment {
  return {
    ...(row.data as unknown as Shipment),
    ...fresh,
    id: row.id,
    reference: row.reference,
    tracking_number: fresh?.tracking_number ?? row.trackingNumber,
    status: (fresh?.status ?? row.status) as Shipment['status'],
    label: row.label ?? null,
  }
}

export async function stored(deps: ShippingDeps, tenantId: string, id: string, connectionId: string | undefined) {
  const row = /^shp_[A-Za-z0-9]{1,40}$/.test(id) ? await deps.shipments.get(tenantId, id) : undefined
  if (row && connectionId && connectionId !== row.connectionId) return undefined
  return row
}

/** Carrier-reported fields that may change; addresses, parcels and COD stay as they were sent. */
export const changing = (s: Shipment): Partial<Shipment> => ({
  tracking_number: s.tracking_number,
  status: s.status,
  provider_status: s.provider_status,
  tracking_url: s.tracking_url,
})


/** Fields in the schema's order (stored JSON comes back from jsonb in its own key order); unchanged if it does not parse. */
export function present(shipment: unknown): Shipment {
  const parsed = Shipment.safeParse(shipment)
  return parsed.success ? parsed.data : (shipment as Shipment)
}

