/**
 * A fake of Yurtiçi Kargo's KOPS ShippingOrderDispatcherServices (SOAP 1.1), for the demo and the tests.
 *
 * Sources:
 * - The service's Axis WSDL2Java proxy (ShippingOrderDispatcherServicesProxy.java) and VOs (ShippingOrderVO,
 *   ShipmentDeliveryItemDetailVO): operations, parameter names (`userLanguage` for create/cancel but
 *   `wsLanguage` for query), the `YurticikargoWSException` fault.
 * - Clients' captured answers: `<ns1:createShipmentResponse><ShippingOrderResultVO>` with `outFlag`,
 *   `outResult`, `jobId`, `count`, rows `shippingOrderDetailVO{cargoKey, invoiceKey, errCode, errMessage}`;
 *   cancel answers `ShippingOrderResultVO/shippingCancelDetailVO{…, docId, operationCode, operationStatus,
 *   operationMessage}`; query answers `ShippingDeliveryVO/shippingDeliveryDetailVO/shippingDeliveryItemDetailVO`
 *   with `invDocCargoVOArray` events (`eventDate` YYYYMMDD, `eventTime` HHMMSS, Istanbul time).
 * - errCode and operationStatus tables (tcgunel/omniship-yurtici README and other clients); the VB.NET
 *   client's cargoEventId handling (YK+GOK = dağıtımda, TX = devir, OK = teslim).
 * - The WSDL types (test/fixtures/specs/yurtici/, from the JAX-WS classes generated from it): xs:long / xs:int
 *   elements (`taxOfficeId`, `cargoCount`, `ttDocumentId`, `dcSelectedCredit`, `dcCreditRule`) that are not
 *   numbers are a JAXB unmarshalling error, i.e. a client fault, not a row.
 * Marked guesses (unverified, see docs/providers/yurtici.md): the auth-failure errCode, 82517 for a missing
 * townName, 82513 for COD on a user without COD, the movement codes KB/AT/TM/VS, 82519 for an unknown query key.
 */
import { Hono, type Context } from 'hono'
import {
  buildSoapEnvelope,
  buildSoapFault,
  readSoapRequest,
  soapList,
  soapStrings,
  soapText,
  systemClock,
  utcToLocalEpoch,
  type SimulatorClock,
  type SimulatorModule,
  type SoapValue,
} from '../../src/core/provider-kit/index.js'
import { CARGO_KEY_MAX, YURTICI_NAMESPACE, YURTICI_PATH } from './mapping.js'

export interface YurticiSimUser {
  userName: string
  password: string
  /** Yurtiçi binds the payment type to the user: only a COD user may send tahsilat fields. */
  cod?: boolean
}

export interface YurticiSimulatorOptions {
  users?: YurticiSimUser[]
  clock?: SimulatorClock
  /** Time between two movements of a parcel (branch scan, transfer, …, delivery). */
  stepMs?: number
  /** How a wrong user/password is answered: an errCode in the result VO, or a SOAP fault. */
  authFailure?: 'errCode' | 'fault'
  latencyMs?: number
}

interface SimShipment {
  cargoKey: string
  invoiceKey: string
  user: string
  createdAt: number
  cancelledAt: number | null
  docId: string
  receiverCustName: string
  receiverAddress: string
  cityName: string
  townName: string
  receiverPhone1: string
  desi: string
  kg: string
  cod: boolean
}

export const yurticiDemoUser: YurticiSimUser = { userName: 'YKTEST', password: 'YK' }
export const yurticiDemoCodUser: YurticiSimUser = { userName: 'YKTESTTT', password: 'YK', cod: true }

const HOUR = 3600_000
const DAY_NAMES = { DLV: 'Kargo teslim edilmiştir.', IND: 'Kargo Teslimattadır.', ISR: 'Kargo işlem görmüş, faturası henüz düzenlenmemiştir.', NOP: 'Kargo İşlem Görmemiş.' }

