import type { RequestScope } from '../request-scope.js'
import type { ShipmentRow } from '../../db/shipments.js'
import type { Shipment } from '../../models/shipment.js'
import { KopruError, isKopruError } from '../errors.js'
import { shipmentStatusFromTracking } from '../provider-kit/shipping.js'
import type { ShippingDeps } from './service.js'
import { changing, stored, view } from './store.js'

type ShipmentInput = { tenantId: string; id: string; connectionId: string | undefined; scope: RequestScope }

async function withTracking(
  deps: ShippingDeps,
  tenantId: string,
  connectionId: string,
  shipment: Shipment,
  scope: RequestScope,
): Promise<Shipment> {
  if (shipment.tracking !== undefined || !shipment.tracking_number) return { ...shipment, tracking: shipment.tracking ?? null }
  const connection = await deps.runner.usable(tenantId, connectionId)
  if (!connection.provider.operations['tracking.get']) return { ...shipment, tracking: null }
  const { result: tracking } = await deps.runner.run(tenantId, connectionId, 'tracking.get', { trackingNumber: shipment.tracking_number }, scope)
  return { ...shipment, tracking, status: shipmentStatusFromTracking(tracking.status, shipment.status) }
}

async function refresh(deps: ShippingDeps, row: ShipmentRow, fresh: Shipment, scope: RequestScope): Promise<Shipment> {
  const tracked = await withTracking(deps, row.tenantId, row.connectionId, { ...view(row), ...changing(fresh), tracking: fresh.tracking }, scope)
  const { raw: _raw, tracking: _t, label: _l, id: _id, ...data } = { ...(row.data as unknown as Shipment), ...changing(tracked) }
  const shipment = { ...tracked, id: row.id, label: row.label ?? null }
  const { raw: _r, ...announced } = shipment
  await deps.shipments.update(row.tenantId, row.id, { status: tracked.status, trackingNumber: tracked.tracking_number, data }, { ...announced, label: null })
  return { ...shipment, raw: fresh.raw }
}

/** A stored shipment (by kopru id) refreshed from the carrier, or a carrier id asked of the carrier directly. */
export async function getShipment(deps: ShippingDeps, input: ShipmentInput): Promise<Shipment> {
  const row = await stored(deps, input.tenantId, input.id, input.connectionId)
  if (row) {
    const connection = await deps.runner.usable(input.tenantId, row.connectionId)
    if (!connection.provider.operations['shipments.get']) return withTracking(deps, row.tenantId, row.connectionId, view(row), input.scope)
    const fresh = await deps.runner.run(input.tenantId, row.connectionId, 'shipments.get', { id: row.providerId }, input.scope).catch((error: unknown) => {
      // Some carriers delete a cancelled order (Aras' CancelDispatch): the stored cancelled shipment is the truth.
      if (row.status === 'cancelled' && isKopruError(error) && error.code === 'not_found') return null
      throw error
    })
    return fresh ? refresh(deps, row, fresh.result, input.scope) : { ...view(row), tracking: null }
  }
  const connectionId = requireConnection(input.connectionId, input.id)
  const { result } = await deps.runner.run(input.tenantId, connectionId, 'shipments.get', { id: input.id }, input.scope)
  return withTracking(deps, input.tenantId, connectionId, result, input.scope)
}

export async function cancelShipment(deps: ShippingDeps, input: ShipmentInput): Promise<Shipment> {
  const row = await stored(deps, input.tenantId, input.id, input.connectionId)
  if (row) {
    const { result } = await deps.runner.run(input.tenantId, row.connectionId, 'shipments.cancel', { id: row.providerId }, input.scope)
    const { raw: _raw, tracking: _t, label: _l, id: _id, ...data } = { ...(row.data as unknown as Shipment), ...changing(result) }
    const cancelled = view(row, changing(result))
    await deps.shipments.update(row.tenantId, row.id, { status: result.status, trackingNumber: result.tracking_number, data }, { ...cancelled, label: null })
    return { ...cancelled, raw: result.raw }
  }
  const connectionId = requireConnection(input.connectionId, input.id)
  const { result } = await deps.runner.run(input.tenantId, connectionId, 'shipments.cancel', { id: input.id }, input.scope)
  return result
}

/**
 * Tracking sync (polled): asks the carrier about the connection's shipments that can still change; a status
 * change is stored and announced as `shipment.status_changed` by the same path as a read.
 */
export async function refreshOpenShipments(deps: ShippingDeps, input: { tenantId: string; connectionId: string; scope: RequestScope; limit?: number }): Promise<number> {
  const rows = await deps.shipments.open(input.connectionId, input.limit ?? 50)
  for (const row of rows) {
    if (row.tenantId !== input.tenantId) continue
    await getShipment(deps, { tenantId: row.tenantId, id: row.id, connectionId: row.connectionId, scope: input.scope })
  }
  return rows.length
}

/** The stored label of a shipment kopru created. */
export async function shipmentLabel(deps: ShippingDeps, input: { tenantId: string; id: string }): Promise<{ reference: string; format: 'PDF' | 'ZPL'; data: string }> {
  const row = await stored(deps, input.tenantId, input.id, undefined)
  if (!row) throw new KopruError('not_found', `shipment '${input.id}' does not exist`)
  if (!row.label) throw new KopruError('not_found', `shipment '${input.id}' has no label`)
  return { reference: row.reference, ...row.label }
}

function requireConnection(connectionId: string | undefined, id: string): string {
  if (connectionId) return connectionId
  throw new KopruError('not_found', `shipment '${id}' does not exist; to ask the carrier for its own id, send Kopru-Connection-Id`)
}
