/**
 * A faithful fake of Hepsiburada's merchant APIs (orders on oms-external, listings on listing-external), one
 * server for all hosts since their paths never overlap. Research notes: docs/research/hepsiburada.md.
 *
 * Sources:
 * - developers.hepsiburada.com "Sipariş Entegrasyonu – Önemli Bilgiler": SIT hosts are the prod hosts with
 *   `-sit`; 1000 requests/s on OMS, then 429 with `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
 *   `X-RateLimit-Reset`.
 * - The portal changelog: Ocak 2024 "Yeni Entegratör Servis Auth. Yapısı" (Basic merchantId:service key,
 *   `User-Agent` = the integrator's developer username), Mayıs 2024 (limit/offset mandatory on /orders, 400
 *   `{"message":"Bad Request limit and offset parameters are required"}`), Eylül 2022 / Haziran 2023 (/packages:
 *   limit ≤ 10 and timespan or begindate/enddate mandatory), Ocak 2023 (date ranges over 24 h are cut to 24 h),
 *   Mayıs 2022 (delivered lists cover about one month).
 * - The portal's OMS OpenAPI "siparis-olusturma-entegrasyonu v1.0" (as captured in loncadev/lonca
 *   specs/hepsiburada/oms-external.json): every OMS path, LineRepresentation, OrderRepresentation, the
 *   PascalCase shipped/delivered/undelivered rows, CreatePackageRequest (`lineItemRequests`) -> 201
 *   `{packageNumber, barcode}`, intransit `{trackingNumber, trackingUrl, shippedDate, …}`.
 * - The listing guide ("listeleme v1"): `{listings, totalCount, limit, offset}`, filters `hbSkuList` and
 *   `merchantSkuList` (≤ 50), price-/stock-uploads take a bare array (≤ 4000 items) and answer `{id}`,
 *   at most 5 uploads waiting or in progress, results with status `Done`/`Failed` and errors by 1-based
 *   `elementNo` with the guide's codes (ProductNotFound, InvalidPrice, InvalidAvailableStock,
 *   DuplicateMerchantSkuSpecified, MismatchingSkusSpecified, ListingFrozen), price locks in `priceValidations`.
 * - lonca's SIT observations (2026-05): listing-external accepts only lowercase `merchantid` in paths (400 for
 *   `merchantId`) while OMS accepts both; a 403 for a wrong or missing User-Agent.
 * - The portal's "Fatura Linki Gönderme" (PUT …/packagenumber/{packageNumber}/invoice, AddInvoiceOfPackageRequest:
 *   only `invoiceLink` is needed, it must serve application/pdf or text/html); a package that already carries an
 *   invoice answers 409 (as public clients of the OMS API note). The simulator does not fetch the link.
 * Not documented anywhere, chosen here: the in-progress upload status (`InProgress`), 429 for the upload
 * concurrency limit, a listing `limit` of at most 100, `{message}` bodies on 401/403/404.
 */
import { Hono, type Context } from 'hono'
import {
  fixedWindowQuota,
  parseBasicAuth,
  parseProviderTime,
  systemClock,
  type SimulatorClock,
  type SimulatorModule,
} from '../../src/core/provider-kit/index.js'
import { addressOf, cargoModelFor, packageNumberOf, seedListings, seedOrders, toHbLines, toHbListing, toHbLocal, type ListingSpec, type OrderSpec } from './fixtures.js'
import type { HbAddress, HbLine, HbListing, HbUploadResult } from './types.js'

const HOUR = 3600_000

interface SimOrder {
  orderNumber: string
  orderedAt: number
  customerName: string
  shippingAddress: HbAddress
  invoiceAddress: HbAddress
  lines: HbLine[]
}

interface SimPackage {
  id: string
  packageNumber: string
  orderNumber: string
  barcode: string
  cargoShortName: string
  packagedAt: number
  shippedAt?: number
  deliveredAt?: number
  undeliveredAt?: number
  trackingNumber?: string
  trackingUrl?: string
  /** The invoice link sent for the package (Fatura Linki Gönderme); one per package. */
  invoiceLink?: string
}

interface SimUpload {
  id: string
  kind: 'price' | 'stock'
  items: unknown[]
  createdAt: number
  result?: HbUploadResult
}

