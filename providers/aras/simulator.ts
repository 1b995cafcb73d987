/**
 * A fake of Aras Kargo's two SOAP services, for the demo and the tests.
 *
 * Sources:
 * - "Aras Kargo Sevkiyat Entegrasyonu" (official PDF, in tcgunel/omniship-aras docs/): the ASMX order service
 *   (namespace http://tempuri.org/, SOAPAction http://tempuri.org/<Method>), `SetOrder(orderInfo: Order[],
 *   userName, password)` -> `SetOrderResult/OrderResultInfo{ResultCode, ResultMessage, InvoiceKey}`, Order
 *   fields and limits (IntegrationCode 32, ReceiverPhone 10 digits, unique piece BarcodeNumber), ResultCodes
 *   (0, 935–942, 1000–1002, 60020/70029, 70020–70035), resending an IntegrationCode updates the order until the
 *   waybill exists, `CancelDispatch` codes (0/1 deleted, -1 not found, -2 credentials, 999 waybill issued).
 * - "Müşteri Bilgi Sorgulama Servisleri" (official PDF, rev. 31.07.2017): the WCF query service, separate
 *   credentials, `GetQueryJSON(loginInfo, queryInfo)` with XML-string parameters and a JSON string result;
 *   query types 1 (MÖK), 9 (movements), 14 (tracking number); DURUM / TİP / DEVİR codes.
 * - Clients reading the JSON: `{"QueryResult":{"Cargo":[{MUSTERI_OZEL_KODU, KARGO_TAKIP_NO, DURUM_KODU, DURUMU,
 *   ALICI}]}}`; a wrong query password is a SOAP fault "Kullanıcı Adı yada Şifreniz yanlış".
 * - ResultCodes as the Sevkiyat PDF's table names them (935 phone, 936 update error, 937 order number, 938 address,
 *   939 receiver name, 940 city, 941 town, 1002 Aras branch not defined, 70018 address > 250, …); QueryType 9
 *   (movements) is asked by IntegrationCode (query PDF 2.2.9).
 * Guesses (see docs/providers/aras.md): the movement keys (ISLEM_TARIHI, BIRIM, IL, ILCE, ISLEM), 936 for COD on
 * an account without COD and for an over-long IntegrationCode, the GetOrderWithIntegrationCode shape.
 */
import { Hono, type Context } from 'hono'
import {
  buildSoapEnvelope,
  buildSoapFault,
  parseXmlFragment,
  readSoapRequest,
  soapList,
  soapText,
  systemClock,
  utcToLocalEpoch,
  type SimulatorClock,
  type SimulatorModule,
  type SoapValue,
} from '../../src/core/provider-kit/index.js'
import { ARAS_NAMESPACE, ARAS_ORDER_PATH, ARAS_QUERY_ACTION, ARAS_QUERY_PATH, INTEGRATION_CODE_MAX } from './mapping.js'

export interface ArasSimAccount {
  /** Order service (SetOrder / CancelDispatch) login. */
  userName: string
  password: string
  /** Query service login, separate from the order login. */
  queryUserName: string
  queryPassword: string
  customerCode: string
  cod?: boolean
}

export interface ArasSimulatorOptions {
  accounts?: ArasSimAccount[]
  clock?: SimulatorClock
  stepMs?: number
  latencyMs?: number
}

interface SimOrder {
  account: string
  order: Record<string, unknown>
  integrationCode: string
  createdAt: number
  submissions: number
  barcodes: string[]
  trackingNumber: string
}

export const arasDemoAccount: ArasSimAccount = {
  userName: 'neodyum',
  password: 'nd2580',
  queryUserName: 'neodyum-sorgu',
  queryPassword: 'nd2580-sorgu',
  customerCode: '1907001',
}

const HOUR = 3600_000
const pad = (n: number) => String(n).padStart(2, '0')
const upper = (value: string) => value.toLocaleUpperCase('tr-TR')

