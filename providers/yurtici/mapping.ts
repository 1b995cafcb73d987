/**
 * Yurtiçi Kargo (KOPS ShippingOrderDispatcherServices, SOAP) <-> unified translation: pure tables and functions.
 * Sources (see docs/providers/yurtici.md): the Axis WSDL2Java proxy and VOs of the service (operation
 * signatures, ShippingOrderVO / ShipmentDeliveryItemDetailVO fields), the operationStatus / operationCode and
 * errCode tables in the tcgunel/omniship-yurtici README and other clients, and a VB.NET client's status logic
 * (cargoEventId TX / YK+GOK|KTN / OK, rejectStatus and returnStatus meanings).
 */
import type { CreateShipmentRequest, Shipment, ShipmentStatus, Tracker, TrackingEvent, TrackingStatus } from '../../src/models/index.js'
import {
  isoOrNull,
  lookupTable,
  chargeableWeight,
  parseProviderTime,
  shipmentStatusFromTracking,
  soapList,
  soapText,
  toDecimalString,
  turkishPhone10,
  turkishPhoneToE164,
  type CarrierResult,
  type Logger,
} from '../../src/core/provider-kit/index.js'

export const YURTICI_NAMESPACE = 'http://yurticikargo.com.tr/ShippingOrderDispatcherServices'
export const YURTICI_PATH = '/KOPSWebServices/ShippingOrderDispatcherServices'
/** Yurtiçi's own limit on cargoKey (it is printed as the parcel's barcode). */
export const CARGO_KEY_MAX = 20

/** operationCode (number) <-> operationStatus (mnemonic) as the service sends both. */
export const yurticiOperationCodes = { 0: 'NOP', 1: 'IND', 2: 'ISR', 3: 'CNL', 4: 'ISC', 5: 'DLV', 6: 'BI' } as const

export interface YurticiStatusRow {
  tracking: TrackingStatus
  /** Lifecycle override where the tracking status alone says too little. */
  shipment?: ShipmentStatus
}

/** operationStatus -> tracking status (and lifecycle where it differs from the generic one). */
export const yurticiOperationTable = {
  NOP: { tracking: 'pending' }, // Kargo işlem görmemiş: data received, parcel not yet at a branch
  IND: { tracking: 'in_transit' }, // Kargo teslimattadır (refined from cargoEventId)
  ISR: { tracking: 'picked_up' }, // Kargo işlem görmüş, faturası henüz düzenlenmemiş
  CNL: { tracking: 'cancelled' }, // Kargo çıkışı engellendi (a successful cancel)
  ISC: { tracking: 'cancelled' }, // Kargo daha önceden iptal edilmiştir
  DLV: { tracking: 'delivered' }, // Kargo teslim edilmiştir
  BI: { tracking: 'cancelled', shipment: 'needs_attention' }, // Fatura şube tarafından iptal edilmiştir
} as const satisfies Record<string, YurticiStatusRow>
export const mapYurticiOperation = lookupTable<string, YurticiStatusRow>('yurtici.operation_status', yurticiOperationTable, { tracking: 'unknown' })

/**
 * Movement events (`eventId`, or `eventId/reasonId` where the reason decides) -> tracking status.
 * OK, TX and YK/GOK|KTN come from a production client; the others are the vocabulary the simulator uses
 * for the legs in between (kabul, aktarma, varış) and are marked as such in the provider doc.
 */
export const yurticiEventTable = {
  KB: 'picked_up', // Kargo kabul edildi (origin branch scan)
  AT: 'in_transit', // Transfer merkezine / aktarmaya gönderildi
  TM: 'in_transit', // Transfer merkezinde
  VS: 'in_transit', // Varış şubesinde
  YK: 'in_transit', // Yüklendi
  'YK/GOK': 'out_for_delivery', // Dağıtıma çıkarıldı (kuryeye zimmetlendi)
  'YK/KTN': 'out_for_delivery', // Dağıtıma çıkarıldı (KTN'ye bırakılmak üzere)
  TX: 'delivery_failed', // Devir: alıcıya teslim edilemedi, varış şubesinde bekletiliyor
  OK: 'delivered', // Teslim edildi
} as const satisfies Record<string, TrackingStatus>
const eventLookup = lookupTable<string, TrackingStatus>('yurtici.event', yurticiEventTable, 'unknown')

