/**
 * MNG Kargo (DHL eCommerce Türkiye) REST "API Zone": IBM API Connect client id/secret on every call, a JWT from
 * `/token`, createOrder then createbarcode (the tracking number — `shipmentId` — exists only after the second),
 * status queries by referenceId, rating by `calculate`. Sources: simulator.ts.
 */
import { z } from 'zod'
import {
  KopruError,
  bytesToBase64,
  defineProvider,
  money,
  parcelDesi,
  operationsOf,
  turkishKey,
  utf8,
} from '../../src/core/provider-kit/index.js'
import type { CreateShipmentRequest, Rate, RateRequest, Shipment, Tracker } from '../../src/models/index.js'
import { mngAuth } from './credentials.js'
import { mngWrite, parseMngError, readMng, type MngCtx } from './client.js'
import { mngBarcodeWire, mngCalculateWire, mngCitiesWire, mngCreateOrderWire, mngDistrictsWire, mngOrderWire, mngShipmentWire, mngTrackEventsWire, single } from './wire.js'
import { MNG_TRANSIENT, mngTrackingUrl, toTracker, toUnifiedShipment } from './mapping.js'
import type {
  MngBarcodeResult,
  MngCalculateResult,
  MngCity,
  MngCreateOrderRequest,
  MngCreateOrderResult,
  MngCredentials,
  MngDistrict,
  MngOrderInfo,
  MngOrderPiece,
  MngShipmentInfo,
  MngTrackEvent,
} from './types.js'

const DAY = 24 * 3600_000

async function cities(ctx: MngCtx): Promise<MngCity[]> {
  return (await ctx.cache.get(`cbs/cities`, async () => ({
    value: readMng<MngCity[]>(mngCitiesWire, await ctx.request({ path: '/cbsinfoapi/getcities', operation: 'cbs.cities' }), 'getcities'),
    expiresAt: Date.now() + DAY,
  }))) as MngCity[]
}

async function districts(ctx: MngCtx, cityCode: string): Promise<MngDistrict[]> {
  return (await ctx.cache.get(`cbs/districts/${cityCode}`, async () => ({
    value: readMng<MngDistrict[]>(
      mngDistrictsWire,
      await ctx.request({ path: `/cbsinfoapi/getdistricts/${encodeURIComponent(cityCode)}`, operation: 'cbs.districts' }),
      'getdistricts',
    ),
    expiresAt: Date.now() + DAY,
  }))) as MngDistrict[]
}

/** getcities names carry the plate number after the name (`"İSTANBUL  34"`); the name part is what matches. */
export const mngCityName = (name: string) => name.replace(/\s+\d{1,3}\s*$/, '').trim()

/**
 * MNG wants CBS codes, not names. An unknown city or district is kopru's `invalid_request` (address unresolved);
 * a missing district is sent as 0 so MNG answers with its own validation code.
 */
async function placeCodes(ctx: MngCtx, address: { city: string; district?: string | null }, path: string) {
  const city = (await cities(ctx)).find((c) => turkishKey(mngCityName(c.name)) === turkishKey(address.city))
  if (!city) {
    throw new KopruError('invalid_request', `MNG Kargo does not know the city '${address.city}'`, {
      errors: [{ path: `${path}.city`, message: 'address_unresolved: not an MNG (CBS) city' }],
    })
  }
  if (!address.district?.trim()) return { cityCode: Number(city.code), districtCode: 0, cityName: city.name }
  const district = (await districts(ctx, city.code)).find((d) => turkishKey(d.name) === turkishKey(address.district!))
  if (!district) {
    throw new KopruError('invalid_request', `MNG Kargo does not know the district '${address.district}' in ${address.city}`, {
      errors: [{ path: `${path}.district`, message: 'address_unresolved: not an MNG (CBS) district of this city' }],
    })
  }
  return { cityCode: Number(city.code), districtCode: Number(district.code), cityName: city.name, districtName: district.name }
}

/** E.164 -> the 10 national digits MNG expects; anything else is passed on for MNG to judge. */
const mngPhone = (phone: string | null | undefined) => {
  const digits = (phone ?? '').replace(/[^\d]/g, '')
  return /^(?:90)?0?([2-5]\d{9})$/.test(digits) ? digits.replace(/^(?:90)?0?/, '') : digits
}

