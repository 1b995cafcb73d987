/**
 * Aras Kargo <-> unified translation: pure tables and functions.
 * Sources (see docs/providers/aras.md): the official "Aras Kargo Sevkiyat Entegrasyonu" PDF (SetOrder `Order`
 * fields and limits, ResultCode and CancelDispatch codes), the "Müşteri Bilgi Sorgulama Servisleri" PDF
 * (GetQueryJSON, query types, DURUM KODU, TİP KODU and DEVİR KODU tables), and clients reading the JSON
 * (`QueryResult.Cargo[]` with `MUSTERI_OZEL_KODU`, `KARGO_TAKIP_NO`, `DURUM_KODU`, `DURUMU`, `ALICI`).
 */
import type { CreateShipmentRequest, Shipment, Tracker, TrackingEvent, TrackingStatus } from '../../src/models/index.js'
import {
  isoOrNull,
  lookupTable,
  chargeableWeight,
  parcelDesi,
  parseProviderTime,
  shipmentStatusFromTracking,
  toDecimalString,
  turkishPhone10,
  type CarrierResult,
  type Logger,
} from '../../src/core/provider-kit/index.js'

export const ARAS_NAMESPACE = 'http://tempuri.org/'
export const ARAS_ORDER_PATH = '/arascargoservice.asmx'
export const ARAS_QUERY_PATH = '/ArasCargoIntegrationService.svc'
export const ARAS_QUERY_ACTION = 'http://tempuri.org/IArasCargoIntegrationService/GetQueryJSON'
/** IntegrationCode (MÖK) is at most 32 characters. */
export const INTEGRATION_CODE_MAX = 32

/** GetQueryJSON query types kopru uses. */
export const arasQueryTypes = { byIntegrationCode: '1', movements: '9', byTrackingNumber: '14' } as const

/** DURUM KODU -> tracking status. */
export const arasStatusTable = {
  '1': 'picked_up', // Çıkış şubesinde
  '2': 'in_transit', // Yolda
  '3': 'in_transit', // Teslimat şubesinde (ready_for_pickup when DEVİR = ŞA)
  '4': 'out_for_delivery', // Teslimatta (dağıtımda)
  '5': 'in_transit', // Parçalı teslimat
  '6': 'delivered', // Teslim edildi
  '7': 'in_transit', // Yönlendirildi
} as const satisfies Record<string, TrackingStatus>
export const mapArasStatus = lookupTable<string, TrackingStatus>('aras.durum_kodu', arasStatusTable, 'unknown')

/** DEVİR KODU (why a parcel was handed over / not delivered) -> tracking status, where it overrides. */
export const arasTransferTable = {
  AY: 'delivery_failed', // Adres yanlış
  NT: 'delivery_failed', // Not bırakıldı (alıcı adreste yok)
  KE: 'delivery_failed', // Kabul etmedi
  ÜR: 'delivery_failed', // Ürünü reddetti
  AD: 'delivery_failed', // Adres dağıtım alanı dışında
  TL: 'delivery_delayed', // Tatil
  TO: 'delivery_delayed', // Toplumsal olaylar
  KG: 'on_hold', // Gümrükte
  HT: 'on_hold', // Hasarlı
  ŞA: 'ready_for_pickup', // Şubede alıcı tarafından alınacak
} as const satisfies Record<string, TrackingStatus>
export const mapArasTransfer = lookupTable<string, TrackingStatus>('aras.devir_kodu', arasTransferTable, 'unknown')

/** TİP KODU 3: the parcel is a return. */
export const ARAS_RETURN_TYPE = '3'

/** `duplicate`: the order exists with its waybill (60020/70029/70031) — the gateway reconciles by IntegrationCode. */
export type ArasResultRow = CarrierResult | { kind: 'ok' }

/**
 * SetOrder ResultCode, as the "Aras Kargo Sevkiyat Entegrasyonu" PDF's return-code table names them; the
 * carrier's ResultMessage is passed on as is.
 */