/** An instant -> Aras's local (UTC+3) `dd.MM.yyyy HH:mm:ss`. */
export function toArasLocal(millis: number): string {
  const d = new Date(utcToLocalEpoch(new Date(millis)))
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** Step k after the order: the waybill at the origin branch, then one movement per step. */
const journey = [
  { code: '1', text: 'ÇIKIŞ ŞUBESİNDE', action: 'Kargo çıkış şubesine teslim alındı', unit: () => 'ÜMRANİYE', city: () => 'İSTANBUL', town: () => 'ÜMRANİYE' },
  { code: '2', text: 'YOLDA', action: 'Kargo transfer merkezinden çıkış yaptı', unit: () => 'İSTANBUL ANADOLU TRANSFER MERKEZİ', city: () => 'İSTANBUL', town: () => 'TUZLA' },
  { code: '3', text: 'TESLİMAT ŞUBESİNDE', action: 'Kargo teslimat şubesine ulaştı', unit: (o: SimOrder) => upper(String(o.order.ReceiverTownName)), city: (o: SimOrder) => upper(String(o.order.ReceiverCityName)), town: (o: SimOrder) => upper(String(o.order.ReceiverTownName)) },
  { code: '4', text: 'TESLİMATTA', action: 'Kargo dağıtıma çıkarıldı', unit: (o: SimOrder) => upper(String(o.order.ReceiverTownName)), city: (o: SimOrder) => upper(String(o.order.ReceiverCityName)), town: (o: SimOrder) => upper(String(o.order.ReceiverTownName)) },
  { code: '6', text: 'TESLİM EDİLDİ', action: 'Kargo alıcıya teslim edildi', unit: (o: SimOrder) => upper(String(o.order.ReceiverTownName)), city: (o: SimOrder) => upper(String(o.order.ReceiverCityName)), town: (o: SimOrder) => upper(String(o.order.ReceiverTownName)) },
] as const

export function createArasSimulator(options: ArasSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const stepMs = options.stepMs ?? 3 * HOUR
  const accounts = options.accounts ?? [arasDemoAccount, { ...arasDemoAccount, userName: 'neodyum-kk', queryUserName: 'neodyum-kk-sorgu', customerCode: '1907002', cod: true }]
  const orders = new Map<string, SimOrder>()
  const control = {
    latencyMs: options.latencyMs ?? 0,
    /** SetOrder answers to drop (connection reset) after the order has been stored. */
    dropCreateAnswers: 0,
    breakNext: [] as ('html' | 'html500' | 'truncated' | 'badJson')[],
  }
  const stats = { setOrders: 0, createdOrders: 0, updatedOrders: 0, cancels: 0, queries: 0, droppedAnswers: 0 }
  let waybillSeq = 3_513_773_160_000

  const step = (order: SimOrder) => Math.min(journey.length, Math.floor((clock.now() - order.createdAt) / stepMs))
  const key = (account: string, integrationCode: string) => `${account}\u0000${integrationCode}`

  const xml = (c: Context, body: string, status: 200 | 500 = 200) => c.body(body, status, { 'content-type': 'text/xml; charset=utf-8' })
  const respond = (c: Context, operation: string, content: Record<string, SoapValue>) =>
    xml(c, buildSoapEnvelope({ namespace: ARAS_NAMESPACE, operation: `${operation}Response`, params: content, elementForm: 'qualified' }))
  const fault = (c: Context, code: string, message: string) => xml(c, buildSoapFault({ code, message }), 500)

  const orderLogin = (userName: string, password: string) => accounts.find((a) => a.userName === userName && a.password === password)

  function validate(order: Record<string, unknown>, account: ArasSimAccount, existing: SimOrder | undefined): [string, string] | null {
    const code = soapText(order, 'IntegrationCode')
    if (!code) return ['937', 'Sipariş Numarasını Girmeniz Gerekmektedir']
    // Not in the PDF's table: an over-long IntegrationCode or waybill number gets the generic 936 here.
    if (code.length > INTEGRATION_CODE_MAX) return ['936', 'Güncelleme hatası']
    if (!soapText(order, 'TradingWaybillNumber') || soapText(order, 'TradingWaybillNumber').length > 16) return ['936', 'Güncelleme hatası']
    if (!soapText(order, 'ReceiverName')) return ['939', 'Alıcı Adını Girmeniz Gerekmektedir']
    const address = soapText(order, 'ReceiverAddress')
    if (!address) return ['938', 'Alıcı Adresini Girmeniz Gerekmektedir']
    if (address.length > 250) return ['70018', 'ReceiverAddress alanı en fazla 250 karakter olabilir']
    if (!/^\d{10}$/.test(soapText(order, 'ReceiverPhone1'))) return ['935', 'ReceiverPhone1 (Telefon 1) alanı sadece sayılardan oluşmalıdır.']
    if (!soapText(order, 'ReceiverCityName')) return ['940', 'Şehir Adını Girmeniz Gerekmektedir']
    if (!soapText(order, 'ReceiverTownName')) return ['941', 'İlçe Adını Girmeniz Gerekmektedir']
    const pieces = soapList(order.PieceDetails, 'PieceDetail')
    if (!soapText(order, 'PieceCount')) return ['70021', 'Toplam parça sayısını göndermeniz gerekmektedir']
    if (Number(soapText(order, 'PieceCount')) !== pieces.length || pieces.length === 0) return ['70020', 'Toplam parça sayısı ile gönderilen parça sayısı eşit değil']
    const barcodes = pieces.map((piece) => soapText(piece, 'BarcodeNumber'))
    if (barcodes.some((barcode) => !barcode)) return ['70022', 'Sipariş Numaralı gönderinin parça bilgilerinde barcode bilgisi eksik']
    if (new Set(barcodes).size !== barcodes.length) return ['70030', 'Aynı barkod numarası birden fazla parçada kullanılamaz.']
    for (const other of orders.values()) {
      if (other !== existing && other.barcodes.some((barcode) => barcodes.includes(barcode))) return ['70027', 'Barkod numarası daha önce başka bir sipariş ile gönderilmiş.']
    }
    if (soapText(order, 'IsCod') === '1') {
      // Aras documents no code for COD on an account without a COD contract: the simulator answers the generic 936.
      if (!account.cod) return ['936', 'Güncelleme hatası: hesabınız tahsilatlı gönderi için tanımlı değildir.']
      if (soapText(order, 'PayorTypeCode') === '2') return ['942', 'Alıcı ödemeli tahsilatlı gönderi yapılamaz.']
    }
    return null
  }

  function setOrder(c: Context, params: Record<string, unknown>) {
    stats.setOrders++
    const login = orderLogin(soapText(params, 'userName'), soapText(params, 'password'))
    const infos = soapList(params.orderInfo, 'Order').map((order) => {
      const integrationCode = soapText(order, 'IntegrationCode')
      const account = login && soapText(order, 'UserName') === login.userName && soapText(order, 'Password') === login.password ? login : undefined
      if (!account) return { ResultCode: '1000', ResultMessage: 'Kullanıcı adı veya şifre hatalı.' }
      const existing = orders.get(key(account.userName, integrationCode))
      if (existing && step(existing) >= 1) return { ResultCode: '60020', ResultMessage: 'Siparişin irsaliyesi düzenlenmiş, güncelleme yapılamaz.' }
      if (existing && existing.submissions >= 20) return { ResultCode: '70035', ResultMessage: 'Bir sipariş en fazla 20 kez gönderilebilir.' }
      const problem = validate(order, account, existing)
      if (problem) return { ResultCode: problem[0], ResultMessage: problem[1] }
      const barcodes = soapList(order.PieceDetails, 'PieceDetail').map((piece) => soapText(piece, 'BarcodeNumber'))
      if (existing) {
        Object.assign(existing, { order, barcodes, submissions: existing.submissions + 1 })
        stats.updatedOrders++
      } else {
        orders.set(key(account.userName, integrationCode), {
          account: account.userName,
          order,
          integrationCode,
          createdAt: clock.now(),
          submissions: 1,
          barcodes,
          trackingNumber: String(++waybillSeq),
        })
        stats.createdOrders++
      }
      return { ResultCode: '0', ResultMessage: 'Başarılı', InvoiceKey: integrationCode }
    })
    if (infos.some((info) => info.ResultCode === '0') && control.dropCreateAnswers > 0) {
      control.dropCreateAnswers--
      stats.droppedAnswers++
      ;(c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket?.destroy()
      return c.body(null, 500)
    }
    return respond(c, 'SetOrder', { SetOrderResult: { OrderResultInfo: infos } })
  }

  function cancelDispatch(c: Context, params: Record<string, unknown>) {
    stats.cancels++
    const login = orderLogin(soapText(params, 'userName'), soapText(params, 'password'))
    const result = (() => {
      if (!login) return { ResultCode: '-2', ResultMessage: 'Kullanıcı adı veya şifre hatalı.' }
      const found = orders.get(key(login.userName, soapText(params, 'integrationCode')))
      if (!found) return { ResultCode: '-1', ResultMessage: 'Sipariş bulunamadı.' }
      if (step(found) >= 1) return { ResultCode: '999', ResultMessage: 'Siparişin irsaliyesi düzenlendiği için iptal edilemez.' }
      orders.delete(key(login.userName, found.integrationCode))
      return { ResultCode: '1', ResultMessage: 'Sipariş Başarılı bir şekilde silindi.' }
    })()
    return respond(c, 'CancelDispatch', { CancelDispatchResult: result })
  }

  function getOrderWithIntegrationCode(c: Context, params: Record<string, unknown>) {
    const login = orderLogin(soapText(params, 'userName'), soapText(params, 'password'))
    if (!login) return fault(c, 'soap:Server', 'Kullanıcı adı veya şifre hatalı.')
    const found = orders.get(key(login.userName, soapText(params, 'integrationCode')))
    const { UserName: _u, Password: _p, ...order } = (found?.order ?? {}) as Record<string, SoapValue>
    return respond(c, 'GetOrderWithIntegrationCode', { GetOrderWithIntegrationCodeResult: found ? { Order: [order] } : {} })
  }

  function record(order: SimOrder) {
    const k = step(order)
    const movement = journey[k - 1]!
    return {
      MUSTERI_OZEL_KODU: order.integrationCode,
      KARGO_TAKIP_NO: order.trackingNumber,
      ALICI: upper(String(order.order.ReceiverName)),
      IL: upper(String(order.order.ReceiverCityName)),
      ILCE: upper(String(order.order.ReceiverTownName)),
      DURUM_KODU: movement.code,
      DURUMU: movement.text,
      TIP_KODU: '1',
      CIKIS_SUBE: 'ÜMRANİYE',
      VARIS_SUBE: upper(String(order.order.ReceiverTownName)),
      GONDERI_TARIHI: toArasLocal(order.createdAt + stepMs),
      ...(movement.code === '6' ? { TESLIM_TARIHI: toArasLocal(order.createdAt + k * stepMs), TESLIM_ALAN: upper(String(order.order.ReceiverName)) } : {}),
    }
  }

  function movements(order: SimOrder) {
    return journey.slice(0, step(order)).map((movement, i) => ({
      KARGO_TAKIP_NO: order.trackingNumber,
      ISLEM_TARIHI: toArasLocal(order.createdAt + (i + 1) * stepMs),
      BIRIM: movement.unit(order),
      IL: movement.city(order),
      ILCE: movement.town(order),
      ISLEM: movement.action,
      DURUM_KODU: movement.code,
      DURUMU: movement.text,
    }))
  }

  function getQueryJSON(c: Context, params: Record<string, unknown>) {
    stats.queries++
    const login = parseXmlFragment(soapText(params, 'loginInfo'))?.LoginInfo
    const query = parseXmlFragment(soapText(params, 'queryInfo'))?.QueryInfo
    if (!login || !query) return fault(c, 's:Client', 'loginInfo / queryInfo XML okunamadı.')
    const account = accounts.find(
      (a) => a.queryUserName === soapText(login, 'UserName') && a.queryPassword === soapText(login, 'Password') && a.customerCode === soapText(login, 'CustomerCode'),
    )
    if (!account) return fault(c, 's:Client', 'Kullanıcı Adı yada Şifreniz yanlış')
    const mine = [...orders.values()].filter((order) => order.account === account.userName && step(order) >= 1)
    const type = soapText(query, 'QueryType')
    let result: Record<string, unknown>
    if (type === '1') {
      const codes = soapText(query, 'IntegrationCode').split(',')
      result = { Cargo: mine.filter((order) => codes.includes(order.integrationCode)).map(record) }
    } else if (type === '14') {
      result = { Cargo: mine.filter((order) => order.trackingNumber === soapText(query, 'TrackingNumber')).map(record) }
    } else if (type === '9') {
      // The query PDF documents movements by IntegrationCode only; a TrackingNumber finds nothing.
      const found = mine.find((order) => order.integrationCode === soapText(query, 'IntegrationCode'))
      result = { CargoTransaction: found ? movements(found) : [] }
    } else {
      result = { Error: `Geçersiz sorgu tipi: ${type}` }
    }
    const broken = control.breakNext[0] === 'badJson' ? control.breakNext.shift() : undefined
    const json = broken ? '{"QueryResult":{"Cargo":[{"KARGO_TAKIP_NO":' : JSON.stringify({ QueryResult: result })
    return respond(c, 'GetQueryJSON', { GetQueryJSONResult: json })
  }

  const app = new Hono()
  const handle = (service: 'order' | 'query') => async (c: Context) => {
    if (control.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, control.latencyMs))
    const broken = control.breakNext[0] !== 'badJson' ? control.breakNext.shift() : undefined
    if (broken === 'html') return c.html('<html><body><h2>Server Error in \'/\' Application.</h2><br></body></html>', 200)
    if (broken === 'html500') return c.html('<!DOCTYPE html><html><head><title>Runtime Error</title></head><body><h1>Runtime Error</h1></body></html>', 500)
    if (broken === 'truncated') return xml(c, '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SetOrderResponse')
    const action = (c.req.header('soapaction') ?? '').replace(/^"|"$/g, '')
    const parsed = readSoapRequest(await c.req.text(), ['Order', 'PieceDetail'])
    if (!parsed.ok) return fault(c, 'soap:Client', `Server was unable to read request. ---> ${parsed.reason}`)
    if (service === 'query') {
      if (action !== ARAS_QUERY_ACTION || parsed.operation !== 'GetQueryJSON') {
        return fault(c, 's:Client', `The message with Action '${action}' cannot be processed at the receiver.`)
      }
      return getQueryJSON(c, parsed.params)
    }
    const method = action.startsWith(ARAS_NAMESPACE) ? action.slice(ARAS_NAMESPACE.length) : ''
    if (method !== parsed.operation) return fault(c, 'soap:Client', `Server did not recognize the value of HTTP Header SOAPAction: ${action}.`)
    switch (method) {
      case 'SetOrder':
        return setOrder(c, parsed.params)
      case 'CancelDispatch':
        return cancelDispatch(c, parsed.params)
      case 'GetOrderWithIntegrationCode':
        return getOrderWithIntegrationCode(c, parsed.params)
      default:
        return fault(c, 'soap:Client', `Server did not recognize the value of HTTP Header SOAPAction: ${action}.`)
    }
  }
  // Test host paths (/arascargoservice/arascargoservice.asmx, /ArasCargoIntegrationService.svc) and production
  // ones (/arascargoservice.asmx, /ArasCargoCustomerIntegrationService/ArasCargoIntegrationService.svc).
  app.post(ARAS_ORDER_PATH, handle('order'))
  app.post(`/arascargoservice${ARAS_ORDER_PATH}`, handle('order'))
  app.post(ARAS_QUERY_PATH, handle('query'))
  app.post(`/ArasCargoCustomerIntegrationService${ARAS_QUERY_PATH}`, handle('query'))

  const module: SimulatorModule = {
    app,
    demo: {
      credentials: {
        user_name: arasDemoAccount.userName,
        password: arasDemoAccount.password,
        query_user_name: arasDemoAccount.queryUserName,
        query_password: arasDemoAccount.queryPassword,
        customer_code: arasDemoAccount.customerCode,
      },
    },
  }
  return { ...module, control, stats, orders, stepMs }
}

export type ArasSimulator = ReturnType<typeof createArasSimulator>