/** The parcel's journey: step k after creation adds one movement. */
const journey = [
  { eventId: 'KB', reasonId: 'OK', eventName: 'Kargo Kabul Edildi', unit: (s: SimShipment) => 'ÜMRANİYE ŞUBE', city: () => 'İSTANBUL', town: () => 'ÜMRANİYE' },
  { eventId: 'AT', reasonId: 'OK', eventName: 'Transfer Merkezine Gönderildi', unit: () => 'ANADOLU TRANSFER MERKEZİ', city: () => 'İSTANBUL', town: () => 'TUZLA' },
  { eventId: 'TM', reasonId: 'OK', eventName: 'Varış Transfer Merkezinde', unit: (s: SimShipment) => `${upper(s.cityName)} TRANSFER MERKEZİ`, city: (s: SimShipment) => upper(s.cityName), town: (s: SimShipment) => upper(s.townName) },
  { eventId: 'VS', reasonId: 'OK', eventName: 'Varış Şubesinde', unit: (s: SimShipment) => `${upper(s.townName)} ŞUBE`, city: (s: SimShipment) => upper(s.cityName), town: (s: SimShipment) => upper(s.townName) },
  { eventId: 'YK', reasonId: 'GOK', eventName: 'Dağıtıma Çıkarıldı', unit: (s: SimShipment) => `${upper(s.townName)} ŞUBE`, city: (s: SimShipment) => upper(s.cityName), town: (s: SimShipment) => upper(s.townName) },
  { eventId: 'OK', reasonId: 'OK', eventName: 'Teslim Edildi', unit: (s: SimShipment) => `${upper(s.townName)} ŞUBE`, city: (s: SimShipment) => upper(s.cityName), town: (s: SimShipment) => upper(s.townName) },
] as const

const upper = (value: string) => value.toLocaleUpperCase('tr-TR')
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** An instant -> Yurtiçi's local (UTC+3) `YYYYMMDD` and `HHMMSS`. */
export function toYurticiLocal(millis: number): { date: string; time: string } {
  const d = new Date(utcToLocalEpoch(new Date(millis)))
  return {
    date: `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`,
  }
}