export function mapYurticiEvent(eventId: string, reasonId: string, log?: Logger): TrackingStatus {
  const specific = `${eventId}/${reasonId}`
  if (reasonId && Object.hasOwn(yurticiEventTable, specific)) return yurticiEventTable[specific as keyof typeof yurticiEventTable]
  return eventLookup(eventId, log)
}

/** rejectStatus (iade süreci) values that override the status; 4/7/8/11 mean the return was called off. */
export const yurticiRejectTable = {
  '0': 'return_to_sender', // İade isteği yapıldı
  '1': 'return_to_sender', // Çıkış şubesi onayladı
  '2': 'return_to_sender', // İade bölge onayladı
  '3': 'return_to_sender', // Müşteri onayladı
  '9': 'returned', // İade yapıldı
  '10': 'returned', // İade sonlandırıldı
} as const satisfies Record<string, TrackingStatus>

/** What an errCode means for the client: the field it names, or a non-field outcome. */
export type YurticiErrorRow = CarrierResult | { kind: 'already_cancelled' }

export const yurticiErrorTable = {
  '60020': { kind: 'duplicate' }, // ERR_EXIST_CARGO_KEY_PARAM: cargoKey sistemde mevcut
  '80859': { kind: 'field', path: 'body.reference' }, // cargoKey bulunamadı
  '82500': { kind: 'field', path: 'body.reference' }, // cargoKey uzunluk aşımı (max 20)
  '60017': { kind: 'field', path: 'body.reference' }, // invoiceKey bulunamadı (kopru sends the reference)
  '82501': { kind: 'field', path: 'body.reference' }, // invoiceKey uzunluk aşımı
  '60018': { kind: 'field', path: 'body.recipient.name' }, // alıcı adı bulunamadı
  '82503': { kind: 'field', path: 'body.recipient.name' }, // alıcı adı uzunluk aşımı (max 100)
  '60019': { kind: 'field', path: 'body.recipient.line1' }, // adres bulunamadı
  '82502': { kind: 'field', path: 'body.recipient.line1' }, // adres uzunluğu (min 10, max 500)
  '82515': { kind: 'field', path: 'body.recipient.email' }, // geçersiz e-posta
  '82516': { kind: 'field', path: 'body.recipient.phone' }, // geçersiz telefon
  '82517': { kind: 'field', path: 'body.recipient.district' }, // geçersiz format (the simulator uses it for a missing townName)
  '82505': { kind: 'field', path: 'body.cod.amount' }, // tahsilat tutarı bulunamadı
  '82507': { kind: 'field', path: 'body.cod' }, // tahsilat belge no bulunamadı
  '82509': { kind: 'field', path: 'body.cod.collection' }, // taksit seçimi bulunamadı
  '82511': { kind: 'field', path: 'body.cod.collection' }, // kredi kuralı bulunamadı
  '82512': { kind: 'field', path: 'body.cod.collection' }, // ödeme tipi uyuşmuyor
  '82513': { kind: 'field', path: 'body.cod' }, // hatalı ödeme tipi (COD on a user without COD)
  '82514': { kind: 'field', path: 'body.cod' }, // hatalı belge kayıt tipi
  '82519': { kind: 'not_found' }, // cargoKey bulunamadı / kullanıcıya ait değil
  '82520': { kind: 'already_cancelled' }, // zaten iptal edilmiş
  '82526': { kind: 'provider' }, // keys eksik (kopru always sends one)
  '82527': { kind: 'provider' }, // keyType eksik
  '936': { kind: 'provider' }, // beklenmeyen hata
  // One client treats these as bad credentials; Yurtiçi's documents do not say (unverified).
  '1625': { kind: 'auth' },
  '1626': { kind: 'auth' },
  '80265': { kind: 'auth' },
} as const satisfies Record<string, YurticiErrorRow>
export const mapYurticiError = lookupTable<string, YurticiErrorRow>('yurtici.err_code', yurticiErrorTable, { kind: 'provider' })