const pieces = (parcels: CreateShipmentRequest['parcels'], reference: string, content: string): MngOrderPiece[] =>
  parcels.map((parcel, i) => ({ barcode: `${reference}-${i + 1}`, desi: parcelDesi(parcel), kg: parcel.weight_kg, content }))

async function createBarcode(ctx: MngCtx, order: Pick<MngOrderInfo, 'referenceId' | 'isCOD' | 'codAmount' | 'content' | 'orderPieceList'>) {
  const response = await mngWrite<MngBarcodeResult[]>(ctx, {
    method: 'POST',
    path: '/barcodecmdapi/createbarcode',
    operation: 'shipments.create.barcode',
    json: {
      referenceId: order.referenceId,
      billOfLandingId: order.referenceId,
      isCOD: order.isCOD,
      codAmount: order.codAmount,
      packagingType: 4,
      printReferenceBarcodeOnError: 0,
      message: '',
      additionalContent1: '',
      additionalContent2: '',
      additionalContent3: '',
      additionalContent4: '',
      orderPieceList: order.orderPieceList,
    },
  })
  const result = readMng<MngBarcodeResult>(single(mngBarcodeWire), response, 'createbarcode')
  return result
}

const zplLabel = (barcode: MngBarcodeResult): Shipment['label'] =>
  barcode.barcodes.length ? { format: 'ZPL', data: bytesToBase64(utf8.encode(barcode.barcodes.map((b) => b.value).join('\n'))) } : null

async function createShipment(ctx: MngCtx, { shipment }: { shipment: CreateShipmentRequest & { reference: string } }): Promise<Shipment> {
  const place = await placeCodes(ctx, shipment.recipient, 'body.recipient')
  const content = shipment.description ?? 'Gönderi'
  const isCOD = shipment.cod ? 1 : 0
  const codAmount = shipment.cod ? Number(shipment.cod.amount.amount) : 0
  const body: MngCreateOrderRequest = {
    order: {
      referenceId: shipment.reference,
      barcode: shipment.reference,
      billOfLandingId: shipment.reference,
      isCOD,
      codAmount,
      shipmentServiceType: 1,
      packagingType: 4,
      content,
      smsPreference1: 0,
      smsPreference2: 0,
      smsPreference3: 0,
      paymentType: 1,
      deliveryType: 1,
      description: shipment.description ?? '',
      marketPlaceShortCode: '',
      marketPlaceSaleCode: '',
    },
    orderPieceList: pieces(shipment.parcels, shipment.reference, content),
    recipient: {
      cityCode: place.cityCode,
      districtCode: place.districtCode,
      address: [shipment.recipient.line1, shipment.recipient.line2].filter(Boolean).join(' '),
      email: shipment.recipient.email ?? '',
      fullName: shipment.recipient.company ? `${shipment.recipient.name} (${shipment.recipient.company})` : shipment.recipient.name,
      mobilePhoneNumber: mngPhone(shipment.recipient.phone),
    },
  }
  const created = await mngWrite<MngCreateOrderResult[]>(ctx, { method: 'POST', path: '/standardcmdapi/createOrder', operation: 'shipments.create.order', json: body })
  const order = readMng<MngCreateOrderResult>(single(mngCreateOrderWire), created, 'createOrder')
  const barcode = await createBarcode(ctx, { referenceId: order.referenceId, isCOD, codAmount, content, orderPieceList: body.orderPieceList })
  return {
    id: order.referenceId,
    provider: 'mng',
    connection_id: ctx.connection.id,
    carrier: 'mng',
    reference: order.referenceId,
    tracking_number: barcode.shipmentId,
    status: 'label_created',
    provider_status: '1',
    shipper: shipment.shipper,
    recipient: shipment.recipient,
    parcels: shipment.parcels.map((p) => ({ ...p, desi: parcelDesi(p) })),
    cod: shipment.cod ?? null,
    label: zplLabel(barcode),
    tracking_url: mngTrackingUrl(barcode.shipmentId),
    created_at: new Date().toISOString(),
    raw: { order, barcode: { ...barcode, barcodes: barcode.barcodes.map(({ value: _zpl, ...rest }) => rest) } },
  }
}

