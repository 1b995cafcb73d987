/**
 * A faithful fake of Trendyol's seller API, for the demo and the tests.
 *
 * Sources:
 * - Trendyol developer docs, as scraped in RobertPopa10/order-trendyol-modalite `trendyol_docs_complete.md`:
 *   "Service Limitations" (50 requests / 10 s per endpoint, then 429 `too.many.requests`), "Authorization"
 *   (Basic apiKey:apiSecret; `User-Agent: <sellerId> - SelfIntegration`, 403 without it; 401
 *   `ClientApiAuthenticationException`), "getShipmentPackages" (GET /integration/order/sellers/{sellerId}/orders,
 *   page/size paging with totalPages/totalElements, size ≤ 200, page × size ≤ 10,000, startDate/endDate ≤ 2 weeks
 *   apart and the last week when absent, statuses). Error envelope `{timestamp, exception, errors[{key, message,
 *   errorCode}]}` as captured in ismail0234/trendyol-php-api#6 (the docs give only the exception names).
 * - kopru's research digest with confidence levels: docs/research/trendyol.md.
 * - Webhooks (simulator-webhooks.ts): the "Webhook" pages of the same docs, digested in docs/research/trendyol.md §6.
 * - A seller's verified field notes (2026-05-04): `orderDate` is Turkish wall-clock time as epoch millis while
 *   `packageHistories[].createdDate` is a true instant; `price` net and `amount` gross unit prices.
 * - Same scrape, product pages: "Product Filter (filterProducts)" (GET /integration/product/sellers/{sellerId}/products,
 *   flags approved/archived/onSale/rejected/blacklisted, page/size/totalPages/totalElements), "Stock and Price Update
 *   (updatePriceAndInventory)" (POST /integration/inventory/sellers/{sellerId}/products/price-and-inventory, at most
 *   1000 items, the same body again within 15 minutes refused with "15 dakika boyunca aynı isteği tekrarlı olarak
 *   atamazsınız!", answer `{batchRequestId}` = UUID-epochSeconds), "Check Batchrequest Result (getBatchRequestResult)"
 *   (GET /integration/product/sellers/{sellerId}/products/batch-requests/{id}, results kept 4 hours, items with
 *   requestItem/status SUCCESS|FAILED/failureReasons; a top-level status IN_PROGRESS|COMPLETED as on product batches,
 *   which the docs say stock-and-price batches may leave out: `batchStatus: false` reproduces that).
 * - v3.0 "Stock and price update" page: listPrice may not be lower than salePrice; a Trendyol PDF quoted in clients:
 *   at most 20,000 units per SKU. Only approved products take price/stock ("created and approved").
 * - Order pages: "Notify Packages" (PUT …/shipment-packages/{id}, Picking then Invoiced, lines by lineId), "Update
 *   Shipping Code" (PUT …/shipment-packages/{id}/update-tracking-number, refused with "Shipment Update Edilebilir Bir
 *   Durumda Değil." once shipped, cancelled or already coded), "Change Cargo Provider" (PUT …/cargo-providers, codes
 *   YKMP ARASMP SURATMP HOROZMP DHLECOMMP PTTMP CEVAMP TEXMP UPSMP KOLAYGELSINMP, once per 5 minutes per package).
 * The wording of per-item failureReasons is the simulator's own (Trendyol's exact strings are not published).
 */
import { Hono, type Context } from 'hono'
import {
  fixedWindowQuota,
  parseBasicAuth,
  systemClock,
  type SimulatorClock,
  type SimulatorModule,
} from '../../src/core/provider-kit/simulator.js'
import { currentModelOnly, seedPackages, seedProducts, toTrendyolPackage, toTrendyolProduct, type PackageSpec, type ProductSpec } from './fixtures.js'
import { trendyolCargoNameTable } from './mapping.js'
import { mountTrendyolWebhooks } from './simulator-webhooks.js'
import { mountTrendyolInvoiceLinks } from './simulator-invoices.js'
import type { TrendyolBatchResult, TrendyolInventoryItem, TrendyolPackage, TrendyolSentPackage, TrendyolSentProduct } from './types.js'