export interface HepsiburadaMerchant {
  merchantId: string
  secretKey: string
  userAgent: string
  orders: Map<string, SimOrder>
  packages: Map<string, SimPackage>
  cancelDates: Map<string, number>
  listings: HbListing[]
  uploads: Map<string, SimUpload>
}

export interface HepsiburadaSimulatorOptions {
  merchants?: { merchantId: string; secretKey: string; userAgent: string; orders?: OrderSpec[]; listings?: ListingSpec[] }[]
  clock?: SimulatorClock
  /** Requests per host per merchant in `windowMs` (OMS: 1000 per second). */
  quota?: { limit: number; windowMs: number }
  /** How long an upload stays `InProgress` on the simulator clock. */
  uploadProcessingMs?: number
}

export const hepsiburadaDemoMerchant = {
  merchantId: '7a4e2c1d-9f3b-4e8a-b6d5-0c2f8e1a3b47',
  secretKey: 'Kp7xQ2mR9vLs',
  userAgent: 'kopru_dev',
}

const MAX_UPLOAD_ITEMS = 4000
const MAX_PENDING_UPLOADS = 5
const DELIVERED_WINDOW_MS = 30 * 24 * HOUR

const message = (c: Context, status: 400 | 401 | 403 | 404 | 409 | 429, text: string) => c.json({ message: text }, status)

/** ASP.NET binds query names case-insensitively (the spec spells `Offset` on /packages). */
const queryOf = (c: Context) => {
  const query: Record<string, string> = {}
  for (const [key, value] of new URL(c.req.url).searchParams) query[key.toLowerCase()] = value
  return query
}

function paging(c: Context, max: number): { offset: number; limit: number } | Response {
  const query = queryOf(c)
  if (query.limit === undefined || query.offset === undefined) {
    return message(c, 400, 'Bad Request limit and offset parameters are required')
  }
  const limit = Number(query.limit)
  const offset = Number(query.offset)
  if (!Number.isInteger(limit) || limit < 1 || limit > max) return message(c, 400, `limit must be between 1 and ${max}`)
  if (!Number.isInteger(offset) || offset < 0) return message(c, 400, 'offset must be zero or greater')
  return { offset, limit }
}

/** `begindate`/`enddate` as `yyyy-MM-dd HH:mm` Turkish time; wider than 24 h: enddate is ignored, begin + 24 h used. */
function dateRange(c: Context): { from: number; to: number } | null | Response {
  const query = queryOf(c)
  if (!query.begindate && !query.enddate) return null
  const from = parseProviderTime(query.begindate ?? null)?.getTime()
  let to = parseProviderTime(query.enddate ?? null)?.getTime()
  if (from === undefined || to === undefined) return message(c, 400, 'begindate and enddate must be yyyy-MM-dd HH:mm')
  if (to - from > 24 * HOUR) to = from + 24 * HOUR
  return { from, to }
}

const envelope = <T>(rows: T[], offset: number, limit: number) => ({
  items: rows.slice(offset, offset + limit),
  limit,
  offset,
  pageCount: Math.ceil(rows.length / limit),
  totalCount: rows.length,
})

const round2 = (value: number) => Math.round(value * 100) / 100