const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/**
 * The COD document id. The WSDL types `ttDocumentId` as `xs:long` (every generated client uses a long), and
 * kopru's references contain letters, so the id is a stable 12-digit number derived from the reference: a
 * retried create sends the same one. FNV-1a (64 bit) folded into 1..999999999999.
 */
export function codDocumentId(reference: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(reference)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return String((hash % 999_999_999_999n) + 1n)
}

/**
 * Unified request -> one ShippingOrderVO, elements in the WSDL's sequence order. The WSDL declares
 * `taxOfficeId`, `cargoCount`, `ttDocumentId`, `dcSelectedCredit` and `dcCreditRule` without `minOccurs="0"`:
 * they are always sent, 0 where they do not apply (what the generated clients send for an unset long).
 */
export function toShippingOrderVO(request: CreateShipmentRequest, reference: string) {
  const { recipient } = request
  // Desi sent to the carrier is never below the weight: carriers bill the larger of the two.
  const desi = request.parcels.reduce((sum, parcel) => sum + chargeableWeight(parcel), 0)
  const kg = request.parcels.reduce((sum, parcel) => sum + parcel.weight_kg, 0)
  const phone = recipient.phone ? (turkishPhone10(recipient.phone) ?? recipient.phone) : undefined
  const cod = request.cod
  const card = cod?.collection === 'card'
  return {
    cargoKey: reference,
    invoiceKey: reference,
    receiverCustName: [recipient.name, clean(recipient.company)].filter(Boolean).join(' / '),
    receiverAddress: [recipient.line1, clean(recipient.line2)].filter(Boolean).join(' '),
    cityName: recipient.city,
    townName: clean(recipient.district),
    receiverPhone1: phone,
    emailAddress: clean(recipient.email),
    taxOfficeId: 0,
    desi: toDecimalString(desi, 3),
    kg: toDecimalString(kg, 3),
    cargoCount: request.parcels.length,
    ttInvoiceAmount: cod ? toDecimalString(cod.amount.amount, 2) : undefined,
    ttDocumentId: cod ? codDocumentId(reference) : 0,
    ttCollectionType: cod ? (card ? '1' : '0') : undefined,
    ttDocumentSaveType: cod ? '0' : undefined,
    dcSelectedCredit: card ? 1 : 0,
    dcCreditRule: card ? 1 : 0,
    description: clean(request.description),
  }
}

const joinDateTime = (date: string, time: string): string | null => {
  if (!/^\d{8}$/.test(date)) return null
  const hhmmss = /^\d{1,6}$/.test(time) ? time.padStart(6, '0') : '000000'
  return `${date}${hhmmss}`
}

/** Yurtiçi local `YYYYMMDD` + `HHMMSS` (Istanbul time) -> ISO UTC. */
export const yurticiTime = (date: string, time: string): string | null => isoOrNull(parseProviderTime(joinDateTime(date, time)))

export function toYurticiEvents(item: unknown, log?: Logger): TrackingEvent[] {
  return soapList(item, 'invDocCargoVOArray')
    .map((row) => {
      const eventId = soapText(row, 'eventId')
      const reasonId = soapText(row, 'reasonId')
      const reason = soapText(row, 'reasonName')
      const name = soapText(row, 'eventName')
      return {
        occurred_at: yurticiTime(soapText(row, 'eventDate'), soapText(row, 'eventTime')),
        status: mapYurticiEvent(eventId, reasonId, log),
        code: eventId || null,
        description: reason && reasonId !== 'OK' && reason !== name ? `${name} (${reason})` : name,
        location: {
          city: soapText(row, 'cityName') || null,
          district: soapText(row, 'townName') || null,
          facility: soapText(row, 'unitName') || null,
        },
      }
    })
    .filter((event): event is TrackingEvent => event.occurred_at !== null)
    .sort((a, b) => a.occurred_at.localeCompare(b.occurred_at))
}