export const arasSetOrderTable = {
  '0': { kind: 'ok' },
  '935': { kind: 'field', path: 'body.recipient.phone' }, // ReceiverPhone1 alanı sadece sayılardan oluşmalıdır
  '936': { kind: 'provider' }, // Güncelleme hatası
  '937': { kind: 'field', path: 'body.reference' }, // Sipariş Numarasını Girmeniz Gerekmektedir
  '938': { kind: 'field', path: 'body.recipient.line1' }, // Alıcı Adresini Girmeniz Gerekmektedir
  '939': { kind: 'field', path: 'body.recipient.name' }, // Alıcı Adını Girmeniz Gerekmektedir
  '940': { kind: 'field', path: 'body.recipient.city' }, // Şehir Adını Girmeniz Gerekmektedir
  '941': { kind: 'field', path: 'body.recipient.district' }, // İlçe Adını Girmeniz Gerekmektedir
  '942': { kind: 'field', path: 'body.cod' }, // Alıcı Ödemeli Tahsilatlı Kargo Gönderisi Yapılamamaktadır
  '1000': { kind: 'auth' }, // Kullanıcı Adı ve Şifreniz Yanlıştır
  '1001': { kind: 'provider' }, // entegrasyon bilgileri güncellenirken hata (account setup)
  '1002': { kind: 'provider' }, // Aras Şube Bilginiz Tanımlı Değildir (account setup, not the request)
  '60020': { kind: 'duplicate' }, // irsaliyesi kesildiği için bilgilerini güncelleyemezsiniz
  '60021': { kind: 'provider' }, // en az bir adet sipariş (kopru always sends one)
  '70018': { kind: 'field', path: 'body.recipient.line1' }, // ReceiverAddress en fazla 250 karakter
  '70019': { kind: 'field', path: 'body.reference' }, // InvoiceKey en fazla 20 karakter
  '70020': { kind: 'field', path: 'body.parcels' }, // toplam parça sayısı ile gönderilen parça sayısı eşit değil
  '70021': { kind: 'field', path: 'body.parcels' }, // toplam parça sayısı eksik
  '70022': { kind: 'field', path: 'body.parcels' }, // parça barcode bilgisi eksik
  '70023': { kind: 'field', path: 'body.parcels' }, // volume bilgisi eksik
  '70024': { kind: 'field', path: 'body.parcels' }, // Kg bilgisi eksik
  '70025': { kind: 'field', path: 'body.parcels' }, // dosya gönderisi bir parçadan oluşmalı
  '70026': { kind: 'field', path: 'body.parcels' }, // Volume decimal olmalı
  '70027': { kind: 'field', path: 'body.parcels' }, // barkod daha önce gönderilmiş
  '70028': { kind: 'field', path: 'body.parcels' }, // Kg decimal olmalı
  '70029': { kind: 'duplicate' }, // irsaliyesi kesilmiş gönderi güncellenemez
  '70030': { kind: 'field', path: 'body.parcels' }, // parçaların barkod numaraları aynı olamaz
  '70031': { kind: 'duplicate' }, // kargo işleme tabi tutulmuştur
  '70032': { kind: 'provider' }, // PayorTypeCode 1|2 (kopru's own values)
  '70033': { kind: 'provider' }, // CodCollectionType 0|1
  '70034': { kind: 'provider' }, // IsCod 0|1
  '70035': { kind: 'conflict' }, // bir sipariş en fazla 20 kez gönderilebilir
} as const satisfies Record<string, ArasResultRow>
export const mapArasSetOrder = lookupTable<string, ArasResultRow>('aras.set_order', arasSetOrderTable, { kind: 'provider' })

/** CancelDispatch ResultCode. */
export const arasCancelTable = {
  '0': { kind: 'ok' },
  '1': { kind: 'ok' }, // "… Başarılı bir şekilde silindi"
  '-1': { kind: 'not_found' },
  '-2': { kind: 'auth' },
  '999': { kind: 'conflict' }, // irsaliye kesilmiş, iptal edilemez
  '936': { kind: 'provider' },
} as const satisfies Record<string, ArasResultRow>
export const mapArasCancel = lookupTable<string, ArasResultRow>('aras.cancel_dispatch', arasCancelTable, { kind: 'provider' })

