import { bindDeps } from '../bind-deps.js'
import type { ShipmentRepository } from '../../db/shipments.js'
import type { Idempotency } from '../idempotency.js'
import type { Logger } from '../logger.js'
import type { OperationRunner } from '../pipeline.js'
import { createShipment } from './create.js'
import { quoteRates, trackShipment } from './quotes.js'
export { DEFAULT_LABEL_FORMAT, present } from './store.js'
import { cancelShipment, getShipment, refreshOpenShipments, shipmentLabel } from './reads.js'

export interface ShippingServiceDeps {
  runner: OperationRunner
  shipments: ShipmentRepository
  idempotency: Idempotency
  log: Logger
  /** Pauses between `findShipmentByReference` attempts after a lost answer (the carrier may still be committing). */
  reconcileDelaysMs?: readonly number[]
}

export type ShippingDeps = ShippingServiceDeps

export type { StoredAnswer } from '../idempotency.js'

/**
 * The carrier side of the gateway: exactly-once shipment creation (idempotency key + reconciliation by
 * reference, create.ts), the shipments table (store.ts, reads.ts), labels, tracking and rates (quotes.ts).
 */
export function createShippingService(deps: ShippingServiceDeps) {
  return {
    create: bindDeps(deps, createShipment),
    /** A stored shipment (by kopru id) refreshed from the carrier, or a carrier id asked of the carrier directly. */
    get: bindDeps(deps, getShipment),
    cancel: bindDeps(deps, cancelShipment),
    /** Tracking sync (polled): re-reads the connection's shipments that can still change. */
    refreshOpen: bindDeps(deps, refreshOpenShipments),
    /** The stored label of a shipment kopru created. */
    label: bindDeps(deps, shipmentLabel),
    tracking: bindDeps(deps, trackShipment),
    /** The carrier's quote where it has a rating API, and the connection's rate sheet where one is stored. */
    rates: bindDeps(deps, quoteRates),
  }
}

export type ShippingService = ReturnType<typeof createShippingService>