const decisiveEventStatuses: readonly TrackingStatus[] = ['out_for_delivery', 'delivery_failed', 'delivered']

/** operationStatus, refined by the current cargo event and overridden by the return flags. */
export function yurticiTrackingStatus(detail: unknown, log?: Logger): { status: TrackingStatus; row: YurticiStatusRow } {
  const operation = soapText(detail, 'operationStatus') || yurticiOperationCodes[Number(soapText(detail, 'operationCode')) as 0] || ''
  const row = mapYurticiOperation(operation, log)
  const item = (detail as Record<string, unknown> | null)?.shippingDeliveryItemDetailVO
  let status: TrackingStatus = row.tracking
  const cargoEventId = soapText(item, 'cargoEventId')
  if (cargoEventId && (operation === 'IND' || operation === 'ISR')) {
    const refined = mapYurticiEvent(cargoEventId, soapText(item, 'cargoReasonId'), log)
    if (decisiveEventStatuses.includes(refined)) status = refined
  }
  const reject = soapText(item, 'rejectStatus')
  if (Object.hasOwn(yurticiRejectTable, reject)) status = yurticiRejectTable[reject as keyof typeof yurticiRejectTable]
  if (soapText(item, 'returnStatus') === '3') status = 'returned'
  return { status, row }
}

export function toYurticiTracker(detail: unknown, log?: Logger): Tracker {
  const item = (detail as Record<string, unknown> | null)?.shippingDeliveryItemDetailVO
  const { status } = yurticiTrackingStatus(detail, log)
  const docId = soapText(detail, 'docId') || soapText(item, 'docId')
  const events = toYurticiEvents(item, log)
  return {
    tracking_number: docId || soapText(detail, 'cargoKey'),
    carrier: 'yurtici',
    status,
    delivered: status === 'delivered',
    estimated_delivery: yurticiTime(soapText(item, 'estimatedDeliveryDate'), soapText(item, 'estimatedDeliveryTime')),
    events,
    carrier_status: {
      code: soapText(detail, 'operationStatus') || null,
      text: soapText(detail, 'operationMessage') || null,
    },
  }
}

/**
 * A queried shipment. Yurtiçi returns addresses and weights only once a branch has processed the parcel; the
 * gateway keeps the ones it sent (it refreshes only status, tracking number and URL from here).
 */
export function toYurticiShipment(
  detail: unknown,
  context: { connectionId: string },
  log?: Logger,
): Shipment {
  const item = (detail as Record<string, unknown> | null)?.shippingDeliveryItemDetailVO
  const tracker = toYurticiTracker(detail, log)
  const { row } = yurticiTrackingStatus(detail, log)
  const reference = soapText(detail, 'cargoKey')
  const docId = soapText(detail, 'docId') || soapText(item, 'docId')
  const documentAt = yurticiTime(soapText(item, 'documentDate'), soapText(item, 'documentTime'))
  return {
    id: reference,
    provider: 'yurtici',
    connection_id: context.connectionId,
    carrier: 'yurtici',
    reference,
    tracking_number: docId || null,
    status: row.shipment ?? shipmentStatusFromTracking(tracker.status, 'created'),
    provider_status: tracker.carrier_status.code,
    shipper: {
      name: soapText(item, 'senderCustName'),
      line1: soapText(item, 'senderAddressTxt'),
      city: '',
      country_code: 'TR',
    },
    recipient: {
      name: soapText(item, 'receiverCustName'),
      phone: turkishPhoneToE164(soapText(item, 'receiverGsm') || soapText(item, 'receiverPhone')),
      line1: soapText(item, 'receiverAddressTxt'),
      city: '',
      country_code: 'TR',
    },
    parcels: item ? [{ weight_kg: Number(soapText(item, 'totalKg')) || 0.01, desi: Number(soapText(item, 'totalDesi')) || 0 }] : [],
    cod: null,
    label: null,
    tracking_url: soapText(item, 'trackingUrl') || null,
    tracking: tracker,
    created_at: documentAt ?? new Date().toISOString(),
  }
}
