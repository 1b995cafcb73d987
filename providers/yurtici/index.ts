/**
 * Yurtiçi Kargo: KOPS ShippingOrderDispatcherServices, SOAP 1.1 (JAX-RPC style, only the operation element
 * namespace-qualified). Credentials travel in the body (wsUserName, wsPassword, language); business errors come
 * back inside HTTP 200 (`outFlag`, per-row `errCode`), real SOAP faults only for broken requests. The cargoKey is
 * kopru's shipment reference; the tracking number (docId) exists only after a branch scans the parcel.
 */
import { z } from 'zod'
import type { CreateShipmentRequest, Shipment, Tracker } from '../../src/models/index.js'
import {
  bodyCredentials,
  defineProvider,
  operationsOf,
  ownCeiling,
  parcelDesi,
  soapCarrier,
  soapList,
  soapText,
  type KopruError,
  type OperationContext,
  type SoapFault,
  type SoapValue,
} from '../../src/core/provider-kit/index.js'
import {
  YURTICI_NAMESPACE,
  YURTICI_PATH,
  mapYurticiError,
  toShippingOrderVO,
  toYurticiShipment,
  toYurticiTracker,
  yurticiOperationCodes,
  type YurticiErrorRow,
} from './mapping.js'
import { yurticiOrderResultWire, yurticiQueryResultWire } from './wire.js'

const credentialsSchema = z.object({
  ws_user_name: z.string().trim().min(1).max(60),
  ws_password: z.string().min(1).max(100),
  user_language: z.enum(['TR', 'EN']).default('TR'),
})
type Credentials = z.infer<typeof credentialsSchema>
const credentialFields = [
  { name: 'ws_user_name', label: 'Web servis kullanıcı adı (wsUserName)', secret: false, description: 'Yurtiçi gives one user per payment type (gönderici ödemeli, alıcı ödemeli, tahsilatlı nakit/kart)' },
  { name: 'ws_password', label: 'Web servis şifresi (wsPassword)', secret: true },
  { name: 'user_language', label: 'Dil (TR | EN)', secret: false, description: 'Language of Yurtiçi messages; TR by default' },
]
type Ctx = OperationContext<Credentials>

const NAME = 'Yurtiçi Kargo'
const ROWS = ['shippingOrderDetailVO', 'shippingCancelDetailVO', 'shippingDeliveryDetailVO', 'invDocCargoVOArray'] as const

const carrier = soapCarrier({ id: 'yurtici', name: NAME, notFound: 'shipment with cargoKey' })
/** Yurtiçi's own code for "no shipment with this cargoKey" (its error table), kept on kopru's not_found. */
const NOT_FOUND = '82519'
const credentialsRejected = carrier.credentialsRejected

/** Yurtiçi declares `YurticikargoWSException` faults; a credentials fault says so in its text. */
function onFault(fault: SoapFault, status: number): KopruError | undefined {
  if (!JSON.stringify(fault.detail ?? '').includes('YurticikargoWSException')) return undefined
  if (carrier.blamesCredentials(fault.message)) return credentialsRejected('YurticikargoWSException', fault.message)
  return carrier.fail(undefined, `${NAME} failed: ${fault.message}`, { code: 'YurticikargoWSException', message: fault.message, status })
}

/** One SOAP call; create and cancel name the language `userLanguage`, query names it `wsLanguage`. */
async function call(ctx: Ctx, operation: 'createShipment' | 'cancelShipment' | 'queryShipment', params: Record<string, SoapValue>) {
  const { credentials } = ctx
  const language = operation === 'queryShipment' ? 'wsLanguage' : 'userLanguage'
  const spec = {
    path: YURTICI_PATH,
    action: '',
    namespace: YURTICI_NAMESPACE,
    operation,
    params: { wsUserName: credentials.ws_user_name, wsPassword: credentials.ws_password, [language]: credentials.user_language, ...params },
    arrays: ROWS,
    idempotent: operation === 'queryShipment',
    onFault,
  }
  if (operation === 'queryShipment') return (await carrier.call(ctx, spec, yurticiQueryResultWire)).answer.ShippingDeliveryVO as Record<string, unknown>
  return (await carrier.call(ctx, spec, yurticiOrderResultWire)).answer.ShippingOrderResultVO as Record<string, unknown>
}

/** A result without rows is a whole-call failure (credentials, language, unexpected error). */
function callFailure(vo: Record<string, unknown>, operation: string): KopruError {
  const code = soapText(vo, 'errCode')
  const message = soapText(vo, 'errMessage') || soapText(vo, 'outResult') || `outFlag ${soapText(vo, 'outFlag')}`
  if (code && mapYurticiError(code).kind === 'auth') return credentialsRejected(code, message)
  if (carrier.blamesCredentials(message)) return credentialsRejected(code, message)
  return carrier.fail(undefined, `${NAME} failed ${operation}: ${message}`, { code: code || soapText(vo, 'outFlag'), message })
}

function rowError(meaning: YurticiErrorRow, code: string, message: string, reference: string, operation = 'createShipment'): KopruError {
  // already_cancelled is success for a cancel and never reaches here from one; elsewhere it is the carrier's word.
  return carrier.failure(meaning.kind === 'already_cancelled' ? { kind: 'provider' } : meaning, { code, message, reference, operation })
}