interface SimulatedBatch {
  id: string
  createdAt: number
  readyAt: number
  request: TrendyolInventoryItem[]
  results?: NonNullable<TrendyolBatchResult['items']>
}

export interface TrendyolSeller {
  sellerId: string
  apiKey: string
  apiSecret: string
  packages: TrendyolSentPackage[]
  products: TrendyolSentProduct[]
  batches: Map<string, SimulatedBatch>
  /** Price-and-inventory bodies by text, with when they were last accepted (the 15-minute rule). */
  recentBodies: Map<string, number>
  /** When each package last changed cargo provider (once per 5 minutes). */
  cargoChanges: Map<string, number>
}

export interface TrendyolSimulatorOptions {
  sellers?: { sellerId: string; apiKey: string; apiSecret: string; packages?: PackageSpec[]; products?: ProductSpec[] }[]
  clock?: SimulatorClock
  /** Requests per endpoint per seller in `windowMs` (Trendyol: 50 per 10 s). */
  quota?: { limit: number; windowMs: number }
  /** How long a price/stock batch stays IN_PROGRESS before Trendyol's queue processes it. */
  batchDelayMs?: number
  /** Whether batch results carry a top-level `status` (the docs say stock-and-price batches may not). */
  batchStatus?: boolean
  /**
   * Field names of getShipmentPackages: `both` (default; the older `id`/`grossAmount`/`totalPrice`/`amount`/`price`
   * beside the current `shipmentPackageId`/`packageGrossAmount`/`packageTotalPrice`/`lineGrossAmount`/`lineUnitPrice`)
   * or `current` (only the names of Trendyol's current documentation).
   */
  orderModel?: 'both' | 'current'
  /**
   * What getBatchRequestResult answers for an unknown or expired batch: `not_found` (default, HTTP 404) or
   * `processing` (HTTP 200, `status: PROCESSING`, no items), as Lonca saw Trendyol's prod answer (2026-05-25).
   */
  unknownBatchAnswer?: 'not_found' | 'processing'
}

const MAX_INVENTORY_ITEMS = 1000
const MAX_QUANTITY = 20_000
const DUPLICATE_WINDOW_MS = 15 * 60_000
const BATCH_RETENTION_MS = 4 * 3600_000
const CARGO_CHANGE_INTERVAL_MS = 5 * 60_000
const NOT_UPDATABLE = 'Shipment Update Edilebilir Bir Durumda Değil.'

export const trendyolDemoSeller = { sellerId: '100200', apiKey: 'demoApiKey8f3K', apiSecret: 'demoApiSecret2Qw9' }

const TWO_WEEKS_MS = 14 * 24 * 3600_000
const ONE_WEEK_MS = 7 * 24 * 3600_000
/** getShipmentPackages serves at most page × size = 10,000 records. */
const MAX_ACCESSIBLE_RECORDS = 10_000

const exceptionFor: Record<number, string> = {
  400: 'TrendyolBusinessException',
  401: 'ClientApiAuthenticationException',
  403: 'ClientApiAuthorizationException',
  404: 'TrendyolNotFoundException',
  429: 'TooManyRequestsException',
}

