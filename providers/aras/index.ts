/**
 * Aras Kargo: two SOAP services with two logins. Orders go to the ASMX service (SetOrder, CancelDispatch,
 * GetOrderWithIntegrationCode; SOAPAction http://tempuri.org/<Method>); tracking comes from the WCF query
 * service's GetQueryJSON, whose parameters are XML strings and whose answer is a JSON string. The
 * IntegrationCode (MÖK) is kopru's reference; resending it updates the order until the waybill exists.
 */
import { z } from 'zod'
import type { CreateShipmentRequest, Shipment, Tracker } from '../../src/models/index.js'
import {
  KopruError,
  bodyCredentials,
  buildXml,
  defineProvider,
  operationsOf,
  ownCeiling,
  soapCarrier,
  soapList,
  soapText,
  type OperationContext,
  type SoapValue,
} from '../../src/core/provider-kit/index.js'
import {
  ARAS_NAMESPACE,
  ARAS_ORDER_PATH,
  ARAS_QUERY_ACTION,
  ARAS_QUERY_PATH,
  INTEGRATION_CODE_MAX,
  arasQueryRows,
  arasQueryTypes,
  mapArasCancel,
  mapArasSetOrder,
  pendingArasShipment,
  pendingArasTracker,
  toArasOrder,
  toArasShipment,
  toArasTracker,
  type ArasRecord,
  type ArasResultRow,
} from './mapping.js'
import { arasCancelWire, arasOrderWire, arasQueryResponseWire, arasQueryWire, arasSetOrderWire } from './wire.js'

const credentialsSchema = z.object({
  user_name: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(100),
  query_user_name: z.string().trim().min(1).max(60),
  query_password: z.string().min(1).max(100),
  customer_code: z.string().trim().min(1).max(20),
})
type Credentials = z.infer<typeof credentialsSchema>
const credentialFields = [
  { name: 'user_name', label: 'Sipariş servisi kullanıcı adı (UserName)', secret: false, description: 'SetOrder / CancelDispatch login' },
  { name: 'password', label: 'Sipariş servisi şifresi (Password)', secret: true },
  { name: 'query_user_name', label: 'Sorgulama servisi kullanıcı adı', secret: false, description: 'GetQueryJSON login; Aras issues it separately' },
  { name: 'query_password', label: 'Sorgulama servisi şifresi', secret: true },
  { name: 'customer_code', label: 'Müşteri kodu (CustomerCode)', secret: false },
]
type Ctx = OperationContext<Credentials>

const NAME = 'Aras Kargo'
const carrier = soapCarrier({ id: 'aras', name: NAME, notFound: 'order with IntegrationCode' })
const credentialFault = (which: 'order' | 'query') => carrier.credentialFault(which)

const orderWire = { SetOrder: arasSetOrderWire, CancelDispatch: arasCancelWire, GetOrderWithIntegrationCode: arasOrderWire } as const

async function orderCall(ctx: Ctx, method: 'SetOrder' | 'CancelDispatch' | 'GetOrderWithIntegrationCode', params: Record<string, SoapValue>) {
  const { result } = await carrier.call(ctx, {
    path: ARAS_ORDER_PATH,
    action: `${ARAS_NAMESPACE}${method}`,
    namespace: ARAS_NAMESPACE,
    elementForm: 'qualified',
    operation: method,
    params,
    arrays: ['OrderResultInfo', 'Order', 'PieceDetail'],
    idempotent: method === 'GetOrderWithIntegrationCode',
    onFault: credentialFault('order'),
  }, orderWire[method])
  return result
}