async function queryByCargoKey(ctx: Ctx, cargoKey: string): Promise<Record<string, unknown> | null> {
  const vo = await call(ctx, 'queryShipment', { keys: [cargoKey], keyType: 0, addHistoricalData: true, onlyTracking: false })
  const rows = soapList(vo, 'shippingDeliveryDetailVO')
  if (rows.length === 0) throw callFailure(vo, 'queryShipment')
  const row = rows.find((candidate) => soapText(candidate, 'cargoKey') === cargoKey) ?? rows[0]!
  const code = soapText(row, 'errCode')
  if (code && code !== '0') {
    const meaning = mapYurticiError(code, ctx.log)
    if (meaning.kind === 'not_found') return null
    throw rowError(meaning, code, soapText(row, 'errMessage'), cargoKey, 'queryShipment')
  }
  return row
}

async function findShipmentByReference(ctx: Ctx, { reference }: { reference: string }): Promise<Shipment | null> {
  const row = await queryByCargoKey(ctx, reference)
  return row ? toYurticiShipment(row, { connectionId: ctx.connection.id }, ctx.log) : null
}

async function getShipment(ctx: Ctx, { id }: { id: string }): Promise<Shipment> {
  const shipment = await findShipmentByReference(ctx, { reference: id })
  if (!shipment) throw carrier.fail('not_found', `${NAME} has no shipment with cargoKey '${id}'`, { code: NOT_FOUND })
  return shipment
}

function createdShipment(ctx: Ctx, request: CreateShipmentRequest, reference: string): Shipment {
  return {
    id: reference,
    provider: 'yurtici',
    connection_id: ctx.connection.id,
    carrier: 'yurtici',
    reference,
    tracking_number: null,
    status: 'created',
    provider_status: yurticiOperationCodes[0],
    shipper: request.shipper,
    recipient: request.recipient,
    parcels: request.parcels.map((parcel) => ({ ...parcel, desi: parcelDesi(parcel) })),
    cod: request.cod ?? null,
    label: null,
    tracking_url: null,
    created_at: new Date().toISOString(),
  }
}

async function createShipment(ctx: Ctx, { shipment }: { shipment: CreateShipmentRequest & { reference: string } }): Promise<Shipment> {
  const { reference } = shipment
  const vo = await call(ctx, 'createShipment', { ShippingOrderVO: [toShippingOrderVO(shipment, reference)] })
  const rows = soapList(vo, 'shippingOrderDetailVO')
  if (rows.length === 0) throw callFailure(vo, 'createShipment')
  const row = rows.find((candidate) => soapText(candidate, 'cargoKey') === reference) ?? rows[0]!
  const code = soapText(row, 'errCode')
  if (!code || code === '0') return createdShipment(ctx, shipment, reference)
  const meaning = mapYurticiError(code, ctx.log)
  throw rowError(meaning, code, soapText(row, 'errMessage'), reference)
}

async function cancelShipment(ctx: Ctx, { id }: { id: string }): Promise<Shipment> {
  const vo = await call(ctx, 'cancelShipment', { cargoKeys: [id] })
  const rows = soapList(vo, 'shippingCancelDetailVO')
  if (rows.length === 0) throw callFailure(vo, 'cancelShipment')
  const row = rows.find((candidate) => soapText(candidate, 'cargoKey') === id) ?? rows[0]!
  const code = soapText(row, 'errCode')
  const status = soapText(row, 'operationStatus') || yurticiOperationCodes[Number(soapText(row, 'operationCode')) as 0] || ''
  const cancelled = status === 'CNL' || status === 'ISC' || (code && mapYurticiError(code).kind === 'already_cancelled')
  if (!cancelled) {
    if (code && code !== '0') throw rowError(mapYurticiError(code, ctx.log), code, soapText(row, 'errMessage'), id, 'cancelShipment')
    const reason = soapText(row, 'operationMessage') || status
    throw carrier.fail('conflict', `${NAME} cannot cancel shipment '${id}' any more: ${reason} (${status})`, { code: status, message: reason })
  }
  return getShipment(ctx, { id })
}

async function getTracking(ctx: Ctx, { trackingNumber, reference }: { trackingNumber: string; reference?: string }): Promise<Tracker> {
  // queryShipment searches by cargoKey (keyType 0) or invoiceKey (1), never by docId: a docId of a shipment
  // kopru created is tracked through its stored cargoKey.
  const row = await queryByCargoKey(ctx, reference ?? trackingNumber)
  if (!row) {
    throw carrier.fail('not_found', `${NAME} has no shipment with cargoKey '${trackingNumber}' (Yurtiçi tracks by cargoKey, the shipment reference)`, { code: NOT_FOUND })
  }
  return toYurticiTracker(row, ctx.log)
}

export const yurtici = defineProvider<Credentials>({
  id: 'yurtici',
  name: NAME,
  kind: 'carrier',
  // Credentials travel inside the SOAP body.
  auth: bodyCredentials(credentialFields, credentialsSchema),
  baseUrls: {
    production: 'https://ws.yurticikargo.com',
    sandbox: 'https://testws.yurticikargo.com',
  },
  // Yurtiçi publishes no rate limit; kopru keeps its own ceiling per user.
  quotas: ownCeiling(10),
  operations: operationsOf({ createShipment, getShipment, cancelShipment, getTracking }),
  findShipmentByReference,
  // A refusal comes back as an error of kind `auth`, which the gateway answers as a 400 on `credentials`.
  async verifyCredentials(ctx) {
    await queryByCargoKey(ctx, 'KOPRU-VERIFY')
    return { ws_user_name: ctx.credentials.ws_user_name }
  },
  simulator: async () => (await import('./simulator.js')).createYurticiSimulator(),
})
