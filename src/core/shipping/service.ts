import type { ShipmentRepository, ShipmentRow } from '../../db/shipments.js'
import { Shipment, type CreateShipmentRequest, type Rate, type RateRequest, type Tracker } from '../../models/shipment.js'
import { bytesToBase64 } from '../encoding.js'
import { KopruError, isKopruError } from '../errors.js'
import { newId } from '../ids.js'
import { canonicalJson, runExactlyOnce, sha256Hex, type Idempotency, type StoredAnswer } from '../idempotency.js'
import type { Logger } from '../logger.js'
import type { OperationRunner } from '../pipeline.js'
import type { RequestScope } from '../request-scope.js'
import type { ResolvedConnection } from '../connections.js'
import { parcelDesi, shipmentStatusFromTracking } from '../provider-kit/shipping.js'
import { renderPdfLabel } from './labels/pdf-label.js'
import { renderZplLabel } from './labels/zpl-label.js'
import { parseRateSheet, rateFromSheet } from './rate-sheet.js'
import { referenceFromIdempotencyKey } from './reference.js'

export interface ShippingServiceDeps {
  runner: OperationRunner
  shipments: ShipmentRepository
  idempotency: Idempotency
  log: Logger
  /** Pauses between `findShipmentByReference` attempts after a lost answer (the carrier may still be committing). */
  reconcileDelaysMs?: readonly number[]
}

export type { StoredAnswer }

/**
 * The carrier side of the gateway: exactly-once shipment creation (idempotency key + reconciliation by
 * reference), the shipments table, labels, tracking and rates (carrier quote or the connection's rate sheet).
 */
/** One default across carriers (docs/shipments.md). */
export const DEFAULT_LABEL_FORMAT = 'PDF'