/** GetQueryJSON: both parameters are XML documents passed as strings; the answer is JSON text. */
async function query(ctx: Ctx, queryInfo: Record<string, SoapValue>): Promise<ArasRecord[]> {
  const { credentials } = ctx
  const { answer } = await carrier.call(ctx, {
    host: 'query',
    path: ARAS_QUERY_PATH,
    action: ARAS_QUERY_ACTION,
    namespace: ARAS_NAMESPACE,
    elementForm: 'qualified',
    operation: 'GetQueryJSON',
    params: {
      loginInfo: buildXml('LoginInfo', { UserName: credentials.query_user_name, Password: credentials.query_password, CustomerCode: credentials.customer_code }),
      queryInfo: buildXml('QueryInfo', queryInfo),
    },
    idempotent: true,
    onFault: credentialFault('query'),
  }, arasQueryResponseWire)
  const text = (answer.GetQueryJSONResult ?? '').trim()
  const rows = arasQueryRows(text)
  if (!rows) throw carrier.fail(undefined, `${NAME} answered GetQueryJSON with text that is not JSON`)
  carrier.read(arasQueryWire, JSON.parse(text), 'GetQueryJSONResult')
  return rows
}

const login = (ctx: Ctx) => ({ userName: ctx.credentials.user_name, password: ctx.credentials.password })

async function orderByIntegrationCode(ctx: Ctx, reference: string): Promise<ArasRecord | null> {
  const result = await orderCall(ctx, 'GetOrderWithIntegrationCode', { ...login(ctx), integrationCode: reference })
  const order = soapList(result.GetOrderWithIntegrationCodeResult, 'Order').find((row) => soapText(row, 'IntegrationCode') === reference)
  return order ?? null
}

/** Movements (QueryType 9): the query PDF documents them by IntegrationCode only (2.2.9). */
async function movementsOf(ctx: Ctx, integrationCode: string) {
  return integrationCode ? query(ctx, { QueryType: arasQueryTypes.movements, IntegrationCode: integrationCode }) : []
}

/** The waybill record (query service) when it exists, else the bare order (order service), else null. */
async function findShipmentByReference(ctx: Ctx, { reference }: { reference: string }): Promise<Shipment | null> {
  const [record] = await query(ctx, { QueryType: arasQueryTypes.byIntegrationCode, IntegrationCode: reference })
  if (record) return toArasShipment(record, await movementsOf(ctx, reference), { connectionId: ctx.connection.id }, ctx.log)
  const order = await orderByIntegrationCode(ctx, reference)
  return order ? pendingArasShipment(order, { connectionId: ctx.connection.id }) : null
}

async function getShipment(ctx: Ctx, { id }: { id: string }): Promise<Shipment> {
  const shipment = await findShipmentByReference(ctx, { reference: id })
  if (!shipment) throw carrier.fail('not_found', `${NAME} has no order with IntegrationCode '${id}'`)
  return shipment
}

function resultError(row: ArasResultRow, code: string, message: string, reference: string, operation: string): KopruError {
  // 60020/70029 on SetOrder: the order exists and has its waybill — the gateway reconciles by IntegrationCode.
  return carrier.failure(row.kind === 'ok' ? { kind: 'provider' } : row, { code, message, reference, operation })
}

async function createShipment(ctx: Ctx, { shipment }: { shipment: CreateShipmentRequest & { reference: string } }): Promise<Shipment> {
  const { reference } = shipment
  if (reference.length > INTEGRATION_CODE_MAX) {
    // Aras' table has no code for an over-long IntegrationCode (MÖK, String(32)): checked before sending.
    throw new KopruError('invalid_request', `${NAME} takes references (IntegrationCode) of at most ${INTEGRATION_CODE_MAX} characters`, {
      errors: [{ path: 'body.reference', message: `at most ${INTEGRATION_CODE_MAX} characters for ${NAME}` }],
    })
  }
  const result = await orderCall(ctx, 'SetOrder', {
    orderInfo: { Order: [toArasOrder(shipment, reference, login(ctx))] },
    ...login(ctx),
  })
  const [row] = soapList(result.SetOrderResult, 'OrderResultInfo')
  if (!row) throw carrier.fail(undefined, `${NAME} answered SetOrder without OrderResultInfo`)
  const code = soapText(row, 'ResultCode')
  const meaning = mapArasSetOrder(code, ctx.log)
  if (meaning.kind === 'ok') {
    // SetOrder upserts by IntegrationCode until the waybill exists, so a resend after a lost answer is safe.
    return pendingArasShipment({ IntegrationCode: reference }, { connectionId: ctx.connection.id, request: shipment })
  }
  throw resultError(meaning, code, soapText(row, 'ResultMessage'), reference, 'SetOrder')
}

