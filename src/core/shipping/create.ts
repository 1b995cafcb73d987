import type { ShipmentRow } from '../../db/shipments.js'
import type { CreateShipmentRequest, Shipment } from '../../models/shipment.js'
import type { ResolvedConnection } from '../connections.js'
import { KopruError, isKopruError } from '../errors.js'
import { canonicalJson, runExactlyOnce, sha256Hex, type StoredAnswer } from '../idempotency.js'
import { referenceFromIdempotencyKey } from './reference.js'
import type { RequestScope } from '../request-scope.js'
import type { ShippingDeps } from './service.js'
import { present, storeShipment, view } from './store.js'

/** Exactly-once creation: the idempotency key claims the write, the reference finds a shipment whose answer was lost. */
export async function createShipment(deps: ShippingDeps, input: {
  tenantId: string
  connectionId: string | undefined
  idempotencyKey: string
  request: CreateShipmentRequest
  scope: RequestScope
}): Promise<StoredAnswer> {
  const { runner, idempotency, log } = deps
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
      const row = await createOnce(deps, connection, { ...request, reference }, { resumed, ownReference: resumed || derived }, scope)
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
  deps: ShippingDeps,
  connection: ResolvedConnection,
  request: CreateShipmentRequest & { reference: string },
  { resumed, ownReference }: { resumed: boolean; ownReference: boolean },
  scope: RequestScope,
): Promise<ShipmentRow> {
  const { runner, log } = deps
  const { tenantId, id: connectionId } = connection.info
  const stored = await deps.shipments.byReference(tenantId, connectionId, request.reference)
  if (stored) {
    if (ownReference) return stored
    throw new KopruError('conflict', `reference '${request.reference}' was already used for shipment ${stored.id}`, {
      errors: [{ path: 'body.reference', message: 'already used on this connection' }],
    })
  }
  if (resumed) {
    const found = await reconcile(deps, connection, request.reference, scope)
    if (found) return storeShipment(deps, connection, found, request)
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
    const found = await reconcile(deps, connection, request.reference, scope)
    if (found) return storeShipment(deps, connection, found, request)
    if (isKopruError(error) && error.kind === 'duplicate') {
      throw new KopruError('conflict', `${connection.provider.name} already has reference '${request.reference}' but could not return it`, {
        provider: error.provider,
        errors: [{ path: 'body.reference', message: 'already used at the carrier' }],
      })
    }
    throw error
  }
  return storeShipment(deps, connection, created, request)
}

/** Whether a failed create may nevertheless have created the shipment (or the carrier says it exists). */
function isAmbiguous(error: unknown): boolean {
  if (!isKopruError(error)) return false
  if (error.kind === 'duplicate') return true
  if (error.code === 'provider_timeout' || error.code === 'provider_unavailable') return true
  // A 5xx or an unreadable 2xx: the carrier may have committed before failing to answer properly.
  return error.code === 'provider_error' && (error.provider?.status === undefined || error.provider.status >= 500 || error.provider.status < 300)
}

async function reconcile(deps: ShippingDeps, connection: ResolvedConnection, reference: string, scope: RequestScope): Promise<Shipment | null> {
  const { runner, log } = deps
  const find = connection.provider.findShipmentByReference
  if (!find) return null
  const ctx = runner.contextFor(connection, scope, 'shipments.reconcile')
  for (const delay of deps.reconcileDelaysMs ?? [0, 300, 1000]) {
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

