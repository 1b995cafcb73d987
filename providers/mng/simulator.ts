/**
 * A faithful fake of MNG Kargo's REST "API Zone" (IBM API Connect), for the demo and the tests.
 *
 * Sources (see /work/shared/reference/shipping-carriers.md, "MNG Kargo / DHL eCommerce TR"):
 * - Base URL `https://testapi.mngkargo.com.tr/mngapi/api` (the simulator serves the paths below it); every call carries `X-IBM-Client-Id` / `X-IBM-Client-Secret`; gateway errors use IBM's
 *   `{httpCode, httpMessage, moreInformation}` (401 for a bad client id or a missing subscription) [C].
 * - `POST /token {customerNumber, password, identityType: 1}` -> `{jwt, refreshToken, jwtExpireDate:
 *   "dd.MM.yyyy HH:mm:ss", refreshTokenExpireDate}`, later calls `Authorization: Bearer <jwt>` [C].
 * - `POST /standardcmdapi/createOrder` -> `{orderInvoiceId, orderInvoiceDetailId, shipperBranchCode, referenceId}`,
 *   then `POST /barcodecmdapi/createbarcode` -> `{referenceId, invoiceId, shipmentId, barcodes[{pieceNumber, value
 *   (ZPL), barcode}]}`; single objects come back wrapped in an array (tcgunel/omniship-mng REST tests; Kita Yazılım
 *   Odoo client) [C]. `referenceId` is unique per customer.
 * - `PUT /standardcmdapi/cancelorder/{referenceId}` before the barcode, `PUT /barcodecmdapi/cancelshipment` after;
 *   `GET /standardqueryapi/getorder|getshipment|trackshipment/{referenceId}` (+ `…ByShipmentId`),
 *   `POST /standardqueryapi/calculate`, `GET /cbsinfoapi/getcities|getdistricts/{cityCode}` [C]/[U].
 * - Query fields `shipmentStatusCode, shipmentId, trackingUrl, isDelivered, deliveryTo, estimatedDeliveryDate,
 *   totalKg/Desi, finalTotal` [C] (an MNG getshipment model in a public Java client); status codes 1..8 [U].
 * - Application errors `{error:{Code, Message, Description}}`; `20001` "VARIŞ ŞUBESİ BULUNAMADI" as HTTP 500,
 *   retried by clients [C]; an unknown reference is a 404. A refused cancel is HTTP 500 with `Message` "Error"
 *   and the reason in `Description`; cancelshipment leaves the order open, cancelorder closes it (omniship-mng,
 *   quoting MNG's integration team) [C].
 * - `getcities` names carry the plate number: `"İSTANBUL  34"`, `"ADANA  11"` (public clients on MNG's sandbox) [C].
 * Not public, so the simulator's own choices (docs/providers/mng.md): the validation codes 10001-10008, 30001
 * (duplicate referenceId), 40001-40004 (cancel/barcode refusals), 40400 (not found), referenceId ≤ 20 characters,
 * the event texts' exact wording and the timing of the status progression.
 */