const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

const decimal = (value: number) => toDecimalString(value, 2)

/**
 * Piece barcodes, unique per piece and stable across resends: the first piece carries the reference itself (the
 * barcode kopru's label prints), further pieces the reference plus a two-digit piece number.
 */
export const pieceBarcode = (reference: string, index: number) => (index === 0 ? reference : `${reference}${String(index + 1).padStart(2, '0')}`)

/** Unified request -> SetOrder `Order`; the carrier validates, values pass through unshortened. */
export function toArasOrder(request: CreateShipmentRequest, reference: string, login: { userName: string; password: string }) {
  const { recipient } = request
  const pieces = request.parcels.map((parcel, index) => ({
    VolumetricWeight: decimal(chargeableWeight(parcel)),
    Weight: decimal(parcel.weight_kg),
    BarcodeNumber: pieceBarcode(reference, index),
    ProductNumber: undefined,
    Description: clean(request.description),
  }))
  const phone = recipient.phone ? (turkishPhone10(recipient.phone) ?? recipient.phone.replace(/\D/g, '')) : ''
  return {
    UserName: login.userName,
    Password: login.password,
    TradingWaybillNumber: reference.slice(0, 16),
    InvoiceNumber: reference,
    IntegrationCode: reference,
    ReceiverName: [recipient.name, clean(recipient.company)].filter(Boolean).join(' / '),
    ReceiverAddress: [recipient.line1, clean(recipient.line2)].filter(Boolean).join(' '),
    ReceiverPhone1: phone,
    ReceiverCityName: recipient.city,
    ReceiverTownName: clean(recipient.district) ?? '',
    VolumetricWeight: decimal(request.parcels.reduce((sum, parcel) => sum + chargeableWeight(parcel), 0)),
    Weight: decimal(request.parcels.reduce((sum, parcel) => sum + parcel.weight_kg, 0)),
    PieceCount: request.parcels.length,
    Description: clean(request.description),
    PayorTypeCode: '1',
    IsWorldWide: '0',
    IsCod: request.cod ? '1' : '0',
    CodAmount: request.cod ? toDecimalString(request.cod.amount.amount, 2) : '0',
    CodCollectionType: request.cod?.collection === 'card' ? '1' : '0',
    CodBillingType: '0',
    PieceDetails: { PieceDetail: pieces },
  }
}

/** Aras local `dd.MM.yyyy HH:mm:ss` (Istanbul time) -> ISO UTC. */
export const arasTime = (value: unknown): string | null => (typeof value === 'string' ? isoOrNull(parseProviderTime(value)) : null)

export type ArasRecord = Record<string, unknown>
const field = (record: ArasRecord | undefined, key: string): string => {
  const value = record?.[key]
  return value === undefined || value === null ? '' : String(value).trim()
}

/** GetQueryJSONResult text -> its rows (the first array under `QueryResult`), or null when it is not JSON. */
export function arasQueryRows(json: string): ArasRecord[] | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return null
  }
  const result = (parsed as { QueryResult?: unknown } | null)?.QueryResult
  if (!result || typeof result !== 'object') return []
  for (const value of Object.values(result as Record<string, unknown>)) {
    if (Array.isArray(value)) return value.filter((row): row is ArasRecord => !!row && typeof row === 'object')
    if (value && typeof value === 'object') return [value as ArasRecord]
  }
  return []
}

export function arasTrackingStatus(record: ArasRecord, log?: Logger): TrackingStatus {
  if (field(record, 'TIP_KODU') === ARAS_RETURN_TYPE) return 'return_to_sender'
  const status = mapArasStatus(field(record, 'DURUM_KODU'), log)
  const transfer = field(record, 'DEVIR_KODU')
  if (transfer && status !== 'delivered') {
    const override = mapArasTransfer(transfer, log)
    if (override === 'ready_for_pickup' ? field(record, 'DURUM_KODU') === '3' : override !== 'unknown') return override
  }
  return status
}