export function createHepsiburadaSimulator(options: HepsiburadaSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const processingMs = options.uploadProcessingMs ?? 2_000
  const merchants = new Map<string, HepsiburadaMerchant>()
  let sequence = 0
  const nextId = (prefix: string) => `${prefix}${(++sequence).toString(16).padStart(4, '0')}-${clock.now().toString(16).slice(-8)}-4c7e-8b1a-${String(sequence).padStart(12, '0')}`

  for (const config of options.merchants ?? [{ ...hepsiburadaDemoMerchant }]) {
    const merchant: HepsiburadaMerchant = {
      merchantId: config.merchantId,
      secretKey: config.secretKey,
      userAgent: config.userAgent,
      orders: new Map(),
      packages: new Map(),
      cancelDates: new Map(),
      listings: (config.listings ?? seedListings()).map(toHbListing),
      uploads: new Map(),
    }
    for (const spec of config.orders ?? seedOrders({ now: clock.now() })) addOrder(merchant, spec)
    merchants.set(config.merchantId.toLowerCase(), merchant)
  }

  function addOrder(merchant: HepsiburadaMerchant, spec: OrderSpec) {
    const lines = toHbLines(spec, merchant.merchantId)
    merchant.orders.set(spec.orderNumber, {
      orderNumber: spec.orderNumber,
      orderedAt: spec.orderedAt,
      customerName: spec.customer.name,
      shippingAddress: addressOf(spec, `adr-${spec.orderNumber}-s`),
      invoiceAddress: addressOf(spec, `adr-${spec.orderNumber}-i`),
      lines,
    })
    const statusAt = spec.statusAt ?? spec.orderedAt + 2 * HOUR
    const packageNumber = packageNumberOf(spec)
    if (packageNumber) {
      merchant.packages.set(packageNumber, {
        id: `pkg-${packageNumber}`,
        packageNumber,
        orderNumber: spec.orderNumber,
        barcode: lines[0]!.barcode!,
        cargoShortName: spec.cargoCompany ?? 'YK',
        packagedAt: spec.status === 'Packaged' ? statusAt : spec.orderedAt + HOUR,
        shippedAt: spec.status === 'Packaged' ? undefined : spec.status === 'InTransit' || spec.status === 'Shipped' ? statusAt : spec.orderedAt + 2 * HOUR,
        deliveredAt: spec.status === 'Delivered' ? statusAt : undefined,
        undeliveredAt: spec.status === 'Undelivered' ? statusAt : undefined,
      })
    }
    if (spec.status === 'Cancelled') for (const line of lines) merchant.cancelDates.set(line.id, statusAt)
  }

  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 1000, windowMs: 1000 }), clock })
  const received: { method: string; path: string; query: string; headers: Record<string, string>; body?: unknown }[] = []

  const allLines = (merchant: HepsiburadaMerchant) => [...merchant.orders.values()].flatMap((order) => order.lines)
  const packageLines = (merchant: HepsiburadaMerchant, packageNumber: string) =>
    allLines(merchant).filter((line) => line.packageNumber === packageNumber)
  const packageStatus = (merchant: HepsiburadaMerchant, pkg: SimPackage) => packageLines(merchant, pkg.packageNumber)[0]?.status ?? 'Unknown'
  const byLocalDate = (a: HbLine, b: HbLine) =>
    a.orderDate.localeCompare(b.orderDate) || a.orderNumber.localeCompare(b.orderNumber) || a.id.localeCompare(b.id)

  function setLines(lines: HbLine[], status: string, at: number) {
    for (const line of lines) {
      line.status = status
      line.lastStatusUpdateDate = toHbLocal(at)
      line.canCreatePackage = status === 'Open'
      line.isCancellable = status === 'Open'
    }
  }

  // ---- uploads: processed once the simulator clock has moved past their processing time ----

  function settleUploads(merchant: HepsiburadaMerchant) {
    for (const upload of merchant.uploads.values()) {
      if (!upload.result && clock.now() >= upload.createdAt + processingMs) upload.result = processUpload(merchant, upload)
    }
  }

  function processUpload(merchant: HepsiburadaMerchant, upload: SimUpload): HbUploadResult {
    const errors: NonNullable<HbUploadResult['errors']> = []
    const priceValidations: NonNullable<HbUploadResult['priceValidations']> = []
    const seen = new Set<string>()
    upload.items.forEach((raw, index) => {
      const elementNo = index + 1
      const item = (raw ?? {}) as { hepsiburadaSku?: unknown; merchantSku?: unknown; price?: unknown; availableStock?: unknown }
      const hbSku = typeof item.hepsiburadaSku === 'string' ? item.hepsiburadaSku : undefined
      const merchantSku = typeof item.merchantSku === 'string' ? item.merchantSku : undefined
      const fail = (code: string) => errors.push({ elementNo, hepsiburadaSku: hbSku ?? null, merchantSku: merchantSku ?? null, errors: [code] })
      const byMerchantSku = merchantSku ? merchant.listings.find((l) => l.merchantSku === merchantSku) : undefined
      const byHbSku = hbSku ? merchant.listings.find((l) => l.hepsiburadaSku === hbSku) : undefined
      if (byMerchantSku && byHbSku && byMerchantSku !== byHbSku) return fail('MismatchingSkusSpecified')
      const listing = byMerchantSku ?? byHbSku
      if (!listing) return fail('ProductNotFound')
      if (seen.has(listing.listingId)) return fail(merchantSku ? 'DuplicateMerchantSkuSpecified' : 'DuplicateHepsiburadaSkuSpecified')
      seen.add(listing.listingId)
      if (listing.isFrozen) return fail('ListingFrozen')
      if (upload.kind === 'price') {
        const price = item.price
        if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0 || round2(price) !== price) return fail('InvalidPrice')
        const ratio = price / listing.price
        if (ratio > 5 || ratio < 0.2) {
          priceValidations.push({
            elementNo,
            hepsiburadaSku: listing.hepsiburadaSku,
            merchantSku: listing.merchantSku,
            type: ratio > 5 ? 'MaxLock' : 'MinLock',
            minPrice: round2(listing.price * 0.2),
            maxPrice: round2(listing.price * 5),
            description: ratio > 5 ? 'Yüksek fiyat sebebiyle kilitlendi.' : 'Düşük fiyat sebebiyle kilitlendi.',
          })
          listing.isLocked = true
          listing.lockReasons = [ratio > 5 ? 'MaxLock' : 'MinLock']
        }
        listing.price = price
      } else {
        const stock = item.availableStock
        if (typeof stock !== 'number' || !Number.isInteger(stock) || stock < 0) return fail('InvalidAvailableStock')
        listing.availableStock = stock
        listing.isSalable = stock > 0
      }
    })
    return {
      id: upload.id,
      status: 'Done',
      createdAt: new Date(upload.createdAt).toISOString(),
      total: upload.items.length,
      errors: errors.length > 0 ? errors : null,
      ...(upload.kind === 'price' ? { priceValidations } : {}),
    }
  }

  const app = new Hono<{ Variables: { merchant: HepsiburadaMerchant } }>()

  // Auth, User-Agent and quota, in that order, for every merchant path on every host.
  app.use('*', async (c, next) => {
    const body = c.req.method === 'GET' ? undefined : await c.req.raw.clone().json().catch(() => undefined)
    received.push({ method: c.req.method, path: c.req.path, query: new URL(c.req.url).search, headers: Object.fromEntries(c.req.raw.headers), body })
    // The demo runs for days: keep the recent requests only.
    if (received.length > 5000) received.splice(0, received.length - 5000)
    const isListing = c.req.path.startsWith('/listings/')
    if (isListing && /\/merchantId\//.test(c.req.path)) {
      return message(c, 400, 'Invalid path: use /listings/merchantid/{merchantId}')
    }
    const merchantId = /\/merchantid\/([^/]+)/i.exec(c.req.path)?.[1]?.toLowerCase()
    const merchant = merchantId ? merchants.get(merchantId) : undefined
    const credentials = parseBasicAuth(c.req.header('authorization'))
    if (!merchant || !credentials || credentials.user.toLowerCase() !== merchantId || credentials.password !== merchant.secretKey) {
      return message(c, 401, 'Unauthorized')
    }
    const userAgent = c.req.header('user-agent')?.trim()
    if (!userAgent || userAgent !== merchant.userAgent) {
      return message(c, 403, "Forbidden: User-Agent must be the integrator's developer username")
    }
    const host = isListing ? 'listing' : 'oms'
    const slot = quota.take(`${merchant.merchantId} ${host}`)
    if (!slot.ok) {
      c.header('X-RateLimit-Limit', String(quota.limit))
      c.header('X-RateLimit-Remaining', '0')
      c.header('X-RateLimit-Reset', String(slot.retryAfterSeconds))
      c.header('Retry-After', String(slot.retryAfterSeconds))
      return message(c, 429, 'TooManyRequest')
    }
    c.header('X-RateLimit-Limit', String(quota.limit))
    c.header('X-RateLimit-Remaining', String(slot.remaining))
    c.header('X-RateLimit-Reset', String(slot.resetSeconds))
    settleUploads(merchant)
    c.set('merchant', merchant)
    await next()
  })

  /** OMS accepts both `merchantid` and `merchantId` in its paths. */
  const oms = (method: 'get' | 'post' | 'put', template: string, handler: (c: Context<{ Variables: { merchant: HepsiburadaMerchant } }>) => Response | Promise<Response>) => {
    for (const segment of ['merchantid', 'merchantId']) app[method](template.replace('{m}', segment), handler)
  }

  oms('get', '/orders/{m}/:merchantId', (c) => {
    const page = paging(c, 100)
    if (page instanceof Response) return page
    const range = dateRange(c)
    if (range instanceof Response) return range
    let lines = allLines(c.get('merchant')).filter((line) => line.status === 'Open')
    if (range) lines = lines.filter((line) => inRange(line.orderDate, range))
    return c.json(envelope(lines.sort(byLocalDate), page.offset, page.limit))
  })

  oms('get', '/orders/{m}/:merchantId/cancelled', (c) => {
    const page = paging(c, 50)
    if (page instanceof Response) return page
    const merchant = c.get('merchant')
    const rows = allLines(merchant)
      .filter((line) => line.status === 'Cancelled')
      .map((line) => ({
        lineItemId: line.id,
        orderNumber: line.orderNumber,
        merchantId: merchant.merchantId,
        merchantSku: line.merchantSKU ?? null,
        sku: line.sku ?? null,
        quantity: line.quantity,
        cancelDate: toHbLocal(merchant.cancelDates.get(line.id) ?? 0),
        cancelReasonCode: 'CustomerRequest',
        cancelledBy: 'Customer',
      }))
      .sort((a, b) => a.cancelDate.localeCompare(b.cancelDate) || a.orderNumber.localeCompare(b.orderNumber) || a.lineItemId.localeCompare(b.lineItemId))
    return c.json(envelope(rows, page.offset, page.limit))
  })

  oms('get', '/orders/{m}/:merchantId/ordernumber/:orderNumber', (c) => {
    const order = c.get('merchant').orders.get(c.req.param('orderNumber') ?? '')
    if (!order) return message(c, 404, 'Order not found')
    return c.json({
      orderId: `ord-${order.orderNumber}`,
      orderNumber: order.orderNumber,
      orderDate: toHbLocal(order.orderedAt),
      createdDate: toHbLocal(order.orderedAt),
      paymentStatus: 'Paid',
      customer: { customerId: order.lines[0]?.customerId ?? null, name: order.customerName },
      deliveryAddress: order.shippingAddress,
      invoice: { address: order.invoiceAddress, taxNumber: null, taxOffice: null },
      orderNote: { tags: [], value: '' },
      items: order.lines,
    })
  })

  oms('get', '/packages/{m}/:merchantId', (c) => {
    const page = paging(c, 10)
    if (page instanceof Response) return page
    const range = dateRange(c)
    if (range instanceof Response) return range
    const timespan = queryOf(c).timespan
    if (!range && timespan === undefined) return message(c, 400, 'timespan or begindate and enddate are required')
    const from = range ? range.from : clock.now() - Number(timespan) * HOUR
    const to = range ? range.to : clock.now()
    const merchant = c.get('merchant')
    const rows = [...merchant.packages.values()]
      .filter((pkg) => packageStatus(merchant, pkg) === 'Packaged' && pkg.packagedAt >= from && pkg.packagedAt <= to)
      .sort((a, b) => a.packagedAt - b.packagedAt || a.packageNumber.localeCompare(b.packageNumber))
      .slice(page.offset, page.offset + page.limit)
    return c.json(rows.map((pkg) => rawPackage(merchant, pkg)))
  })

  function rawPackage(merchant: HepsiburadaMerchant, pkg: SimPackage) {
    const order = merchant.orders.get(pkg.orderNumber)!
    const lines = packageLines(merchant, pkg.packageNumber)
    const address = order.shippingAddress
    return {
      id: pkg.id,
      packageNumber: pkg.packageNumber,
      barcode: pkg.barcode,
      status: packageStatus(merchant, pkg),
      cargoCompany: cargoModelFor(pkg.cargoShortName).name,
      isCargoChangable: true,
      orderDate: toHbLocal(order.orderedAt),
      dueDate: toHbLocal(order.orderedAt + 48 * HOUR),
      customerId: lines[0]?.customerId ?? null,
      customerName: order.customerName,
      email: address.email,
      phoneNumber: address.phoneNumber,
      recipientName: address.name,
      shippingAddressDetail: address.address,
      shippingCity: address.city,
      shippingTown: address.town,
      shippingDistrict: address.district,
      shippingCountryCode: 'TR',
      billingAddress: order.invoiceAddress.address,
      billingCity: order.invoiceAddress.city,
      billingTown: order.invoiceAddress.town,
      billingDistrict: order.invoiceAddress.district,
      billingPostalCode: order.invoiceAddress.postalCode,
      billingCountryCode: 'TR',
      totalPrice: { amount: round2(lines.reduce((sum, line) => sum + line.totalPrice.amount, 0)), currency: 'TRY' },
      shippingTotalPrice: { amount: 0, currency: 'TRY' },
      customsTotalPrice: { amount: 0, currency: 'TRY' },
      items: lines.map((line) => ({
        lineItemId: line.id,
        hbSku: line.sku,
        merchantSku: line.merchantSKU,
        productName: line.name,
        productBarcode: line.productBarcode,
        orderNumber: line.orderNumber,
        orderDate: line.orderDate,
        quantity: line.quantity,
        price: line.unitPrice,
        totalPrice: line.totalPrice,
        vat: line.vat,
        vatRate: line.vatRate,
        merchantId: merchant.merchantId,
      })),
    }
  }

  const statusRows = (
    bucket: 'shipped' | 'delivered' | 'undelivered',
  ) => (c: Context<{ Variables: { merchant: HepsiburadaMerchant } }>) => {
    const page = paging(c, 50)
    if (page instanceof Response) return page
    const range = dateRange(c)
    if (range instanceof Response) return range
    const merchant = c.get('merchant')
    const statuses = { shipped: ['InTransit', 'Shipped'], delivered: ['Delivered'], undelivered: ['Undelivered'] }[bucket]
    const when = (pkg: SimPackage) => (bucket === 'shipped' ? pkg.shippedAt : bucket === 'delivered' ? pkg.deliveredAt : pkg.undeliveredAt) ?? 0
    const rows = [...merchant.packages.values()]
      .filter((pkg) => statuses.includes(packageStatus(merchant, pkg)))
      .filter((pkg) => bucket !== 'delivered' || when(pkg) >= clock.now() - DELIVERED_WINDOW_MS)
      .filter((pkg) => !range || (when(pkg) >= range.from && when(pkg) <= range.to))
      .sort((a, b) => when(a) - when(b) || a.packageNumber.localeCompare(b.packageNumber))
      .map((pkg) => ({
        Id: pkg.id,
        PackageNumber: pkg.packageNumber,
        Barcode: pkg.barcode,
        OrderNumber: pkg.orderNumber,
        OrderNumbers: [pkg.orderNumber],
        MerchantId: merchant.merchantId,
        ...(bucket === 'shipped' ? { Deci: 2, EtgbNo: null, ShippedDate: toHbLocal(when(pkg)) } : {}),
        ...(bucket === 'delivered' ? { EtgbNo: null, DeliveredDate: toHbLocal(when(pkg)) } : {}),
        ...(bucket === 'undelivered' ? { UndeliveredDate: toHbLocal(when(pkg)), UndeliveredReason: 'Alıcı adreste bulunamadı' } : {}),
      }))
    return c.json(envelope(rows, page.offset, page.limit))
  }
  oms('get', '/packages/{m}/:merchantId/shipped', statusRows('shipped'))
  oms('get', '/packages/{m}/:merchantId/delivered', statusRows('delivered'))
  oms('get', '/packages/{m}/:merchantId/undelivered', statusRows('undelivered'))

  oms('get', '/packages/{m}/:merchantId/packagenumber/:packageNumber', (c) => {
    const merchant = c.get('merchant')
    const pkg = merchant.packages.get(c.req.param('packageNumber') ?? '')
    if (!pkg) return message(c, 404, 'Package not found')
    return c.json({
      packageNumber: pkg.packageNumber,
      barcode: pkg.barcode,
      status: packageStatus(merchant, pkg),
      cargoCompany: cargoModelFor(pkg.cargoShortName).name,
      deci: 2,
      estimatedArrivalDate: toHbLocal(pkg.packagedAt + 72 * HOUR),
      trackingInfoCode: pkg.trackingNumber ?? pkg.barcode,
      trackingInfoUrl: pkg.trackingUrl ?? cargoModelFor(pkg.cargoShortName).trackingUrl,
    })
  })

  oms('post', '/packages/{m}/:merchantId', async (c) => {
    const merchant = c.get('merchant')
    const body = (await c.req.json().catch(() => null)) as { lineItemRequests?: { id?: string; quantity?: number }[]; cargoCompany?: string } | null
    const requests = body?.lineItemRequests
    if (!Array.isArray(requests) || requests.length === 0) return message(c, 400, 'lineItemRequests is required')
    const lines: HbLine[] = []
    for (const request of requests) {
      const line = allLines(merchant).find((candidate) => candidate.id === request.id)
      if (!line) return message(c, 400, `Line item ${request.id} not found`)
      if (line.status !== 'Open') return message(c, 400, `Line item ${line.id} is not in a packageable status`)
      if (Number(request.quantity) !== line.quantity) return message(c, 400, `Line item ${line.id}: quantity must be ${line.quantity}`)
      lines.push(line)
    }
    if (new Set(lines.map((line) => line.orderNumber)).size > 1) return message(c, 400, 'Line items are not packageable together')
    const shortName = (body?.cargoCompany ?? 'YK').toUpperCase()
    const orderNumber = lines[0]!.orderNumber
    const packageNumber = `7${orderNumber.slice(-6)}${String(merchant.packages.size + 1).padStart(3, '0')}`
    const pkg: SimPackage = {
      id: `pkg-${packageNumber}`,
      packageNumber,
      orderNumber,
      barcode: `HBX${packageNumber}`,
      cargoShortName: shortName,
      packagedAt: clock.now(),
    }
    merchant.packages.set(packageNumber, pkg)
    const cargo = cargoModelFor(shortName)
    for (const line of lines) {
      line.packageNumber = packageNumber
      line.barcode = pkg.barcode
      line.cargoCompany = cargo.name
      line.cargoCompanyModel = { ...cargo, logoUrl: '' }
    }
    setLines(lines, 'Packaged', clock.now())
    return c.json({ packageNumber, barcode: pkg.barcode }, 201)
  })

  oms('post', '/packages/{m}/:merchantId/packagenumber/:packageNumber/intransit', async (c) => {
    const merchant = c.get('merchant')
    const pkg = merchant.packages.get(c.req.param('packageNumber') ?? '')
    if (!pkg) return message(c, 404, 'Package not found')
    const body = (await c.req.json().catch(() => null)) as { trackingNumber?: string; trackingUrl?: string } | null
    if (!body?.trackingNumber) return message(c, 400, 'trackingNumber is required')
    if (packageStatus(merchant, pkg) !== 'Packaged') return message(c, 400, 'Package status is not suitable for in transit')
    pkg.trackingNumber = body.trackingNumber
    pkg.trackingUrl = body.trackingUrl
    pkg.shippedAt = clock.now()
    setLines(packageLines(merchant, pkg.packageNumber), 'InTransit', clock.now())
    return c.json('Success', 200)
  })

  // Fatura Linki Gönderme: only invoiceLink is required; HB fetches it (pdf or html) for the buyer.
  oms('put', '/packages/{m}/:merchantId/packagenumber/:packageNumber/invoice', async (c) => {
    const pkg = c.get('merchant').packages.get(c.req.param('packageNumber') ?? '')
    if (!pkg) return message(c, 404, 'Package not found')
    const body = (await c.req.json().catch(() => null)) as { invoiceLink?: unknown } | null
    if (typeof body?.invoiceLink !== 'string' || !/^https?:\/\/\S+$/.test(body.invoiceLink)) return message(c, 400, 'invoiceLink is required')
    if (pkg.invoiceLink) return message(c, 409, 'Invoice already exists for the package')
    pkg.invoiceLink = body.invoiceLink
    return c.json('Success', 200)
  })

  // ---- listing-external ----

  app.get('/listings/merchantid/:merchantId', (c) => {
    const merchant = c.get('merchant')
    const query = queryOf(c)
    const offset = Number(query.offset ?? 0)
    const limit = Number(query.limit ?? 10)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return message(c, 400, 'limit must be between 1 and 100')
    if (!Number.isInteger(offset) || offset < 0) return message(c, 400, 'offset must be zero or greater')
    const split = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean)
    const hbSkus = split(query.hbskulist)
    const merchantSkus = split(query.merchantskulist)
    if (merchantSkus && merchantSkus.length > 50) return message(c, 400, 'merchantSkuList can contain at most 50 items')
    let listings = merchant.listings
    if (hbSkus) listings = listings.filter((listing) => hbSkus.includes(listing.hepsiburadaSku))
    if (merchantSkus) listings = listings.filter((listing) => merchantSkus.includes(listing.merchantSku))
    if (query['salable-listings'] === 'true') listings = listings.filter((listing) => listing.isSalable)
    if (query['notsalable-listings'] === 'true') listings = listings.filter((listing) => !listing.isSalable)
    return c.json({ listings: listings.slice(offset, offset + limit), totalCount: listings.length, limit, offset })
  })

  for (const kind of ['price', 'stock'] as const) {
    app.post(`/listings/merchantid/:merchantId/${kind}-uploads`, async (c) => {
      const merchant = c.get('merchant')
      const items = await c.req.json().catch(() => null)
      if (!Array.isArray(items) || items.length === 0) return message(c, 400, 'Request body must be a non-empty array')
      if (items.length > MAX_UPLOAD_ITEMS) return message(c, 400, `At most ${MAX_UPLOAD_ITEMS} listings can be sent in one request`)
      const pending = [...merchant.uploads.values()].filter((upload) => !upload.result)
      if (pending.length >= MAX_PENDING_UPLOADS) {
        const freeAt = Math.min(...pending.map((upload) => upload.createdAt + processingMs))
        c.header('Retry-After', String(Math.max(1, Math.ceil((freeAt - clock.now()) / 1000))))
        return message(c, 429, 'There are too many ongoing/waiting inventory uploads at the moment. Please try again later.')
      }
      const upload: SimUpload = { id: nextId('715b'), kind, items, createdAt: clock.now() }
      merchant.uploads.set(upload.id, upload)
      return c.json({ id: upload.id })
    })

    app.get(`/listings/merchantid/:merchantId/${kind}-uploads/id/:id`, (c) => {
      const upload = c.get('merchant').uploads.get(c.req.param('id') ?? '')
      if (!upload || upload.kind !== kind) return message(c, 404, 'Upload not found')
      return c.json(
        upload.result ?? {
          id: upload.id,
          status: 'InProgress',
          createdAt: new Date(upload.createdAt).toISOString(),
          total: upload.items.length,
          errors: null,
        },
      )
    })
  }

  app.notFound((c) => message(c, 404, `No endpoint ${c.req.method} ${c.req.path}`))

  const merchant = (merchantId = hepsiburadaDemoMerchant.merchantId) => {
    const found = merchants.get(merchantId.toLowerCase())
    if (!found) throw new Error(`no simulated merchant ${merchantId}`)
    return found
  }

  return {
    app,
    demo: {
      credentials: {
        merchant_id: hepsiburadaDemoMerchant.merchantId,
        secret_key: hepsiburadaDemoMerchant.secretKey,
        user_agent: hepsiburadaDemoMerchant.userAgent,
      },
    },
    quota,
    received,
    merchant,
    /** Moves every line of a package (or of an order's unpackaged lines) to a new status, as HB's systems would. */
    setStatus(packageOrOrderNumber: string, status: string, merchantId?: string) {
      const m = merchant(merchantId)
      const pkg = m.packages.get(packageOrOrderNumber)
      const lines = pkg ? packageLines(m, pkg.packageNumber) : (m.orders.get(packageOrOrderNumber)?.lines.filter((line) => !line.packageNumber) ?? [])
      if (lines.length === 0) throw new Error(`no package or open order ${packageOrOrderNumber}`)
      setLines(lines, status, clock.now())
      if (pkg && status === 'Delivered') pkg.deliveredAt = clock.now()
      if (status === 'Cancelled') for (const line of lines) m.cancelDates.set(line.id, clock.now())
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

function inRange(local: string, range: { from: number; to: number }) {
  const at = parseProviderTime(local)?.getTime() ?? 0
  return at >= range.from && at <= range.to
}

export type HepsiburadaSimulator = ReturnType<typeof createHepsiburadaSimulator>