import { Hono, type Context } from 'hono'
import { systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { mngCbs } from './fixtures.js'
import type { MngCreateOrderRequest, MngOrderInfo, MngShipmentInfo, MngTrackEvent } from './types.js'

export interface MngCustomer {
  customerNumber: string
  password: string
  /** Tahsilatlı (COD) contract: COD orders of other customers are refused with 10005. */
  codEnabled: boolean
  branch?: { name: string; city: string; town: string }
}

export type MngFault =
  /** Answers `{error:{Code:"20001"}}` with HTTP 500 without doing anything (clients retry it). */
  | { path: string; kind: 'transient' }
  /** An IBM DataPower-style HTML error page (HTTP 500), nothing done. */
  | { path: string; kind: 'html' }
  /** Does the work, then answers HTTP 200 with a truncated JSON body. */
  | { path: string; kind: 'malformed' }
  /** Does the work, then holds the answer back for `ms` (the client times out: a lost answer). */
  | { path: string; kind: 'drop'; ms: number }
  /** Waits `ms` before doing the work (a slow carrier). */
  | { path: string; kind: 'slow'; ms: number }

export interface MngSimulatorOptions {
  apps?: { clientId: string; clientSecret: string }[]
  customers?: MngCustomer[]
  clock?: SimulatorClock
  /** Lifetime of a JWT (MNG's own is hours; tests shorten it). */
  jwtTtlMs?: number
  /** Delay of every answer. */
  latencyMs?: number
  /** Time after the barcode step at which the shipment reaches status 2, 3, 4 and 5 (delivered). */
  schedule?: { transfer: number; atDeliveryBranch: number; outForDelivery: number; delivered: number }
}

export const mngDemo = {
  clientId: 'demo-ibm-client-7f3a',
  clientSecret: 'demo-ibm-secret-Q2w9',
  customerNumber: '406300100',
  password: 'demoMngPass1',
}

const HOUR = 3600_000
const MAX_REFERENCE = 20
const eventTexts: Record<number, string> = {
  1: 'Gönderi hazırlandı',
  2: 'Gönderi transfer aşamasında',
  3: 'Gönderi teslimat birimine ulaştı',
  4: 'Gönderi alıcı adresine yönlendirildi',
  5: 'Gönderi teslim edildi',
}

interface StoredOrder {
  customerNumber: string
  request: MngCreateOrderRequest
  createdAt: number
  orderInvoiceId: string
  cancelledAt?: number
  barcode?: { shipmentId: string; invoiceId: string; at: number; cancelledAt?: number; pieces: { pieceNumber: number; barcode: string; value: string }[] }
}

/** `dd.MM.yyyy HH:mm:ss` in Turkish local time (UTC+3), as MNG writes dates. */
export function mngLocalTime(ms: number): string {
  const d = new Date(ms + 3 * HOUR)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function createMngSimulator(options: MngSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const apps = new Map((options.apps ?? [{ clientId: mngDemo.clientId, clientSecret: mngDemo.clientSecret }]).map((a) => [a.clientId, a.clientSecret]))
  const customers = new Map(
    (options.customers ?? [{ customerNumber: mngDemo.customerNumber, password: mngDemo.password, codEnabled: true }]).map((c) => [c.customerNumber, c]),
  )
  const jwtTtlMs = options.jwtTtlMs ?? 4 * HOUR
  const schedule = options.schedule ?? { transfer: 2 * HOUR, atDeliveryBranch: 12 * HOUR, outForDelivery: 20 * HOUR, delivered: 24 * HOUR }
  const tokens = new Map<string, { customerNumber: string; expiresAt: number }>()
  const orders = new Map<string, StoredOrder>()
  const byShipmentId = new Map<string, string>()
  const faults: MngFault[] = []
  const stats = { tokens: 0, createOrderCalls: 0, ordersCreated: 0, barcodesCreated: 0, calls: [] as string[] }
  let sequence = 0

  const appError = (c: Context, status: 400 | 401 | 404 | 500, code: string, message: string, description = message) =>
    c.json([{ error: { Code: code, Message: message, Description: description } }], status)
  const gatewayError = (c: Context, status: 401 | 403, more: string) =>
    c.json({ httpCode: String(status), httpMessage: status === 401 ? 'Unauthorized' : 'Forbidden', moreInformation: more }, status)

  const key = (customerNumber: string, referenceId: string) => `${customerNumber}/${referenceId}`

  function statusOf(order: StoredOrder) {
    const b = order.barcode
    if (!b) return { code: 0, reachedAt: [] as { code: number; at: number }[] }
    const until = b.cancelledAt ?? clock.now()
    const steps = [
      { code: 1, at: b.at },
      { code: 2, at: b.at + schedule.transfer },
      { code: 3, at: b.at + schedule.atDeliveryBranch },
      { code: 4, at: b.at + schedule.outForDelivery },
      { code: 5, at: b.at + schedule.delivered },
    ].filter((s) => s.at <= until)
    return { code: steps[steps.length - 1]!.code, reachedAt: steps }
  }

  function orderInfo(order: StoredOrder): MngOrderInfo {
    const { order: o, recipient, orderPieceList } = order.request
    const city = mngCbs.find((c) => c.code === String(recipient.cityCode))
    return {
      referenceId: o.referenceId,
      barcode: o.barcode,
      isCOD: o.isCOD,
      codAmount: o.codAmount,
      content: o.content,
      description: o.description,
      orderStatus: order.cancelledAt ? 'IPTAL' : order.barcode ? 'BARKODLANDI' : 'ALINDI',
      createDate: mngLocalTime(order.createdAt),
      recipient: {
        ...recipient,
        cityName: city?.name,
        districtName: city?.districts.find((d) => d.code === String(recipient.districtCode))?.name,
      },
      orderPieceList,
    }
  }

  function shipmentInfo(order: StoredOrder): MngShipmentInfo | null {
    const b = order.barcode
    if (!b) return null
    const { code } = statusOf(order)
    const pieces = order.request.orderPieceList
    const totalKg = pieces.reduce((s, p) => s + p.kg, 0)
    const totalDesi = pieces.reduce((s, p) => s + p.desi, 0)
    const price = priceOf(pieces, order.request.recipient.cityCode)
    return {
      referenceId: order.request.order.referenceId,
      shipmentId: b.shipmentId,
      shipmentSerialNumber: b.shipmentId.slice(0, 4),
      shipmentNumber: b.shipmentId.slice(4),
      shipmentDateTime: mngLocalTime(b.at),
      pieceCount: pieces.length,
      totalKg,
      totalDesi,
      totalKgDesi: Math.max(totalKg, totalDesi),
      ...price,
      shipmentStatusCode: code,
      shipmentStatus: eventTexts[code] ?? '',
      isCancelled: b.cancelledAt ? 1 : 0,
      trackingUrl: `https://www.mngkargo.com.tr/gonderi-takip/?takipNo=${b.shipmentId}`,
      receivingBranch: `${districtName(order)} Şube`,
      shipperBranch: 'Kadıköy Şube',
      isCOD: order.request.order.isCOD,
      codAmount: order.request.order.codAmount,
      estimatedDeliveryDate: mngLocalTime(b.at + schedule.delivered),
      isDelivered: code === 5 ? 1 : 0,
      deliveryTo: code === 5 ? order.request.recipient.fullName : null,
      deliveryDate: code === 5 ? mngLocalTime(b.at + schedule.delivered) : null,
    }
  }

  const districtName = (order: StoredOrder) =>
    mngCbs.find((c) => c.code === String(order.request.recipient.cityCode))?.districts.find((d) => d.code === String(order.request.recipient.districtCode))?.name ?? ''

  function events(order: StoredOrder): MngTrackEvent[] {
    const city = mngCbs.find((c) => c.code === String(order.request.recipient.cityCode))?.name ?? ''
    return statusOf(order).reachedAt.map((step, i) => ({
      eventSequence: i + 1,
      eventStatusCode: step.code,
      eventStatus: eventTexts[step.code]!,
      eventDateTime: mngLocalTime(step.at),
      location: step.code <= 1 ? 'Kadıköy Şube' : step.code === 2 ? 'İstanbul Anadolu Aktarma Merkezi' : `${districtName(order)} Şube`,
      locationCity: step.code <= 2 ? 'İSTANBUL' : city,
      locationTown: step.code <= 1 ? 'KADIKÖY' : step.code === 2 ? 'TUZLA' : districtName(order),
    }))
  }

  function priceOf(pieces: { desi: number; kg: number }[], cityCode: number) {
    const band = (units: number) => (units <= 1 ? 60 : units <= 5 ? 80 : units <= 10 ? 110 : units <= 20 ? 160 : 160 + (units - 20) * 6)
    const far = String(cityCode) !== '34'
    const total = pieces.reduce((s, p) => s + band(Math.ceil(Math.max(p.desi, p.kg))) * (far ? 1.25 : 1), 0)
    const kdv = Math.round(total * 20) / 100
    return { total: Math.round(total * 100) / 100, kdv, finalTotal: Math.round((total + kdv) * 100) / 100 }
  }

  // Paths are relative to the base URL, which on MNG's hosts ends in /mngapi/api.
  const app = new Hono()

  app.use('*', async (c, next) => {
    stats.calls.push(`${c.req.method} ${c.req.path}`)
    if (stats.calls.length > 2000) stats.calls.splice(0, 1000) // the demo runs for days
    if (options.latencyMs) await sleep(options.latencyMs)
    const clientId = c.req.header('x-ibm-client-id')
    if (!clientId || apps.get(clientId) !== c.req.header('x-ibm-client-secret')) {
      return gatewayError(c, 401, 'Invalid client id or secret.')
    }
    const at = faults.findIndex((f) => c.req.path.includes(f.path))
    const fault = at >= 0 ? faults.splice(at, 1)[0] : undefined
    if (fault?.kind === 'transient') return appError(c, 500, '20001', 'VARIŞ ŞUBESİ BULUNAMADI')
    if (fault?.kind === 'html') {
      return c.html('<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>IBM DataPower Gateway</p></body></html>', 500)
    }
    if (fault?.kind === 'slow') await sleep(fault.ms)
    await next()
    if (fault?.kind === 'drop') await sleep(fault.ms)
    if (fault?.kind === 'malformed') c.res = new Response('[{"referenceId":"', { status: 200, headers: { 'content-type': 'application/json' } })
  })

  app.post('/token', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { customerNumber?: string; password?: string; identityType?: number } | null
    const customer = body?.customerNumber ? customers.get(body.customerNumber) : undefined
    if (!customer || customer.password !== body?.password || body?.identityType !== 1) {
      return appError(c, 401, '401', 'Müşteri numarası veya şifre hatalı', 'Invalid customer number or password')
    }
    stats.tokens++
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ sub: customer.customerNumber, n: ++sequence })).replace(/=+$/, '')}.sig`
    const expiresAt = clock.now() + jwtTtlMs
    for (const [known, token] of tokens) if (token.expiresAt <= clock.now()) tokens.delete(known)
    tokens.set(jwt, { customerNumber: customer.customerNumber, expiresAt })
    return c.json({
      jwt,
      refreshToken: `rt_${sequence}`,
      jwtExpireDate: mngLocalTime(expiresAt),
      refreshTokenExpireDate: mngLocalTime(expiresAt + 24 * HOUR),
    })
  })

  // Everything else needs a live JWT.
  app.use('*', async (c, next) => {
    if (c.req.path.endsWith('/token')) return next()
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1]
    const token = bearer ? tokens.get(bearer) : undefined
    if (!token) return gatewayError(c, 401, 'Invalid or missing JWT.')
    if (token.expiresAt <= clock.now()) return gatewayError(c, 401, 'JWT expired.')
    c.set('customer' as never, customers.get(token.customerNumber) as never)
    return next()
  })
  const customerOf = (c: Context) => c.get('customer' as never) as MngCustomer

  app.post('/standardcmdapi/createOrder', async (c) => {
    stats.createOrderCalls++
    const customer = customerOf(c)
    const body = (await c.req.json().catch(() => null)) as MngCreateOrderRequest | null
    if (!body?.order || !body.recipient || !Array.isArray(body.orderPieceList)) {
      return appError(c, 400, '10000', 'İstek gövdesi geçersiz', 'order, recipient and orderPieceList are required')
    }
    const { order, recipient, orderPieceList } = body
    const ref = String(order.referenceId ?? '')
    if (ref.length === 0 || ref.length > MAX_REFERENCE) {
      return appError(c, 400, '10001', `referenceId alanı 1-${MAX_REFERENCE} karakter olmalıdır`, `referenceId must be 1 to ${MAX_REFERENCE} characters`)
    }
    if (orders.has(key(customer.customerNumber, ref))) {
      return appError(c, 400, '30001', 'Bu referans numarası ile daha önce sipariş oluşturulmuştur', `referenceId ${ref} already exists`)
    }
    if (!recipient.fullName?.trim()) return appError(c, 400, '10006', 'Alıcı adı zorunludur', 'recipient.fullName is required')
    if (!recipient.address?.trim()) return appError(c, 400, '10007', 'Alıcı adresi zorunludur', 'recipient.address is required')
    const city = mngCbs.find((x) => x.code === String(recipient.cityCode))
    if (!city) return appError(c, 400, '10004', 'Geçersiz il kodu', `cityCode ${recipient.cityCode} is unknown`)
    if (!recipient.districtCode) return appError(c, 400, '10003', 'İlçe kodu zorunludur', 'recipient.districtCode is required')
    if (!city.districts.some((d) => d.code === String(recipient.districtCode))) {
      return appError(c, 400, '10003', 'İlçe kodu ile il kodu uyuşmuyor', `districtCode ${recipient.districtCode} is not in city ${city.code}`)
    }
    if (!/^[2-5]\d{9}$/.test(recipient.mobilePhoneNumber ?? '')) {
      return appError(c, 400, '10002', 'Cep telefonu 10 haneli olmalıdır (5XXXXXXXXX)', 'mobilePhoneNumber must be 10 digits without a leading 0')
    }
    if (order.isCOD === 1 && !customer.codEnabled) {
      return appError(c, 400, '10005', 'Müşterinin tahsilatlı gönderi sözleşmesi bulunmamaktadır', 'this customer has no cash-on-delivery contract')
    }
    if (order.isCOD === 1 && !(order.codAmount > 0)) return appError(c, 400, '10005', 'Tahsilat tutarı sıfırdan büyük olmalıdır', 'codAmount must be positive')
    if (orderPieceList.length === 0 || orderPieceList.some((p) => !(p.kg > 0) || !(p.desi >= 0))) {
      return appError(c, 400, '10008', 'Parça bilgileri geçersiz', 'every piece needs kg > 0 and desi >= 0')
    }
    const orderInvoiceId = String(700_000_000 + ++sequence)
    orders.set(key(customer.customerNumber, ref), { customerNumber: customer.customerNumber, request: body, createdAt: clock.now(), orderInvoiceId })
    stats.ordersCreated++
    return c.json([{ orderInvoiceId, orderInvoiceDetailId: `${orderInvoiceId}01`, shipperBranchCode: '3412', referenceId: ref }])
  })

  app.post('/barcodecmdapi/createbarcode', async (c) => {
    const customer = customerOf(c)
    const body = (await c.req.json().catch(() => null)) as { referenceId?: string } | null
    const order = orders.get(key(customer.customerNumber, String(body?.referenceId ?? '')))
    if (!order) return appError(c, 404, '40400', 'Kayıt bulunamadı', 'no order with this referenceId')
    if (order.cancelledAt) return appError(c, 400, '40002', 'Sipariş iptal edilmiş', 'the order is cancelled')
    if (order.barcode) return appError(c, 400, '40003', 'Bu sipariş için barkod daha önce oluşturulmuştur', 'barcode already created')
    const shipmentId = String(406_300_000_000 + ++sequence)
    const recipient = order.request.recipient
    const pieces = order.request.orderPieceList.map((piece, i) => {
      const barcode = `${shipmentId}${String(i + 1).padStart(3, '0')}`
      // ZPL II as MNG's label printer expects it; resident fonts lack ğ/ş/ı, so the name is printed as sent.
      const value = [
        '^XA^CI28',
        `^FO40,30^A0N,36,36^FDMNG KARGO^FS`,
        `^FO40,80^A0N,28,28^FD${recipient.fullName}^FS`,
        `^FO40,120^A0N,24,24^FD${recipient.address}^FS`,
        `^FO40,170^A0N,30,30^FDParca ${i + 1}/${order.request.orderPieceList.length} - ${piece.desi} desi^FS`,
        `^FO40,230^BY3^BCN,140,Y,N,N^FD${barcode}^FS`,
        '^XZ',
      ].join('\n')
      return { pieceNumber: i + 1, barcode, value }
    })
    order.barcode = { shipmentId, invoiceId: order.orderInvoiceId, at: clock.now(), pieces }
    byShipmentId.set(shipmentId, key(customer.customerNumber, order.request.order.referenceId))
    stats.barcodesCreated++
    return c.json([{ referenceId: order.request.order.referenceId, invoiceId: order.orderInvoiceId, shipmentId, barcodes: pieces }])
  })

  const orderByRef = (c: Context) => orders.get(key(customerOf(c).customerNumber, c.req.param('referenceId') ?? ''))
  const orderByShipmentId = (c: Context) => {
    const k = byShipmentId.get(c.req.param('shipmentId') ?? '')
    const order = k ? orders.get(k) : undefined
    return order?.customerNumber === customerOf(c).customerNumber ? order : undefined
  }

  app.put('/standardcmdapi/cancelorder/:referenceId', (c) => {
    const order = orderByRef(c)
    if (!order) return appError(c, 404, '40400', 'Kayıt bulunamadı', 'no order with this referenceId')
    if (order.cancelledAt) return appError(c, 400, '40002', 'Sipariş zaten iptal edilmiş', 'already cancelled')
    if (order.barcode && !order.barcode.cancelledAt) {
      return appError(c, 400, '40004', 'Barkodu oluşturulmuş sipariş cancelshipment ile iptal edilir', 'barcode exists: use cancelshipment')
    }
    order.cancelledAt = clock.now()
    return c.json([{ referenceId: order.request.order.referenceId, result: 'Sipariş iptal edildi' }])
  })

  app.put('/barcodecmdapi/cancelshipment', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { referenceId?: string; shipmentId?: string } | null
    const order = orders.get(key(customerOf(c).customerNumber, String(body?.referenceId ?? '')))
    if (!order?.barcode || (body?.shipmentId && body.shipmentId !== order.barcode.shipmentId)) {
      return appError(c, 404, '40400', 'Kayıt bulunamadı', 'no shipment with this referenceId')
    }
    if (order.barcode.cancelledAt) return appError(c, 400, '40002', 'Gönderi zaten iptal edilmiş', 'already cancelled')
    const { code } = statusOf(order)
    if (code >= 2) {
      // MNG refuses with HTTP 500, a generic Message and the readable reason in Description (omniship-mng).
      return appError(c, 500, '40001', 'Error', `Gönderi "${eventTexts[code]}" durumunda olduğu için iptal edilemez`)
    }
    // cancelshipment cancels the barcode only; the order stays open until cancelorder (MNG's integration team,
    // quoted by omniship-mng: a full cancel is cancelshipment, then cancelorder).
    order.barcode.cancelledAt = clock.now()
    return c.json([{ referenceId: order.request.order.referenceId, shipmentId: order.barcode.shipmentId, result: 'Gönderi iptal edildi' }])
  })

  const notFound = (c: Context) => appError(c, 404, '40400', 'Kayıt bulunamadı', 'not found')
  app.get('/standardqueryapi/getorder/:referenceId', (c) => {
    const order = orderByRef(c)
    return order ? c.json([orderInfo(order)]) : notFound(c)
  })
  app.get('/standardqueryapi/getshipment/:referenceId', (c) => {
    const order = orderByRef(c)
    const info = order && shipmentInfo(order)
    return info ? c.json([info]) : notFound(c)
  })
  app.get('/standardqueryapi/getshipmentByShipmentId/:shipmentId', (c) => {
    const order = orderByShipmentId(c)
    const info = order && shipmentInfo(order)
    return info ? c.json([info]) : notFound(c)
  })
  app.get('/standardqueryapi/trackshipment/:referenceId', (c) => {
    const order = orderByRef(c)
    return order?.barcode ? c.json(events(order)) : notFound(c)
  })
  app.get('/standardqueryapi/trackshipmentByShipmentId/:shipmentId', (c) => {
    const order = orderByShipmentId(c)
    return order ? c.json(events(order)) : notFound(c)
  })

  app.post('/standardqueryapi/calculate', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { cityCode?: number; districtCode?: number; orderPieceList?: { desi: number; kg: number }[] } | null
    const city = mngCbs.find((x) => x.code === String(body?.cityCode))
    if (!city) return appError(c, 400, '10004', 'Geçersiz il kodu', 'cityCode is unknown')
    if (!body?.districtCode) return appError(c, 400, '10003', 'İlçe kodu zorunludur', 'districtCode is required')
    const pieces = body.orderPieceList ?? []
    if (pieces.length === 0) return appError(c, 400, '10008', 'Parça bilgileri geçersiz', 'orderPieceList is required')
    const totalKg = pieces.reduce((s, p) => s + p.kg, 0)
    const totalDesi = pieces.reduce((s, p) => s + p.desi, 0)
    return c.json([
      {
        shipmentServiceType: 1,
        packagingType: 4,
        pieceCount: pieces.length,
        totalDesi,
        totalKg,
        totalKgDesi: Math.max(totalKg, totalDesi),
        ...priceOf(pieces, Number(city.code)),
        estimatedDeliveryDays: city.code === '34' ? 1 : 2,
      },
    ])
  })

  // Real getcities names carry the plate number after two spaces: "İSTANBUL  34", "ADANA  11".
  app.get('/cbsinfoapi/getcities', (c) => c.json(mngCbs.map((city) => ({ code: city.code, name: `${city.name}  ${city.code.padStart(2, '0')}` }))))
  app.get('/cbsinfoapi/getdistricts/:cityCode', (c) => {
    const city = mngCbs.find((x) => x.code === c.req.param('cityCode'))
    if (!city) return notFound(c)
    return c.json(city.districts.map((d) => ({ code: d.code, name: d.name, cityCode: city.code, cityName: city.name })))
  })

  return {
    app,
    demo: {
      credentials: {
        client_id: mngDemo.clientId,
        client_secret: mngDemo.clientSecret,
        customer_number: mngDemo.customerNumber,
        password: mngDemo.password,
      },
    },
    stats,
    /** Queues a one-off misbehaviour for the next request whose path contains `fault.path`. */
    inject(fault: MngFault) {
      faults.push(fault)
    },
    /** How many orders exist for a reference (exactly-once checks). */
    ordersWithReference: (referenceId: string) => [...orders.values()].filter((o) => o.request.order.referenceId === referenceId).length,
    orderCount: () => orders.size,
    /** Orders still open at MNG (not cancelled with cancelorder). */
    openOrders: (referenceId: string) => [...orders.values()].filter((o) => o.request.order.referenceId === referenceId && !o.cancelledAt).length,
    reset() {
      orders.clear()
      byShipmentId.clear()
      tokens.clear()
      faults.length = 0
      stats.tokens = 0
      stats.createOrderCalls = 0
      stats.ordersCreated = 0
      stats.barcodesCreated = 0
      stats.calls.length = 0
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type MngSimulator = ReturnType<typeof createMngSimulator>