export function createYurticiSimulator(options: YurticiSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const stepMs = options.stepMs ?? 2 * HOUR
  const users = new Map((options.users ?? [yurticiDemoUser, yurticiDemoCodUser]).map((user) => [user.userName, user]))
  const shipments = new Map<string, SimShipment>()
  const control = {
    latencyMs: options.latencyMs ?? 0,
    authFailure: options.authFailure ?? 'errCode',
    /** Create answers to drop (connection reset) after the shipment has been stored. */
    dropCreateAnswers: 0,
    /** The next answers replaced by a broken one. */
    breakNext: [] as ('html' | 'html500' | 'truncated')[],
  }
  const stats = { creates: 0, createdShipments: 0, queries: 0, cancels: 0, droppedAnswers: 0 }
  let jobId = 2_198_800
  let docSeq = 100_365_926_600

  const step = (shipment: SimShipment): number => Math.min(journey.length, Math.floor((clock.now() - shipment.createdAt) / stepMs))
  const operationOf = (shipment: SimShipment): { code: number; status: keyof typeof DAY_NAMES | 'CNL' } => {
    if (shipment.cancelledAt !== null) return { code: 3, status: 'CNL' }
    const k = step(shipment)
    if (k === 0) return { code: 0, status: 'NOP' }
    if (k === 1) return { code: 2, status: 'ISR' }
    if (k >= journey.length) return { code: 5, status: 'DLV' }
    return { code: 1, status: 'IND' }
  }
  const operationMessage = (status: string) => (status === 'CNL' ? 'Kargo Çıkışı Engellendi.' : DAY_NAMES[status as keyof typeof DAY_NAMES])

  const soap = (operation: string, content: Record<string, SoapValue>) =>
    buildSoapEnvelope({ namespace: YURTICI_NAMESPACE, operation: `${operation}Response`, params: content })

  const xml = (c: Context, body: string, status: 200 | 500 = 200) => c.body(body, status, { 'content-type': 'text/xml;charset=utf-8' })
  const fault = (c: Context, code: string, message: string, exception = false) =>
    xml(
      c,
      buildSoapFault({
        code,
        message,
        detail: exception ? { 'ns1:YurticikargoWSException': { message } } : undefined,
      }),
      500,
    )

  function authenticate(params: Record<string, unknown>): YurticiSimUser | null {
    const user = users.get(soapText(params, 'wsUserName'))
    return user && user.password === soapText(params, 'wsPassword') ? user : null
  }

  function validate(vo: Record<string, unknown>, user: YurticiSimUser): [string, string] | null {
    const cargoKey = soapText(vo, 'cargoKey')
    if (!cargoKey) return ['80859', 'Kargo anahtarı (cargoKey) bulunamadı.']
    if (cargoKey.length > CARGO_KEY_MAX) return ['82500', `cargoKey en fazla ${CARGO_KEY_MAX} karakter olabilir.`]
    const invoiceKey = soapText(vo, 'invoiceKey')
    if (!invoiceKey) return ['60017', 'Fatura anahtarı (invoiceKey) bulunamadı.']
    if (invoiceKey.length > 20) return ['82501', 'invoiceKey en fazla 20 karakter olabilir.']
    const name = soapText(vo, 'receiverCustName')
    if (!name) return ['60018', 'Alıcı adı (receiverCustName) bulunamadı.']
    if (name.length > 100) return ['82503', 'Alıcı adı en fazla 100 karakter olabilir.']
    const address = soapText(vo, 'receiverAddress')
    if (!address) return ['60019', 'Alıcı adresi (receiverAddress) bulunamadı.']
    if (address.length < 10 || address.length > 500) return ['82502', 'Alıcı adresi 10 ile 500 karakter arasında olmalıdır.']
    if (!soapText(vo, 'townName')) return ['82517', 'İlçe (townName) bilgisi boş olamaz.']
    const phone = soapText(vo, 'receiverPhone1')
    if (!/^0?[2-9]\d{9}$/.test(phone)) return ['82516', 'Alıcı telefon numarası (receiverPhone1) geçersiz.']
    const email = soapText(vo, 'emailAddress')
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return ['82515', 'E-posta adresi (emailAddress) geçersiz.']
    const amount = soapText(vo, 'ttInvoiceAmount')
    const collection = soapText(vo, 'ttCollectionType')
    if ((amount || collection) && !user.cod) return ['82513', 'Kullanıcı tahsilatlı gönderi için tanımlı değil; ödeme tipi hatalı.']
    if (user.cod) {
      if (!amount || !/^\d+(\.\d{1,2})?$/.test(amount)) return ['82505', 'Tahsilat tutarı (ttInvoiceAmount) bulunamadı.']
      if (!soapText(vo, 'ttDocumentId')) return ['82507', 'Tahsilat belge numarası (ttDocumentId) bulunamadı.']
      if (collection !== '0' && collection !== '1') return ['82513', 'Tahsilat tipi (ttCollectionType) hatalı.']
      if (collection === '1' && !soapText(vo, 'dcSelectedCredit')) return ['82509', 'Taksit seçimi (dcSelectedCredit) bulunamadı.']
    }
    return null
  }

  /** Values of the VO's xs:long / xs:int elements that are not numbers (absent ones default to 0 in JAXB). */
  const unreadableLongs = (vo: Record<string, unknown>) =>
    ['taxOfficeId', 'cargoCount', 'ttDocumentId', 'dcSelectedCredit', 'dcCreditRule']
      .map((name) => soapText(vo, name))
      .filter((value) => value !== '' && !/^-?\d{1,18}$/.test(value))

  function authFailed(c: Context, operation: string, container: string) {
    if (control.authFailure === 'fault') return fault(c, 'soapenv:Server', 'Kullanıcı adı veya şifre hatalı.', true)
    return xml(c, soap(operation, { [container]: { outFlag: '1', outResult: 'Kullanıcı adı veya şifre hatalı.', errCode: '80265', count: '0' } }))
  }

  function createShipment(c: Context, params: Record<string, unknown>) {
    stats.creates++
    if (!soapText(params, 'userLanguage')) {
      return xml(c, soap('createShipment', { ShippingOrderResultVO: { outFlag: '2', outResult: 'Web servis kullanıcı dili boş olamaz', count: '0' } }))
    }
    const user = authenticate(params)
    if (!user) return authFailed(c, 'createShipment', 'ShippingOrderResultVO')
    const unreadable = soapList(params, 'ShippingOrderVO').flatMap(unreadableLongs)[0]
    // JAXB cannot unmarshal a non-numeric xs:long: the real service answers with a client fault, not a row.
    if (unreadable) return fault(c, 'soapenv:Client', `Unmarshalling Error: For input string: "${unreadable}"`)
    const rows = soapList(params, 'ShippingOrderVO').map((vo) => {
      const cargoKey = soapText(vo, 'cargoKey')
      const invoiceKey = soapText(vo, 'invoiceKey')
      const problem = validate(vo, user)
      if (problem) return { cargoKey, invoiceKey, errCode: problem[0], errMessage: problem[1] }
      if (shipments.has(cargoKey)) return { cargoKey, invoiceKey, errCode: '60020', errMessage: 'Kargo anahtarı sistemde mevcut.' }
      shipments.set(cargoKey, {
        cargoKey,
        invoiceKey,
        user: user.userName,
        createdAt: clock.now(),
        cancelledAt: null,
        docId: String(++docSeq),
        receiverCustName: soapText(vo, 'receiverCustName'),
        receiverAddress: soapText(vo, 'receiverAddress'),
        cityName: soapText(vo, 'cityName'),
        townName: soapText(vo, 'townName'),
        receiverPhone1: soapText(vo, 'receiverPhone1'),
        desi: soapText(vo, 'desi') || '1',
        kg: soapText(vo, 'kg') || '1',
        cod: !!soapText(vo, 'ttInvoiceAmount'),
      })
      stats.createdShipments++
      return { cargoKey, invoiceKey, errCode: '0', errMessage: '' }
    })
    const ok = rows.filter((row) => row.errCode === '0').length
    const body = soap('createShipment', {
      ShippingOrderResultVO: {
        outFlag: rows.length > 0 && ok === 0 ? '1' : '0',
        outResult: ok > 0 ? 'Başarılı' : 'Hatalı',
        jobId: String(++jobId),
        count: String(rows.length),
        shippingOrderDetailVO: rows,
      },
    })
    if (ok > 0 && control.dropCreateAnswers > 0) {
      control.dropCreateAnswers--
      stats.droppedAnswers++
      return dropConnection(c)
    }
    return xml(c, body)
  }

  function cancelShipment(c: Context, params: Record<string, unknown>) {
    stats.cancels++
    if (!soapText(params, 'userLanguage')) {
      return xml(c, soap('cancelShipment', { ShippingOrderResultVO: { outFlag: '2', outResult: 'Web servis kullanıcı dili boş olamaz', count: '0' } }))
    }
    const user = authenticate(params)
    if (!user) return authFailed(c, 'cancelShipment', 'ShippingOrderResultVO')
    const rows = soapStrings(params, 'cargoKeys').map((cargoKey) => {
      const shipment = shipments.get(cargoKey)
      if (!shipment || shipment.user !== user.userName) {
        return { cargoKey, errCode: '82519', errMessage: 'Kargo anahtarı bulunamadı veya kullanıcıya ait değil.' }
      }
      const base = { cargoKey, invoiceKey: shipment.invoiceKey, jobId: String(jobId) }
      if (shipment.cancelledAt !== null) {
        return { ...base, errCode: '82520', errMessage: 'Kargo daha önceden iptal edilmiştir.', operationCode: '4', operationStatus: 'ISC', operationMessage: 'Kargo daha önceden iptal edilmiştir.' }
      }
      const current = operationOf(shipment)
      if (current.status !== 'NOP') {
        // Processed at a branch: no cancel; the answer carries the current state (docId included).
        return { ...base, docId: shipment.docId, errCode: '0', operationCode: String(current.code), operationStatus: current.status, operationMessage: operationMessage(current.status) }
      }
      shipment.cancelledAt = clock.now()
      return { ...base, errCode: '0', operationCode: '3', operationStatus: 'CNL', operationMessage: operationMessage('CNL') }
    })
    return xml(
      c,
      soap('cancelShipment', {
        ShippingOrderResultVO: { outFlag: '0', outResult: 'Başarılı', senderCustId: '1010954', count: String(rows.length), shippingCancelDetailVO: rows },
      }),
    )
  }

  function queryDetail(shipment: SimShipment, addHistoricalData: boolean) {
    const current = operationOf(shipment)
    const k = shipment.cancelledAt !== null ? 0 : step(shipment)
    const base = {
      cargoKey: shipment.cargoKey,
      invoiceKey: shipment.invoiceKey,
      jobId: String(jobId),
      errCode: '0',
      operationCode: String(current.code),
      operationStatus: current.status,
      operationMessage: operationMessage(current.status),
    }
    if (k === 0) return base
    const events = journey.slice(0, k).map((movement, i) => {
      const local = toYurticiLocal(shipment.createdAt + (i + 1) * stepMs)
      return {
        unitId: String(1000 + i),
        unitName: movement.unit(shipment),
        eventId: movement.eventId,
        eventName: movement.eventName,
        reasonId: movement.reasonId,
        reasonName: movement.reasonId === 'GOK' ? 'Kuryeye Zimmetlendi' : 'Sorun Yok',
        eventDate: local.date,
        eventTime: local.time,
        cityName: movement.city(shipment),
        townName: movement.town(shipment),
      }
    })
    const last = events[events.length - 1]!
    const scanned = toYurticiLocal(shipment.createdAt + stepMs)
    const delivered = current.status === 'DLV' ? toYurticiLocal(shipment.createdAt + journey.length * stepMs) : null
    return {
      ...base,
      docId: shipment.docId,
      shippingDeliveryItemDetailVO: {
        cargoKey: shipment.cargoKey,
        docId: shipment.docId,
        invoiceNumber: shipment.invoiceKey,
        senderCustName: 'KOPRU DEMO TİC. A.Ş.',
        senderAddressTxt: 'Alemdağ Cad. No:1 Ümraniye İstanbul',
        receiverCustName: shipment.receiverCustName,
        receiverAddressTxt: shipment.receiverAddress,
        receiverPhone: shipment.receiverPhone1,
        documentDate: scanned.date,
        documentTime: scanned.time,
        trackingUrl: `https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code=${shipment.docId}`,
        deliveryDate: delivered?.date ?? '',
        deliveryTime: delivered?.time ?? '',
        totalDesi: shipment.desi,
        totalKg: shipment.kg,
        totalCargo: '1',
        departureUnitName: 'ÜMRANİYE ŞUBE',
        arrivalUnitName: `${upper(shipment.townName)} ŞUBE`,
        cargoEventId: last.eventId,
        cargoEventExplanation: last.eventName,
        cargoReasonId: last.reasonId,
        cargoReasonExplanation: last.reasonName,
        ...(addHistoricalData ? { invDocCargoVOArray: events } : {}),
      },
    }
  }

  function queryShipment(c: Context, params: Record<string, unknown>) {
    stats.queries++
    if (!soapText(params, 'wsLanguage')) {
      return xml(c, soap('queryShipment', { ShippingDeliveryVO: { outFlag: '2', outResult: 'Web servis kullanıcı dili boş olamaz', count: '0' } }))
    }
    const user = authenticate(params)
    if (!user) return authFailed(c, 'queryShipment', 'ShippingDeliveryVO')
    const keys = soapStrings(params, 'keys').filter(Boolean)
    const keyType = soapText(params, 'keyType')
    const failed = (errCode: string, errMessage: string) =>
      xml(c, soap('queryShipment', { ShippingDeliveryVO: { outFlag: '1', outResult: errMessage, count: '0', errCode, errMessage } }))
    if (keys.length === 0) return failed('82526', 'Sorgulanacak anahtar (keys) bulunamadı.')
    if (keyType !== '0' && keyType !== '1') return failed('82527', 'Anahtar tipi (keyType) bulunamadı.')
    const historical = soapText(params, 'addHistoricalData') === 'true'
    const rows = keys.map((key) => {
      const shipment = [...shipments.values()].find(
        (candidate) => candidate.user === user.userName && (keyType === '0' ? candidate.cargoKey === key : candidate.invoiceKey === key),
      )
      if (!shipment) return { [keyType === '0' ? 'cargoKey' : 'invoiceKey']: key, errCode: '82519', errMessage: 'Kargo anahtarı bulunamadı veya kullanıcıya ait değil.' }
      return queryDetail(shipment, historical)
    })
    return xml(
      c,
      soap('queryShipment', {
        ShippingDeliveryVO: { outFlag: '0', outResult: 'Başarılı', senderCustId: '1010954', count: String(rows.length), shippingDeliveryDetailVO: rows },
      }),
    )
  }

  function dropConnection(c: Context) {
    const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
    incoming?.socket?.destroy()
    return c.body(null, 500)
  }

  const app = new Hono()
  app.post(YURTICI_PATH, async (c) => {
    if (control.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, control.latencyMs))
    const broken = control.breakNext.shift()
    if (broken === 'html') return c.html('<html><head><title>Bakım</title></head><body><h1>Sistem bakımda</h1><br></body></html>', 200)
    if (broken === 'html500') return c.html('<!DOCTYPE html><html><body><h1>HTTP Status 500 - Internal Server Error</h1><hr></body></html>', 500)
    if (broken === 'truncated') return xml(c, '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:queryShipmentResponse')
    if (!c.req.header('content-type')?.includes('xml')) return fault(c, 'soapenv:Client', 'Unsupported Content-Type: expected text/xml')
    const parsed = readSoapRequest(await c.req.text(), ['ShippingOrderVO', 'cargoKeys', 'keys'])
    if (!parsed.ok) return fault(c, 'soapenv:Client', `Unmarshalling Error: ${parsed.reason}`)
    switch (parsed.operation) {
      case 'createShipment':
        return createShipment(c, parsed.params)
      case 'cancelShipment':
        return cancelShipment(c, parsed.params)
      case 'queryShipment':
        return queryShipment(c, parsed.params)
      default:
        return fault(c, 'soapenv:Client', `Cannot find dispatch method for {${YURTICI_NAMESPACE}}${parsed.operation}`)
    }
  })

  const module: SimulatorModule = {
    app,
    demo: { credentials: { ws_user_name: yurticiDemoUser.userName, ws_password: yurticiDemoUser.password, user_language: 'TR' } },
  }
  return { ...module, control, stats, shipments, stepMs }
}

export type YurticiSimulator = ReturnType<typeof createYurticiSimulator>