const notFoundAsNull = <T>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((error) => {
    if (error instanceof KopruError && error.code === 'not_found') return null
    throw error
  })

const getOrder = async (ctx: MngCtx, reference: string) => {
  const response = await ctx.request<MngOrderInfo[]>({ path: `/standardqueryapi/getorder/${encodeURIComponent(reference)}`, operation: 'shipments.get.order' })
  return readMng<MngOrderInfo>(single(mngOrderWire), response, 'getorder')
}

const getShipmentInfo = async (ctx: MngCtx, reference: string) => {
  const response = await ctx.request<MngShipmentInfo[]>({ path: `/standardqueryapi/getshipment/${encodeURIComponent(reference)}`, operation: 'shipments.get.shipment' })
  return readMng<MngShipmentInfo>(single(mngShipmentWire), response, 'getshipment')
}

const trackByReference = async (ctx: MngCtx, reference: string) =>
  readMng<MngTrackEvent[]>(mngTrackEventsWire, await ctx.request({ path: `/standardqueryapi/trackshipment/${encodeURIComponent(reference)}`, operation: 'tracking.get' }), 'trackshipment')

async function readShipment(ctx: MngCtx, reference: string, label: Shipment['label'] = null): Promise<Shipment | null> {
  const order = await notFoundAsNull(getOrder(ctx, reference))
  if (!order) return null
  const info = await notFoundAsNull(getShipmentInfo(ctx, reference))
  const tracker = info ? toTracker(info.shipmentId, await trackByReference(ctx, reference), info, ctx.log) : null
  return toUnifiedShipment({ order, shipment: info, tracker, connectionId: ctx.connection.id, customerNumber: ctx.credentials.customer_number, label, log: ctx.log })
}

async function getShipment(ctx: MngCtx, { id }: { id: string }): Promise<Shipment> {
  const shipment = await readShipment(ctx, id)
  if (!shipment) throw ctx.fail('not_found', `MNG Kargo has no order with referenceId '${id}'`)
  return shipment
}

/**
 * Reconciliation after a lost answer: the order for `reference`, if MNG has it. When createOrder went through but
 * the createbarcode answer never came (or it never ran), the barcode step is finished here — MNG refuses a second
 * barcode for one referenceId (40003), so this cannot make two shipments.
 */
async function findShipmentByReference(ctx: MngCtx, { reference }: { reference: string }): Promise<Shipment | null> {
  const order = await notFoundAsNull(getOrder(ctx, reference))
  if (!order) return null
  const info = await notFoundAsNull(getShipmentInfo(ctx, reference))
  if (!info && order.orderStatus !== 'IPTAL') {
    const barcode = await createBarcode(ctx, order).catch((error) => {
      if (error instanceof KopruError && error.provider?.code === '40003') return null
      throw error
    })
    return readShipment(ctx, reference, barcode ? zplLabel(barcode) : null)
  }
  return readShipment(ctx, reference)
}

/**
 * A full cancel at MNG is cancelshipment (the barcode) and then cancelorder (MNG's integration team, quoted by
 * omniship-mng); before the barcode only the order exists. MNG's error codes are not public, so a refusal is
 * recognised by what is documented: an application error (`{error:{Code, Message, Description}}`, HTTP 500 once
 * the branch accepted the parcel) answering cancelshipment — a `conflict` carrying MNG's readable Description.
 */
async function cancelShipment(ctx: MngCtx, { id }: { id: string }): Promise<Shipment> {
  const order = await getOrder(ctx, id)
  const info = await notFoundAsNull(getShipmentInfo(ctx, id))
  if (info && !info.isCancelled) {
    await ctx.request({
      method: 'PUT',
      path: '/barcodecmdapi/cancelshipment',
      operation: 'shipments.cancel',
      idempotent: false,
      json: { referenceId: id, shipmentId: info.shipmentId },
    }).catch((error: unknown) => {
      throw cancelRefused(ctx, error, id, info)
    })
  }
  if (order.orderStatus !== 'IPTAL') {
    await ctx.request({ method: 'PUT', path: `/standardcmdapi/cancelorder/${encodeURIComponent(id)}`, operation: 'shipments.cancel', idempotent: false })
  }
  return getShipment(ctx, { id })
}