export function toArasEvents(movements: ArasRecord[], log?: Logger): TrackingEvent[] {
  return movements
    .map((row) => ({
      occurred_at: arasTime(field(row, 'ISLEM_TARIHI')),
      status: arasTrackingStatus(row, log),
      code: field(row, 'DURUM_KODU') || null,
      description: field(row, 'ISLEM') || field(row, 'DURUMU'),
      location: { city: field(row, 'IL') || null, district: field(row, 'ILCE') || null, facility: field(row, 'BIRIM') || null },
    }))
    .filter((event): event is TrackingEvent => event.occurred_at !== null)
    .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at))
}

export const arasTrackingUrl = (trackingNumber: string) => `https://kargotakip.araskargo.com.tr/mainpage.aspx?code=${encodeURIComponent(trackingNumber)}`

export function toArasTracker(record: ArasRecord, movements: ArasRecord[], log?: Logger): Tracker {
  const status = arasTrackingStatus(record, log)
  return {
    tracking_number: field(record, 'KARGO_TAKIP_NO'),
    carrier: 'aras',
    status,
    delivered: status === 'delivered',
    estimated_delivery: null,
    events: toArasEvents(movements, log),
    carrier_status: { code: field(record, 'DURUM_KODU') || null, text: field(record, 'DURUMU') || null },
  }
}

/** The tracker of an order Aras has received but no branch has scanned yet (no tracking number, no movements). */
export function pendingArasTracker(integrationCode: string): Tracker {
  return {
    tracking_number: integrationCode,
    carrier: 'aras',
    status: 'pending',
    delivered: false,
    estimated_delivery: null,
    events: [],
    carrier_status: { code: null, text: 'Sipariş alındı, şubede işlem görmedi' },
  }
}

/** An order known to the order service but without a waybill yet (no query-service record). */
export function pendingArasShipment(order: ArasRecord, context: { connectionId: string; request?: CreateShipmentRequest }): Shipment {
  const reference = field(order, 'IntegrationCode')
  const request = context.request
  return {
    id: reference,
    provider: 'aras',
    connection_id: context.connectionId,
    carrier: 'aras',
    reference,
    tracking_number: null,
    status: 'created',
    provider_status: null,
    shipper: request?.shipper ?? { name: '', line1: '', city: '', country_code: 'TR' },
    recipient: request?.recipient ?? {
      name: field(order, 'ReceiverName'),
      line1: field(order, 'ReceiverAddress'),
      district: field(order, 'ReceiverTownName') || null,
      city: field(order, 'ReceiverCityName'),
      country_code: 'TR',
    },
    parcels: request
      ? request.parcels.map((parcel) => ({ ...parcel, desi: parcelDesi(parcel) }))
      : [{ weight_kg: Number(field(order, 'Weight')) || 0.01, desi: Number(field(order, 'VolumetricWeight')) || 0 }],
    cod: request?.cod ?? null,
    label: null,
    tracking_url: null,
    tracking: null,
    created_at: new Date().toISOString(),
  }
}

/** A shipment with a waybill, from its query-service record and movements. */
export function toArasShipment(
  record: ArasRecord,
  movements: ArasRecord[],
  context: { connectionId: string },
  log?: Logger,
): Shipment {
  const tracker = toArasTracker(record, movements, log)
  const reference = field(record, 'MUSTERI_OZEL_KODU')
  const base = pendingArasShipment({ IntegrationCode: reference, ReceiverName: field(record, 'ALICI'), ReceiverCityName: field(record, 'IL'), ReceiverTownName: field(record, 'ILCE') }, context)
  return {
    ...base,
    id: reference,
    reference,
    tracking_number: tracker.tracking_number || null,
    status: shipmentStatusFromTracking(tracker.status, 'created'),
    provider_status: tracker.carrier_status.code,
    tracking_url: tracker.tracking_number ? arasTrackingUrl(tracker.tracking_number) : null,
    tracking: tracker,
    created_at: arasTime(field(record, 'GONDERI_TARIHI')) ?? base.created_at,
  }
}