export function createShippingService(deps: ShippingServiceDeps) {
  const { runner, shipments, idempotency, log } = deps
  const reconcileDelays = deps.reconcileDelaysMs ?? [0, 300, 1000]

  async function create(input: {
    tenantId: string
    connectionId: string | undefined
    idempotencyKey: string
    request: CreateShipmentRequest
    scope: RequestScope
  }): Promise<StoredAnswer> {
    const { tenantId, idempotencyKey: key, request, scope } = input
    const connection = await runner.usable(tenantId, input.connectionId)
    if (!connection.provider.operations['shipments.create']) {
      throw new KopruError('unsupported_operation', `${connection.provider.name} does not support shipments.create`)
    }
    const requestHash = await sha256Hex(canonicalJson({ connection: connection.info.id, request }))
    const answer = await runExactlyOnce(
      idempotency,
      {
        tenantId,
        key,
        operation: 'shipments.create',
        requestHash,
        onReleaseError: (error) => log.error('could not release an idempotency key', { tenant_id: tenantId, error: error.message }),
      },
      async ({ resumed }) => {
        const derived = request.reference === undefined
        const reference = request.reference ?? (await referenceFromIdempotencyKey(tenantId, key))
        const row = await createOnce(connection, { ...request, reference }, { resumed, ownReference: resumed || derived }, scope)
        return { status: 201, body: present(view(row)) }
      },
    )
    return answer.replayed ? { ...answer, body: present(answer.body) } : answer
  }

  /**
   * `resumed`: a taken-over claim, whose first owner may have reached the carrier — look before creating.
   * `ownReference`: the reference can only stem from this very key (derived from it, or a taken-over claim), so a
   * shipment already stored with it is this request's own, stored by an attempt that died before answering.
   */
  async function createOnce(
    connection: ResolvedConnection,
    request: CreateShipmentRequest & { reference: string },
    { resumed, ownReference }: { resumed: boolean; ownReference: boolean },
    scope: RequestScope,
  ): Promise<ShipmentRow> {
    const { tenantId, id: connectionId } = connection.info
    const stored = await shipments.byReference(tenantId, connectionId, request.reference)
    if (stored) {
      if (ownReference) return stored
      throw new KopruError('conflict', `reference '${request.reference}' was already used for shipment ${stored.id}`, {
        errors: [{ path: 'body.reference', message: 'already used on this connection' }],
      })
    }
    if (resumed) {
      const found = await reconcile(connection, request.reference, scope)
      if (found) return store(connection, found, request)
    }
    let created: Shipment
    try {
      ;({ result: created } = await runner.run(tenantId, connectionId, 'shipments.create', { shipment: request }, scope))
    } catch (error) {
      if (!isAmbiguous(error)) throw error
      log.warn('shipment create answer lost or refused as duplicate; reconciling by reference', {
        request_id: scope.requestId,
        provider: connection.provider.id,
        connection_id: connectionId,
        reference: request.reference,
        error: (error as Error).message,
      })
      const found = await reconcile(connection, request.reference, scope)
      if (found) return store(connection, found, request)
      if (isKopruError(error) && error.reason === 'duplicate_reference') {
        throw new KopruError('conflict', `${connection.provider.name} already has reference '${request.reference}' but could not return it`, {
          provider: error.provider,
          errors: [{ path: 'body.reference', message: 'already used at the carrier' }],
        })
      }
      throw error
    }
    return store(connection, created, request)
  }

  /** Whether a failed create may nevertheless have created the shipment (or the carrier says it exists). */
  function isAmbiguous(error: unknown): boolean {
    if (!isKopruError(error)) return false
    if (error.reason === 'duplicate_reference') return true
    if (error.code === 'provider_timeout' || error.code === 'provider_unavailable') return true
    // A 5xx or an unreadable 2xx: the carrier may have committed before failing to answer properly.
    return error.code === 'provider_error' && (error.provider?.status === undefined || error.provider.status >= 500 || error.provider.status < 300)
  }

  async function reconcile(connection: ResolvedConnection, reference: string, scope: RequestScope): Promise<Shipment | null> {
    const find = connection.provider.findShipmentByReference
    if (!find) return null
    const ctx = runner.contextFor(connection, scope, 'shipments.reconcile')
    for (const delay of reconcileDelays) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
      try {
        const found = await find.call(connection.provider, ctx, { reference })
        if (found) {
          log.info('shipment reconciled by reference', { request_id: scope.requestId, provider: connection.provider.id, reference })
          return found
        }
      } catch (error) {
        log.warn('reconciliation lookup failed', { request_id: scope.requestId, provider: connection.provider.id, reference, error: (error as Error).message })
      }
    }
    return null
  }

  async function store(connection: ResolvedConnection, found: Shipment, request: CreateShipmentRequest & { reference: string }) {
    // What the client sent is the truth about addresses and COD; a reconciled shipment may only echo part of it.
    const shipment: Shipment = { ...found, shipper: request.shipper, recipient: request.recipient, cod: request.cod ?? found.cod }
    const label = await labelFor(connection, shipment, request.label_format)
    const { raw: _raw, tracking: _tracking, label: _label, ...data } = shipment
    return shipments.insert({
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

  function view(row: ShipmentRow, fresh?: Partial<Shipment>): Shipment {
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

  async function stored(tenantId: string, id: string, connectionId: string | undefined) {
    const row = /^shp_[A-Za-z0-9]{1,40}$/.test(id) ? await shipments.get(tenantId, id) : undefined
    if (row && connectionId && connectionId !== row.connectionId) return undefined
    return row
  }

  /** Carrier-reported fields that may change; addresses, parcels and COD stay as they were sent. */
  const changing = (s: Shipment): Partial<Shipment> => ({
    tracking_number: s.tracking_number,
    status: s.status,
    provider_status: s.provider_status,
    tracking_url: s.tracking_url,
  })

  async function withTracking(
    tenantId: string,
    connectionId: string,
    shipment: Shipment,
    scope: RequestScope,
  ): Promise<Shipment> {
    if (shipment.tracking !== undefined || !shipment.tracking_number) return { ...shipment, tracking: shipment.tracking ?? null }
    const connection = await runner.usable(tenantId, connectionId)
    if (!connection.provider.operations['tracking.get']) return { ...shipment, tracking: null }
    const { result: tracking } = await runner.run(tenantId, connectionId, 'tracking.get', { trackingNumber: shipment.tracking_number }, scope)
    return { ...shipment, tracking, status: shipmentStatusFromTracking(tracking.status, shipment.status) }
  }

  async function refresh(row: ShipmentRow, fresh: Shipment, scope: RequestScope): Promise<Shipment> {
    const tracked = await withTracking(row.tenantId, row.connectionId, { ...view(row), ...changing(fresh), tracking: fresh.tracking }, scope)
    const { raw: _raw, tracking: _t, label: _l, id: _id, ...data } = { ...(row.data as unknown as Shipment), ...changing(tracked) }
    const shipment = { ...tracked, id: row.id, label: row.label ?? null }
    const { raw: _r, ...announced } = shipment
    await shipments.update(row.tenantId, row.id, { status: tracked.status, trackingNumber: tracked.tracking_number, data }, { ...announced, label: null })
    return { ...shipment, raw: fresh.raw }
  }

  return {
    create,

    /** A stored shipment (by kopru id) refreshed from the carrier, or a carrier id asked of the carrier directly. */
    async get(input: { tenantId: string; id: string; connectionId: string | undefined; scope: RequestScope }): Promise<Shipment> {
      const row = await stored(input.tenantId, input.id, input.connectionId)
      if (row) {
        const connection = await runner.usable(input.tenantId, row.connectionId)
        if (!connection.provider.operations['shipments.get']) return withTracking(row.tenantId, row.connectionId, view(row), input.scope)
        const fresh = await runner.run(input.tenantId, row.connectionId, 'shipments.get', { id: row.providerId }, input.scope).catch((error: unknown) => {
          // Some carriers delete a cancelled order (Aras' CancelDispatch): the stored cancelled shipment is the truth.
          if (row.status === 'cancelled' && isKopruError(error) && error.code === 'not_found') return null
          throw error
        })
        return fresh ? refresh(row, fresh.result, input.scope) : { ...view(row), tracking: null }
      }
      const connectionId = requireConnection(input.connectionId, input.id)
      const { result } = await runner.run(input.tenantId, connectionId, 'shipments.get', { id: input.id }, input.scope)
      return withTracking(input.tenantId, connectionId, result, input.scope)
    },

    async cancel(input: { tenantId: string; id: string; connectionId: string | undefined; scope: RequestScope }): Promise<Shipment> {
      const row = await stored(input.tenantId, input.id, input.connectionId)
      if (row) {
        const { result } = await runner.run(input.tenantId, row.connectionId, 'shipments.cancel', { id: row.providerId }, input.scope)
        const { raw: _raw, tracking: _t, label: _l, id: _id, ...data } = { ...(row.data as unknown as Shipment), ...changing(result) }
        const cancelled = view(row, changing(result))
        await shipments.update(row.tenantId, row.id, { status: result.status, trackingNumber: result.tracking_number, data }, { ...cancelled, label: null })
        return { ...cancelled, raw: result.raw }
      }
      const connectionId = requireConnection(input.connectionId, input.id)
      const { result } = await runner.run(input.tenantId, connectionId, 'shipments.cancel', { id: input.id }, input.scope)
      return result
    },

    /**
     * Tracking sync (polled): asks the carrier about the connection's shipments that can still change; a status
     * change is stored and announced as `shipment.status_changed` by the same path as a read.
     */
    async refreshOpen(input: { tenantId: string; connectionId: string; scope: RequestScope; limit?: number }): Promise<number> {
      const rows = await shipments.open(input.connectionId, input.limit ?? 50)
      for (const row of rows) {
        if (row.tenantId !== input.tenantId) continue
        await this.get({ tenantId: row.tenantId, id: row.id, connectionId: row.connectionId, scope: input.scope })
      }
      return rows.length
    },

    /** The stored label of a shipment kopru created. */
    async label(input: { tenantId: string; id: string }): Promise<{ reference: string; format: 'PDF' | 'ZPL'; data: string }> {
      const row = await stored(input.tenantId, input.id, undefined)
      if (!row) throw new KopruError('not_found', `shipment '${input.id}' does not exist`)
      if (!row.label) throw new KopruError('not_found', `shipment '${input.id}' has no label`)
      return { reference: row.reference, ...row.label }
    },

    async tracking(input: { tenantId: string; connectionId: string | undefined; trackingNumber: string; scope: RequestScope }): Promise<Tracker> {
      const connection = await runner.usable(input.tenantId, input.connectionId)
      // A shipment kopru created is tracked with its stored reference too (carriers that track by reference).
      const known = await shipments.byTrackingNumber(input.tenantId, connection.info.id, input.trackingNumber)
      const { result } = await runner.run(
        input.tenantId,
        connection.info.id,
        'tracking.get',
        { trackingNumber: input.trackingNumber, reference: known?.reference },
        input.scope,
      )
      return result
    },

    /** The carrier's quote where it has a rating API, and the connection's rate sheet where one is stored. */
    async rates(input: { tenantId: string; connectionId: string | undefined; request: RateRequest; scope: RequestScope }): Promise<Rate[]> {
      const connection = await runner.usable(input.tenantId, input.connectionId)
      const sheet = connection.info.settings.rate_sheet
      const rates: Rate[] = []
      if (connection.provider.operations['rates.list']) {
        const { result } = await runner.run(input.tenantId, connection.info.id, 'rates.list', { request: input.request }, input.scope)
        rates.push(...result)
      }
      if (sheet !== undefined) rates.push(rateFromSheet(parseRateSheet(sheet), connection.provider.id, input.request))
      if (rates.length === 0 && !connection.provider.operations['rates.list']) {
        throw new KopruError('unsupported_operation', `${connection.provider.name} has no rating API; store a rate sheet in the connection's settings.rate_sheet`)
      }
      return rates
    },
  }
}

/** Fields in the schema's order (stored JSON comes back from jsonb in its own key order); unchanged if it does not parse. */
export function present(shipment: unknown): Shipment {
  const parsed = Shipment.safeParse(shipment)
  return parsed.success ? parsed.data : (shipment as Shipment)
}

function requireConnection(connectionId: string | undefined, id: string): string {
  if (connectionId) return connectionId
  throw new KopruError('not_found', `shipment '${id}' does not exist; to ask the carrier for its own id, send Kopru-Connection-Id`)
}

export type ShippingService = ReturnType<typeof createShippingService>