function cancelRefused(ctx: MngCtx, error: unknown, id: string, info: MngShipmentInfo): unknown {
  if (!(error instanceof KopruError) || !error.provider?.code || error.code === 'not_found') return error
  if (MNG_TRANSIENT.has(error.provider.code) || error.code === 'provider_unavailable' || error.code === 'provider_timeout') return error
  const reason = error.provider.message ?? error.message
  const { status, code } = error.provider
  return ctx.fail('conflict', `MNG Kargo refused to cancel shipment '${id}' (status ${info.shipmentStatusCode}): ${reason}`, { status, code, message: reason })
}

async function getTracking(ctx: MngCtx, { trackingNumber }: { trackingNumber: string }): Promise<Tracker> {
  if (!/^[A-Za-z0-9-]{1,40}$/.test(trackingNumber)) throw ctx.fail('not_found', `MNG Kargo has no shipment '${trackingNumber}'`)
  const infoResponse = await ctx.request<MngShipmentInfo[]>({
    path: `/standardqueryapi/getshipmentByShipmentId/${trackingNumber}`,
    operation: 'tracking.get',
  })
  const info = readMng<MngShipmentInfo>(single(mngShipmentWire), infoResponse, 'getshipment')
  const events = readMng<MngTrackEvent[]>(
    mngTrackEventsWire,
    await ctx.request({ path: `/standardqueryapi/trackshipmentByShipmentId/${trackingNumber}`, operation: 'tracking.get' }),
    'trackshipment',
  )
  return { ...toTracker(info.shipmentId, events, info, ctx.log), raw: { shipment: info, events } }
}

async function listRates(ctx: MngCtx, { request }: { request: RateRequest }): Promise<Rate[]> {
  const place = await placeCodes(ctx, request.recipient, 'body.recipient')
  const response = await ctx.request<MngCalculateResult[]>({
    method: 'POST',
    path: '/standardqueryapi/calculate',
    operation: 'rates.list',
    idempotent: true,
    json: {
      shipmentServiceType: 1,
      packagingType: 4,
      paymentType: 1,
      pickUpType: 1,
      deliveryType: 1,
      cityCode: place.cityCode,
      districtCode: place.districtCode,
      address: request.recipient.line1,
      smsPreference1: 0,
      smsPreference2: 0,
      smsPreference3: 0,
      orderPieceList: request.parcels.map((p) => ({ desi: parcelDesi(p), kg: p.weight_kg })),
    },
  })
  const quote = readMng<MngCalculateResult>(single(mngCalculateWire), response, 'calculate')
  return [
    {
      carrier: 'mng',
      service: 'standard',
      total: money(quote.finalTotal, 'TRY'),
      source: 'carrier',
      estimated_days: Number.isInteger(quote.estimatedDeliveryDays) ? quote.estimatedDeliveryDays : null,
    },
  ]
}

export const mng = defineProvider<MngCredentials>({
  id: 'mng',
  name: 'MNG Kargo',
  kind: 'carrier',
  auth: mngAuth,
  baseUrls: {
    production: 'https://api.mngkargo.com.tr/mngapi/api',
    sandbox: 'https://testapi.mngkargo.com.tr/mngapi/api',
  },
  // MNG publishes no rate limits for API Zone; kopru adds none of its own guessing.
  quotas: [],
  operations: operationsOf({ createShipment, getShipment, cancelShipment, getTracking, listRates }),
  proxy: {},
  findShipmentByReference,
  // Any call fetches the JWT first: wrong credentials fail at /token, before getcities is asked.
  // Asked directly, not through the per-connection city list (ctx.cache), so new credentials (PATCH) are really tried.
  async verifyCredentials(ctx) {
    await ctx.request({ path: '/cbsinfoapi/getcities', operation: 'cbs.cities' })
    return { customer_number: ctx.credentials.customer_number }
  },
  parseError: parseMngError,
  simulator: async () => (await import('./simulator.js')).createMngSimulator(),
})