async function cancelShipment(ctx: Ctx, { id }: { id: string }): Promise<Shipment> {
  const before = await findShipmentByReference(ctx, { reference: id })
  const result = await orderCall(ctx, 'CancelDispatch', { ...login(ctx), integrationCode: id })
  const row = result.CancelDispatchResult
  const code = soapText(row, 'ResultCode')
  const message = soapText(row, 'ResultMessage')
  const meaning = mapArasCancel(code, ctx.log)
  if (meaning.kind !== 'ok') throw resultError(meaning, code, message, id, 'CancelDispatch')
  const base = before ?? pendingArasShipment({ IntegrationCode: id }, { connectionId: ctx.connection.id })
  return { ...base, status: 'cancelled', provider_status: `CancelDispatch ${code}`, tracking: null }
}

/**
 * By tracking number (QueryType 14) or, like Yurtiçi, by the reference (IntegrationCode, QueryType 1); an order
 * Aras has but has not yet scanned at a branch is tracked as `pending` — so a shipment is trackable right after
 * creation, before its tracking number exists.
 */
async function getTracking(ctx: Ctx, { trackingNumber, reference }: { trackingNumber: string; reference?: string }): Promise<Tracker> {
  const [byNumber] = await query(ctx, { QueryType: arasQueryTypes.byTrackingNumber, TrackingNumber: trackingNumber })
  const integrationCode = reference ?? (byNumber ? String(byNumber.MUSTERI_OZEL_KODU ?? '') : trackingNumber)
  const [record] = byNumber ? [byNumber] : await query(ctx, { QueryType: arasQueryTypes.byIntegrationCode, IntegrationCode: integrationCode })
  if (record) return toArasTracker(record, await movementsOf(ctx, String(record.MUSTERI_OZEL_KODU ?? integrationCode)), ctx.log)
  const order = await orderByIntegrationCode(ctx, integrationCode)
  if (!order) throw carrier.fail('not_found', `${NAME} has no shipment with tracking number or IntegrationCode '${trackingNumber}'`)
  return pendingArasTracker(integrationCode)
}

export const aras = defineProvider<Credentials>({
  id: 'aras',
  name: NAME,
  kind: 'carrier',
  // Both logins travel inside the SOAP bodies.
  auth: bodyCredentials(credentialFields, credentialsSchema),
  baseUrls: {
    production: 'https://customerws.araskargo.com.tr',
    sandbox: 'https://customerservicestest.araskargo.com.tr/arascargoservice',
  },
  hosts: {
    query: {
      production: 'https://customerservices.araskargo.com.tr/ArasCargoCustomerIntegrationService',
      sandbox: 'https://customerservicestest.araskargo.com.tr',
    },
  },
  // Aras publishes no rate limit for these services; kopru keeps its own ceiling per login.
  quotas: ownCeiling(10),
  operations: operationsOf({ createShipment, getShipment, cancelShipment, getTracking }),
  findShipmentByReference,
  // A refusal comes back as an error of kind `auth`, which the gateway answers as a 400 on `credentials`.
  async verifyCredentials(ctx) {
    await query(ctx, { QueryType: arasQueryTypes.byIntegrationCode, IntegrationCode: 'KOPRU-VERIFY' })
    await orderByIntegrationCode(ctx, 'KOPRU-VERIFY')
    return { user_name: ctx.credentials.user_name, customer_code: ctx.credentials.customer_code }
  },
  simulator: async () => (await import('./simulator.js')).createArasSimulator(),
})