export function createTrendyolSimulator(options: TrendyolSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const batchDelayMs = options.batchDelayMs ?? 2_000
  // Trendyol's observed error envelope: {timestamp (epoch ms), exception, errors: [{key, message, errorCode}]}.
  const trendyolError = (c: Context, status: 400 | 401 | 403 | 404 | 429, key: string, message: string) =>
    c.json({ timestamp: clock.now(), exception: exceptionFor[status], errors: [{ key, message, errorCode: String(status) }] }, status)
  const sellers = new Map<string, TrendyolSeller>()
  for (const seller of options.sellers ?? [{ ...trendyolDemoSeller }]) {
    const specs = seller.packages ?? seedPackages({ now: clock.now() })
    const productSpecs = seller.products ?? seedProducts({ now: clock.now() })
    sellers.set(seller.sellerId, {
      sellerId: seller.sellerId,
      apiKey: seller.apiKey,
      apiSecret: seller.apiSecret,
      packages: specs.map(toTrendyolPackage),
      products: productSpecs.map(toTrendyolProduct),
      batches: new Map(),
      recentBodies: new Map(),
      cargoChanges: new Map(),
    })
  }
  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 50, windowMs: 10_000 }), clock })
  const received: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; at: number }[] = []


  /** Trendyol's queue: a batch is processed once its delay has passed, items checked against the listing then. */
  function processDueBatches(seller: TrendyolSeller) {
    const now = clock.now()
    for (const batch of seller.batches.values()) {
      if (batch.results || batch.readyAt > now) continue
      batch.results = batch.request.map((item) => {
        const failureReasons = validateInventoryItem(seller, item)
        if (failureReasons.length === 0) applyInventoryItem(seller, item, now)
        return {
          requestItem: { updateRequestDate: new Date(batch.createdAt).toISOString().replace('Z', '+00:00'), ...item },
          status: failureReasons.length === 0 ? 'SUCCESS' : 'FAILED',
          failureReasons,
        }
      })
    }
  }

  function validateInventoryItem(seller: TrendyolSeller, item: TrendyolInventoryItem): string[] {
    const product = seller.products.find((candidate) => candidate.barcode === item.barcode)
    if (!product) return [`${item.barcode} barkodlu ürün bulunamadı.`]
    const reasons: string[] = []
    if (!product.approved) reasons.push('Onaylanmamış ürünlerin stok ve fiyat bilgisi güncellenemez.')
    if (item.quantity !== undefined) {
      if (!Number.isInteger(item.quantity) || item.quantity < 0) reasons.push('Stok adedi negatif veya ondalıklı olamaz.')
      else if (item.quantity > MAX_QUANTITY) reasons.push(`Stok adedi ${MAX_QUANTITY} adetten fazla olamaz.`)
    }
    if (item.salePrice !== undefined && !(item.salePrice > 0)) reasons.push("Satış fiyatı 0'dan büyük olmalıdır.")
    if (item.listPrice !== undefined && !(item.listPrice > 0)) reasons.push("Liste fiyatı 0'dan büyük olmalıdır.")
    const salePrice = item.salePrice ?? product.salePrice ?? 0
    const listPrice = item.listPrice ?? product.listPrice ?? 0
    if (listPrice < salePrice) reasons.push('Liste fiyatı satış fiyatından düşük olamaz.')
    return reasons
  }

  function applyInventoryItem(seller: TrendyolSeller, item: TrendyolInventoryItem, now: number) {
    const product = seller.products.find((candidate) => candidate.barcode === item.barcode)!
    if (item.quantity !== undefined) {
      product.quantity = item.quantity
      product.lastStockChangeDate = now
    }
    if (item.salePrice !== undefined) product.salePrice = item.salePrice
    if (item.listPrice !== undefined) product.listPrice = item.listPrice
    if (item.salePrice !== undefined || item.listPrice !== undefined) product.lastPriceChangeDate = now
    product.lastUpdateDate = now
  }

  function setStatus(pkg: TrendyolPackage, status: string) {
    const at = clock.now()
    pkg.status = status
    pkg.shipmentPackageStatus = status
    pkg.lastModifiedDate = at
    pkg.packageHistories = [...(pkg.packageHistories ?? []), { createdDate: at, status }]
    for (const line of pkg.lines) line.orderLineItemStatusName = status
  }

  const isBool = (value: string | undefined) => (value === 'true' ? true : value === 'false' ? false : undefined)

  const app = new Hono<{ Variables: { seller: TrendyolSeller } }>()

  app.use('/integration/*', async (c, next) => {
    received.push({ method: c.req.method, path: c.req.path, query: c.req.query(), headers: Object.fromEntries(c.req.raw.headers), at: clock.now() })
    const sellerId = /\/sellers\/(\d+)\//.exec(c.req.path)?.[1]
    const userAgent = c.req.header('user-agent') ?? ''
    if (!sellerId || !new RegExp(`^${sellerId} - \\S.*$`).test(userAgent)) {
      return trendyolError(c, 403, 'ClientApiAuthorizationException', 'User-Agent must be "<sellerId> - SelfIntegration"')
    }
    const credentials = parseBasicAuth(c.req.header('authorization'))
    const seller = sellers.get(sellerId)
    if (!credentials || !seller || seller.apiKey !== credentials.user || seller.apiSecret !== credentials.password) {
      return trendyolError(c, 401, 'basic.authorization.failed', 'Business exception occurred basic.authorization.failed')
    }
    const endpoint = c.req.path.replace(/\/\d+(?=\/|$)/g, '/{id}')
    const slot = quota.take(`${sellerId} ${c.req.method} ${endpoint}`)
    if (!slot.ok) {
      // Trendyol documents the 429 and its key, not a Retry-After header; the simulator sends one anyway
      // (kopru's quota layer must not depend on it for Trendyol).
      c.header('Retry-After', String(slot.retryAfterSeconds))
      return trendyolError(c, 429, 'too.many.requests', 'You have sent too many requests. Please try again later.')
    }
    c.set('seller', seller)
    processDueBatches(seller)
    await next()
  })

  app.get('/integration/order/sellers/:sellerId/orders', (c) => {
    const seller = c.get('seller')
    const query = c.req.query()
    const page = Number(query.page ?? 0)
    const size = Number(query.size ?? 50)
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 200) {
      return trendyolError(c, 400, 'invalid.page.or.size', 'page must be >= 0 and size between 1 and 200')
    }
    if ((page + 1) * size > MAX_ACCESSIBLE_RECORDS) {
      return trendyolError(c, 400, 'max.accessible.record.count', 'Maximum accessible record count is 10000')
    }
    const ids = query.shipmentPackageIds?.split(',').map((id) => id.trim())
    let packages = seller.packages
    if (ids) packages = packages.filter((pkg) => ids.includes(String(pkg.id)))
    if (query.orderNumber) packages = packages.filter((pkg) => pkg.orderNumber === query.orderNumber)
    if (!ids && !query.orderNumber) {
      const end = query.endDate ? Number(query.endDate) : clock.now() + 3 * 3600_000
      const start = query.startDate ? Number(query.startDate) : end - ONE_WEEK_MS
      if (!Number.isFinite(start) || !Number.isFinite(end) || start > end) {
        return trendyolError(c, 400, 'invalid.date.range', 'startDate must be before endDate')
      }
      if (end - start > TWO_WEEKS_MS) {
        return trendyolError(c, 400, 'date.range.too.long', 'startDate and endDate can be at most 2 weeks apart')
      }
      packages = packages.filter((pkg) => pkg.orderDate >= start && pkg.orderDate <= end)
    }
    if (query.status) packages = packages.filter((pkg) => pkg.shipmentPackageStatus === query.status)
    const byModified = query.orderByField === 'PackageLastModifiedDate'
    const direction = query.orderByDirection === 'ASC' ? 1 : -1
    const sorted = [...packages].sort((a, b) => {
      const key = byModified ? Number(a.lastModifiedDate) - Number(b.lastModifiedDate) : a.orderDate - b.orderDate
      return direction * (key || Number(a.id) - Number(b.id))
    })
    return c.json({
      page,
      size,
      totalPages: Math.ceil(sorted.length / size),
      totalElements: sorted.length,
      content: sorted.slice(page * size, page * size + size).map((pkg) => (options.orderModel === 'current' ? currentModelOnly(pkg) : pkg)),
    })
  })


  app.get('/integration/product/sellers/:sellerId/products', (c) => {
    const seller = c.get('seller')
    const query = c.req.query()
    const page = Number(query.page ?? 0)
    const size = Number(query.size ?? 50)
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 1000) {
      return trendyolError(c, 400, 'invalid.page.or.size', 'page must be >= 0 and size between 1 and 1000')
    }
    let products = seller.products
    for (const flag of ['approved', 'archived', 'onSale', 'rejected', 'blacklisted'] as const) {
      const wanted = isBool(query[flag])
      if (wanted !== undefined) products = products.filter((product) => Boolean(product[flag]) === wanted)
    }
    if (query.barcode) products = products.filter((product) => product.barcode === query.barcode)
    if (query.stockCode) products = products.filter((product) => product.stockCode === query.stockCode)
    if (query.productMainId) products = products.filter((product) => product.productMainId === query.productMainId)
    const field = query.dateQueryType === 'LAST_MODIFIED_DATE' ? 'lastUpdateDate' : 'createDateTime'
    if (query.startDate) products = products.filter((product) => Number(product[field]) >= Number(query.startDate))
    if (query.endDate) products = products.filter((product) => Number(product[field]) <= Number(query.endDate))
    const sorted = [...products].sort((a, b) => Number(a.createDateTime) - Number(b.createDateTime) || a.barcode.localeCompare(b.barcode))
    return c.json({
      totalElements: sorted.length,
      totalPages: Math.ceil(sorted.length / size),
      page,
      size,
      content: sorted.slice(page * size, page * size + size),
    })
  })

  app.post('/integration/inventory/sellers/:sellerId/products/price-and-inventory', async (c) => {
    const seller = c.get('seller')
    const text = await c.req.text()
    let body: { items?: unknown }
    try {
      body = JSON.parse(text) as { items?: unknown }
    } catch {
      return trendyolError(c, 400, 'invalid.request.body', 'İstek gövdesi geçerli bir JSON değil.')
    }
    const items = body?.items
    if (!Array.isArray(items) || items.length === 0) return trendyolError(c, 400, 'items.empty', 'items alanı boş olamaz.')
    if (items.length > MAX_INVENTORY_ITEMS) {
      return trendyolError(c, 400, 'items.size.exceeded', `Tek istekte en fazla ${MAX_INVENTORY_ITEMS} ürün güncellenebilir.`)
    }
    const malformed = items.findIndex(
      (item) =>
        typeof item?.barcode !== 'string' ||
        item.barcode === '' ||
        ['quantity', 'salePrice', 'listPrice'].some((key) => item[key] !== undefined && typeof item[key] !== 'number'),
    )
    if (malformed >= 0) return trendyolError(c, 400, 'invalid.item', `items[${malformed}] geçersiz: barcode zorunlu, quantity/salePrice/listPrice sayı olmalı.`)
    const now = clock.now()
    const last = seller.recentBodies.get(text)
    if (last !== undefined && now - last < DUPLICATE_WINDOW_MS) {
      return trendyolError(c, 400, 'duplicate.request', '15 dakika boyunca aynı isteği tekrarlı olarak atamazsınız!')
    }
    seller.recentBodies.set(text, now)
    const id = `${crypto.randomUUID()}-${Math.floor(now / 1000)}`
    const request = (items as TrendyolInventoryItem[]).map(({ barcode, quantity, salePrice, listPrice }) => ({
      barcode,
      ...(quantity !== undefined && { quantity }),
      ...(salePrice !== undefined && { salePrice }),
      ...(listPrice !== undefined && { listPrice }),
    }))
    seller.batches.set(id, { id, createdAt: now, readyAt: now + batchDelayMs, request })
    return c.json({ batchRequestId: id })
  })

  app.get('/integration/product/sellers/:sellerId/products/batch-requests/:batchRequestId', (c) => {
    const seller = c.get('seller')
    const batch = seller.batches.get(c.req.param('batchRequestId'))
    if (!batch || clock.now() - batch.createdAt > BATCH_RETENTION_MS) {
      if (options.unknownBatchAnswer === 'processing') {
        return c.json({ batchRequestId: c.req.param('batchRequestId'), items: [], status: 'PROCESSING', itemCount: 0, failedItemCount: 0 })
      }
      return trendyolError(c, 404, 'batch.request.not.found', 'Batch request bulunamadı.')
    }
    const results = batch.results ?? []
    const body: TrendyolBatchResult = {
      batchRequestId: batch.id,
      items: results,
      ...(options.batchStatus !== false && { status: batch.results ? 'COMPLETED' : 'IN_PROGRESS' }),
      creationDate: batch.createdAt,
      lastModification: batch.results ? batch.readyAt : batch.createdAt,
      sourceType: 'API',
      itemCount: batch.request.length,
      failedItemCount: results.filter((item) => item.status === 'FAILED').length,
      batchRequestType: 'ProductInventoryUpdate',
    }
    return c.json(body)
  })

  const findPackage = (seller: TrendyolSeller, id: string) => seller.packages.find((pkg) => String(pkg.id) === id)
  const readJson = async (c: Context): Promise<Record<string, any> | null> => {
    try {
      const body = (await c.req.json()) as unknown
      return body && typeof body === 'object' ? (body as Record<string, any>) : null
    } catch {
      return null
    }
  }

  app.put('/integration/order/sellers/:sellerId/shipment-packages/:packageId/update-tracking-number', async (c) => {
    const pkg = findPackage(c.get('seller'), c.req.param('packageId'))
    if (!pkg) return trendyolError(c, 404, 'shipment.package.not.found', 'Paket bulunamadı.')
    const body = await readJson(c)
    const trackingNumber = body?.trackingNumber
    if (typeof trackingNumber !== 'string' || trackingNumber.trim() === '') {
      return trendyolError(c, 400, 'tracking.number.required', 'trackingNumber alanı zorunludur.')
    }
    if (!['Created', 'Picking', 'Invoiced'].includes(String(pkg.shipmentPackageStatus)) || pkg.cargoTrackingNumber != null) {
      return trendyolError(c, 400, 'shipment.not.updatable', NOT_UPDATABLE)
    }
    pkg.cargoTrackingNumber = trackingNumber.trim()
    pkg.lastModifiedDate = clock.now()
    return c.body(null, 200)
  })

  app.put('/integration/order/sellers/:sellerId/shipment-packages/:packageId/cargo-providers', async (c) => {
    const seller = c.get('seller')
    const pkg = findPackage(seller, c.req.param('packageId'))
    if (!pkg) return trendyolError(c, 404, 'shipment.package.not.found', 'Paket bulunamadı.')
    const code = (await readJson(c))?.cargoProvider
    if (typeof code !== 'string' || !Object.hasOwn(trendyolCargoNameTable, code)) {
      return trendyolError(c, 400, 'invalid.cargo.provider', `Geçersiz kargo firması: ${String(code)}`)
    }
    if (!['Created', 'Picking', 'Invoiced'].includes(String(pkg.shipmentPackageStatus))) {
      return trendyolError(c, 400, 'shipment.not.updatable', NOT_UPDATABLE)
    }
    const now = clock.now()
    const last = seller.cargoChanges.get(String(pkg.id))
    if (last !== undefined && now - last < CARGO_CHANGE_INTERVAL_MS) {
      return trendyolError(c, 400, 'cargo.provider.change.too.frequent', 'Kargo firması 5 dakikada bir değiştirilebilir.')
    }
    seller.cargoChanges.set(String(pkg.id), now)
    pkg.cargoProviderName = trendyolCargoNameTable[code as keyof typeof trendyolCargoNameTable]
    pkg.lastModifiedDate = now
    return c.body(null, 200)
  })

  app.put('/integration/order/sellers/:sellerId/shipment-packages/:packageId', async (c) => {
    const pkg = findPackage(c.get('seller'), c.req.param('packageId'))
    if (!pkg) return trendyolError(c, 404, 'shipment.package.not.found', 'Paket bulunamadı.')
    const body = await readJson(c)
    const status = body?.status
    const previous = status === 'Picking' ? 'Created' : status === 'Invoiced' ? 'Picking' : null
    if (!previous) return trendyolError(c, 400, 'invalid.status', 'Yalnızca Picking ve Invoiced statüleri bildirilebilir.')
    if (pkg.shipmentPackageStatus !== previous) {
      return trendyolError(c, 400, 'invalid.status.transition', `${String(pkg.shipmentPackageStatus)} statüsündeki paket ${status} yapılamaz.`)
    }
    if (status === 'Invoiced' && typeof body?.params?.invoiceNumber !== 'string') {
      return trendyolError(c, 400, 'invoice.number.required', 'Invoiced bildirimi için params.invoiceNumber zorunludur.')
    }
    const lines = Array.isArray(body?.lines) ? (body.lines as { lineId?: unknown; quantity?: unknown }[]) : []
    const matches =
      lines.length === pkg.lines.length &&
      pkg.lines.every((line) => lines.some((sent) => sent.lineId === line.id && sent.quantity === line.quantity))
    if (!matches) return trendyolError(c, 400, 'invalid.lines', 'lines paketin tüm satırlarını adetleriyle içermelidir.')
    setStatus(pkg, status)
    return c.body(null, 200)
  })

  const webhooks = mountTrendyolWebhooks(app, { clock, error: trendyolError })
  const invoiceLinks = mountTrendyolInvoiceLinks(app, { error: trendyolError, clock })

  app.notFound((c) => trendyolError(c, 404, 'not.found', `No endpoint ${c.req.method} ${c.req.path}`))

  return {
    app,
    demo: {
      credentials: {
        seller_id: trendyolDemoSeller.sellerId,
        api_key: trendyolDemoSeller.apiKey,
        api_secret: trendyolDemoSeller.apiSecret,
      },
    },
    quota,
    received,
    seller: (sellerId = trendyolDemoSeller.sellerId) => {
      const seller = sellers.get(sellerId)
      if (!seller) throw new Error(`no simulated seller ${sellerId}`)
      return seller
    },
    /** Webhooks registered by a seller (credentials included, as the simulator stores them). */
    webhooks: (sellerId = trendyolDemoSeller.sellerId) => webhooks.webhooks(sellerId),
    /** Invoice links a seller sent (Send Invoice Link). */
    invoiceLinks: (sellerId = trendyolDemoSeller.sellerId) => invoiceLinks.links(sellerId),
    /** Invoice files a seller uploaded (Fatura Dosyası Gönderme). */
    invoiceFiles: (sellerId = trendyolDemoSeller.sellerId) => invoiceLinks.files(sellerId),
    /** Makes Trendyol push a package's current state to the seller's registered webhooks. */
    deliverWebhook(packageId: number | string, sellerId = trendyolDemoSeller.sellerId) {
      const pkg = sellers.get(sellerId)?.packages.find((candidate) => String(candidate.id) === String(packageId))
      if (!pkg) throw new Error(`no package ${packageId}`)
      return webhooks.deliver(sellerId, pkg)
    },
    /** Moves a package to a new status the way Trendyol would (history entry, lastModifiedDate). */
    setStatus(packageId: number | string, status: string, sellerId = trendyolDemoSeller.sellerId) {
      const pkg = sellers.get(sellerId)?.packages.find((candidate) => String(candidate.id) === String(packageId))
      if (!pkg) throw new Error(`no package ${packageId}`)
      setStatus(pkg, status)
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type TrendyolSimulator = ReturnType<typeof createTrendyolSimulator>
