/**
 * A faithful fake of n11's seller REST API (https://api.n11.com), for the demo and the tests.
 *
 * Sources (see docs/providers/n11.md for the full list and where they disagree):
 * - developer.n11.com "Sipariş Listeleme Servisi" (GET /rest/delivery/v1/shipmentPackages: epoch-millis
 *   startDate/endDate, one status per request, page from 0, size ≤ 100, 1000 requests per minute, a 15-day
 *   window, nothing before November 2024), "Sipariş Kalemlerini Güncelleme" (PUT /rest/order/v1/update,
 *   Picking only), "Satıcı Ürün Sorgulama" (GET /ms/product-query, Spring page, size ≤ 250),
 *   "Ürün Fiyat-Stok Güncelleme" (POST /ms/product/tasks/price-stock-update: ≤ 1000 SKUs, listPrice and
 *   salePrice together with exactly two decimals, listPrice ≥ salePrice) and "Task Detail Sorgulama"
 *   (POST /ms/product/task-details/page-query: IN_QUEUE/PROCESSED/REJECT, per-SKU SUCCESS/FAIL with reasons,
 *   `dd-MM-yyyy HH:mm:ss` dates) — read through loncadev/lonca sdks/n11/RESEARCH.md (captured 2026-10-10)
 *   and an integrator's notes (developer.n11.com read Aug–Sep 2026).
 * - Error bodies observed on production with wrong or missing keys (same two sources, 2026-10-08/10): `/ms`
 *   401 `SellerApiUserUnauthorizedException` JSON and 500 `MissingRequestHeaderException`; `/rest` 403
 *   text/plain "Authentication failed" for an unknown key, 400 `SELLER_API.authenticationFailed` JSON for a
 *   wrong secret; out-of-range `/ms` parameters 500 `ConstraintViolationException`; unknown paths 503 HTML;
 *   an unknown `status` filter 200 with an empty page; a window wider than 15 days silently clamped.
 * - Not documented by n11, chosen here: the over-quota answer (429 + Retry-After, the /rest or /ms error
 *   envelope), the Turkish wording of per-SKU reasons, the default `size` of shipmentPackages (20), and how
 *   long a task stays IN_QUEUE (`taskDelayMs`, on the simulator's clock).
 */
import { Hono, type Context } from 'hono'
import { fixedWindowQuota, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { seedPackages, seedProducts, toN11Package, toN11Product, toN11TaskDate, type N11PackageSpec, type N11ProductSpec } from './fixtures.js'
import type { N11Package, N11Product, N11SpringPage, N11TaskSkuResult } from './types.js'

const DAY = 24 * 3600_000
const WINDOW_MS = 15 * DAY
/** "Kasım 2024 öncesi siparişler bu servisten gelmez." */
const FIRST_SERVED = Date.UTC(2024, 10, 1) - 3 * 3600_000
const MAX_SKUS = 1000
const MAX_STOCK = 999_999

export const n11DemoAccount = { appKey: 'demo-n11-appkey-5b7e', appSecret: 'demoN11Secret7Qx2' }

interface SkuUpdateRequest {
  stockCode?: unknown
  quantity?: unknown
  salePrice?: unknown
  listPrice?: unknown
  currencyType?: unknown
}

interface Task {
  id: number
  createdAt: number
  /** Per SKU: what was asked and the literal text of its prices (n11 checks the decimals as written). */
  skus: { request: SkuUpdateRequest; literals: { salePrice?: string; listPrice?: string } }[]
  results?: N11TaskSkuResult[]
  processedAt?: number
}

export interface N11Account {
  appKey: string
  appSecret: string
  packages: N11Package[]
  products: Map<string, N11Product>
  tasks: Map<number, Task>
}

export interface N11SimulatorOptions {
  accounts?: { appKey: string; appSecret: string; packages?: N11PackageSpec[]; products?: N11ProductSpec[] }[]
  clock?: SimulatorClock
  /** Requests per endpoint per app key in `windowMs` (n11: 1000 per minute for shipmentPackages). */
  quota?: { limit: number; windowMs: number }
  /** How long a product task stays IN_QUEUE. */
  taskDelayMs?: number
  /**
   * Package ids as JSON strings (`"id": "300000001"`), as Lonca's prod capture of shipmentPackages (2026-10-10)
   * shows them; by default numbers, as n11's documentation example writes them.
   */
  packageIdsAsStrings?: boolean
}

type Env = { Variables: { account: N11Account } }

/** `/ms` (Spring) error envelope. */
const msError = (c: Context, status: 400 | 401 | 429 | 500, type: string, message: string, reason?: string) =>
  c.json(
    {
      '@type': type,
      name: type,
      message,
      description: message,
      urlStack: [c.req.path],
      errors: reason ? [{ reason }] : [],
    },
    status,
  )

/** `/rest` error envelope. */
const restError = (c: Context, status: 400 | 429, errorCode: string, errorMessage: string) =>
  c.json({ code: status, status: 'failure', errorCode, errorMessage, errorCategory: 'SELLER_API' }, status)

const htmlError = (c: Context, status: 400 | 503, title: string) =>
  c.html(`<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`, status)

const intParam = (value: string | undefined, fallback: number): number | null => {
  if (value === undefined || value === '') return fallback
  return /^-?\d+$/.test(value) ? Number(value) : null
}

function springPage<T>(items: T[], page: number, size: number): N11SpringPage<T> {
  const content = items.slice(page * size, page * size + size)
  const totalPages = Math.ceil(items.length / size)
  return {
    content,
    pageable: { pageNumber: page, pageSize: size, offset: page * size, paged: true, unpaged: false, sort: { sorted: false, unsorted: true, empty: true } },
    totalElements: items.length,
    totalPages,
    number: page,
    size,
    numberOfElements: content.length,
    first: page === 0,
    last: page >= totalPages - 1,
    empty: content.length === 0,
  }
}

/** The price literals of each SKU in request order, as written in the raw body. */
function priceLiterals(raw: string, skus: SkuUpdateRequest[]) {
  const tokens = [...raw.matchAll(/"(salePrice|listPrice)"\s*:\s*("(?:[^"\\]|\\.)*"|[-+0-9.eE]+)/g)]
  let next = 0
  return skus.map((sku) => {
    const literals: { salePrice?: string; listPrice?: string } = {}
    const count = (sku && typeof sku === 'object' ? ['salePrice', 'listPrice'].filter((key) => key in sku).length : 0)
    for (let i = 0; i < count && next < tokens.length; i++, next++) {
      const [, key, literal] = tokens[next]!
      literals[key as 'salePrice' | 'listPrice'] = literal
    }
    return literals
  })
}

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

const TWO_DECIMALS = /^\d+\.\d{2}$/

/** n11's per-SKU rules for a price/stock update; the reasons' wording is the simulator's own. */
function checkSku(account: N11Account, sku: Task['skus'][number]): string[] {
  const { request, literals } = sku
  const reasons: string[] = []
  const stockCode = typeof request.stockCode === 'string' ? request.stockCode : ''
  if (!stockCode || !account.products.has(stockCode)) reasons.push(`Ürün bulunamadı. stockCode: ${stockCode || '(boş)'}`)
  const hasSale = request.salePrice !== undefined
  const hasList = request.listPrice !== undefined
  if (hasSale !== hasList) reasons.push('listPrice ve salePrice birlikte gönderilmelidir.')
  if (hasSale && hasList) {
    if (!TWO_DECIMALS.test(literals.salePrice ?? '') || !TWO_DECIMALS.test(literals.listPrice ?? '')) {
      reasons.push('Fiyatlar nokta ile ayrılmış 2 ondalık hane ile gönderilmelidir.')
    } else if (Number(request.listPrice) < Number(request.salePrice)) {
      reasons.push('listPrice, salePrice değerinden küçük olamaz.')
    }
  }
  if (request.currencyType !== undefined && !['TL', 'USD', 'EUR'].includes(String(request.currencyType))) {
    reasons.push(`Geçersiz currencyType: ${String(request.currencyType)}`)
  }
  if (request.quantity !== undefined && (!Number.isInteger(request.quantity) || Number(request.quantity) < 0 || Number(request.quantity) > MAX_STOCK)) {
    reasons.push(`Stok 0 ile ${MAX_STOCK} arasında bir tam sayı olmalıdır.`)
  }
  if (!hasSale && !hasList && request.quantity === undefined) reasons.push('Güncellenecek alan bulunamadı.')
  return reasons
}

export function createN11Simulator(options: N11SimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const taskDelayMs = options.taskDelayMs ?? 3000
  const accounts = new Map<string, N11Account>()
  for (const account of options.accounts ?? [{ ...n11DemoAccount }]) {
    const packages = (account.packages ?? seedPackages({ now: clock.now() })).map(toN11Package)
    const products = (account.products ?? seedProducts()).map(toN11Product)
    accounts.set(account.appKey, {
      appKey: account.appKey,
      appSecret: account.appSecret,
      packages,
      products: new Map(products.map((product) => [product.stockCode, product])),
      tasks: new Map(),
    })
  }
  let nextTaskId = 1090
  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 1000, windowMs: 60_000 }), clock })
  /** The latest requests as the simulator saw them (bounded, the demo runs for long). */
  const received: { method: string; path: string; query: string; headers: Record<string, string>; body?: string }[] = []
  const record = (entry: (typeof received)[number]) => {
    received.push(entry)
    if (received.length > 5000) received.splice(0, received.length - 5000)
  }

  /** Applies a due task once: per-SKU results, then the valid updates to the catalogue. */
  function settle(account: N11Account, task: Task) {
    if (task.results || clock.now() < task.createdAt + taskDelayMs) return
    task.results = task.skus.map((sku) => {
      const reasons = checkSku(account, sku)
      const stockCode = String(sku.request.stockCode ?? '')
      const product = account.products.get(stockCode)
      if (reasons.length === 0 && product) {
        if (sku.request.quantity !== undefined) {
          product.quantity = Number(sku.request.quantity)
          product.saleStatus = product.quantity > 0 ? 'On_Sale' : 'Out_Of_Stock'
        }
        if (sku.request.salePrice !== undefined) product.salePrice = Number(sku.request.salePrice)
        if (sku.request.listPrice !== undefined) product.listPrice = Number(sku.request.listPrice)
        if (sku.request.currencyType !== undefined) product.currencyType = String(sku.request.currencyType)
      }
      return {
        itemCode: stockCode,
        status: reasons.length === 0 ? 'SUCCESS' : 'FAIL',
        reasons,
        sku: {
          salePrice: product?.salePrice ?? undefined,
          listPrice: product?.listPrice ?? undefined,
          currencyType: product?.currencyType ?? undefined,
          stock: product?.quantity ?? undefined,
        },
      }
    })
    task.processedAt = clock.now()
  }

  const app = new Hono<Env>()

  /** Records, authenticates (each path family answers in its own way) and meters every call. */
  const guard = (family: 'ms' | 'rest') =>
    async function n11Guard(c: Context<Env>, next: () => Promise<void>) {
      const body = c.req.method === 'GET' ? undefined : await c.req.raw.clone().text()
      record({ method: c.req.method, path: c.req.path, query: new URL(c.req.url).search, headers: Object.fromEntries(c.req.raw.headers), body })
      const appKey = c.req.header('appkey')
      const appSecret = c.req.header('appsecret')
      if (!appKey || !appSecret) {
        const missing = appKey ? 'appsecret' : 'appkey'
        if (family === 'rest') return htmlError(c, 400, 'Bad Request')
        return msError(
          c,
          500,
          'InternalServerException',
          `org.springframework.web.bind.MissingRequestHeaderException: Required request header '${missing}' for method parameter type String is not present`,
        )
      }
      const account = accounts.get(appKey)
      if (!account) {
        if (family === 'rest') return c.text('Authentication failed', 403)
        return msError(c, 401, 'SellerApiUserUnauthorizedException', 'Apide doğrulama işlemi başarısız oldu.', 'appkey')
      }
      if (account.appSecret !== appSecret) {
        if (family === 'rest') return restError(c, 400, 'SELLER_API.authenticationFailed', 'Kimlik doğrulama başarısız.')
        return msError(c, 401, 'SellerApiUserUnauthorizedException', 'Apide doğrulama işlemi başarısız oldu.', 'appsecret')
      }
      const slot = quota.take(`${appKey} ${c.req.method} ${c.req.path}`)
      if (!slot.ok) {
        c.header('Retry-After', String(slot.retryAfterSeconds))
        return family === 'rest'
          ? restError(c, 429, 'SELLER_API.rateLimitExceeded', 'Dakikalık istek limiti aşıldı.')
          : msError(c, 429, 'TooManyRequestsException', 'Dakikalık istek limiti aşıldı.')
      }
      c.set('account', account)
      await next()
    }
  app.use('/ms/*', guard('ms'))
  app.use('/rest/*', guard('rest'))

  // Categories: a bad key is 403 text/plain; key and secret both required since 2025-08-15 (changelog).
  app.use('/cdn/*', async (c, next) => {
    record({ method: c.req.method, path: c.req.path, query: new URL(c.req.url).search, headers: Object.fromEntries(c.req.raw.headers) })
    const account = accounts.get(c.req.header('appkey') ?? '')
    if (!account || account.appSecret !== c.req.header('appsecret')) return c.text('Authentication failed', 403)
    c.set('account', account)
    await next()
  })

  /** The full tree in one answer; a leaf has `subCategories: null`. */
  app.get('/cdn/categories', (c) => {
    const leaves = new Map<number, string>()
    for (const product of c.get('account').products.values()) {
      if (product.categoryId) leaves.set(product.categoryId, product.title.split(' ').slice(-1)[0] ?? 'Diğer')
    }
    return c.json({
      categories: [
        {
          id: 1000,
          name: 'Ev & Yaşam',
          subCategories: [...leaves].sort(([a], [b]) => a - b).map(([id, name]) => ({ id, name, subCategories: null })),
        },
      ],
    })
  })

  app.get('/rest/delivery/v1/shipmentPackages', (c) => {
    const account = c.get('account')
    const query = c.req.query()
    const page = intParam(query.page, 0)
    const requested = intParam(query.size, 20)
    if (page === null || requested === null || page < 0 || requested < 1) {
      return restError(c, 400, 'invalidInput', 'page ve size pozitif tam sayı olmalıdır.')
    }
    // Larger sizes are silently reduced to 100.
    const size = Math.min(requested, 100)
    let packages = account.packages.filter((pkg) => (pkg.packageHistories?.[0]?.createdDate ?? pkg.lastModifiedDate) >= FIRST_SERVED)
    const ids = query.packageIds?.split(',').map((id) => id.trim()).filter(Boolean)
    if (ids) packages = packages.filter((pkg) => ids.includes(String(pkg.id)))
    if (query.orderNumber) packages = packages.filter((pkg) => pkg.orderNumber === query.orderNumber)
    if (!ids && !query.orderNumber) {
      const start = query.startDate ? Number(query.startDate) : undefined
      const end = query.endDate ? Number(query.endDate) : undefined
      if ((start !== undefined && !Number.isFinite(start)) || (end !== undefined && !Number.isFinite(end))) {
        return restError(c, 400, 'invalidInput', 'startDate ve endDate milisaniye cinsinden olmalıdır.')
      }
      // Only a start: the 15 days after it. Only an end, none, or a wider range: the 15 days before the end.
      const to = end ?? (start !== undefined ? start + WINDOW_MS : clock.now())
      const from = start === undefined || to - start > WINDOW_MS ? to - WINDOW_MS : start
      const byModified = query.orderByField === 'true'
      packages = packages.filter((pkg) => {
        const at = byModified ? pkg.lastModifiedDate : (pkg.packageHistories?.[0]?.createdDate ?? pkg.lastModifiedDate)
        return at >= from && at <= to
      })
    }
    // One status per request; an unknown value simply matches nothing.
    if (query.status) packages = packages.filter((pkg) => pkg.shipmentPackageStatus === query.status)
    const direction = query.orderByDirection === 'ASC' ? 1 : -1
    const sorted = [...packages].sort(
      (a, b) => direction * (a.lastModifiedDate - b.lastModifiedDate || Number(a.id ?? 0) - Number(b.id ?? 0) || a.orderNumber.localeCompare(b.orderNumber)),
    )
    const content = sorted
      .slice(page * size, page * size + size)
      .map((pkg) => (options.packageIdsAsStrings && pkg.id !== null ? { ...pkg, id: String(pkg.id) } : pkg))
    return c.json({ content, pageCount: content.length, totalPages: Math.ceil(sorted.length / size), page, size })
  })

  app.put('/rest/order/v1/update', async (c) => {
    const account = c.get('account')
    const body = (await c.req.json().catch(() => null)) as { lines?: { lineId?: unknown }[]; status?: unknown } | null
    if (!body || !Array.isArray(body.lines) || body.lines.length === 0) return restError(c, 400, 'invalidInput', 'lines zorunludur.')
    if (body.status !== 'Picking') return restError(c, 400, 'invalidInput', 'Yalnızca Picking statüsü desteklenmektedir.')
    const content = body.lines.map(({ lineId }) => {
      const pkg = account.packages.find((candidate) => candidate.lines.some((line) => line.orderLineId === Number(lineId)))
      if (!pkg) return { lineId, status: 'FAIL', reasons: 'Sipariş kalemi bulunamadı.' }
      if (pkg.shipmentPackageStatus !== 'Created') return { lineId, status: 'FAIL', reasons: `Kalem ${pkg.shipmentPackageStatus} statüsünde, onaylanamaz.` }
      const line = pkg.lines.find((candidate) => candidate.orderLineId === Number(lineId))!
      line.orderItemLineItemStatusName = 'Picking'
      if (pkg.lines.every((candidate) => candidate.orderItemLineItemStatusName === 'Picking')) moveTo(pkg, 'Picking')
      return { lineId, status: 'SUCCESS', reasons: null }
    })
    return c.json({ content })
  })

  app.get('/ms/product-query', (c) => {
    const account = c.get('account')
    const query = c.req.query()
    const page = intParam(query.page, 0)
    const size = intParam(query.size, 20)
    if (page === null || size === null || page < 0 || size < 1 || size > 250) {
      return msError(c, 500, 'InternalServerException', 'javax.validation.ConstraintViolationException: size must be between 1 and 250, page must be >= 0')
    }
    const productStatuses = ['Active', 'InCatalogApproval', 'Suspended', 'CatalogRejected', 'Prohibited', 'Unlisted', 'InApproval']
    if (query.productStatus && !productStatuses.includes(query.productStatus)) {
      return msError(c, 500, 'InternalServerException', `java.lang.IllegalArgumentException: No enum constant ProductStatus.${query.productStatus}`)
    }
    if (query.saleStatus && !['On_Sale', 'Out_Of_Stock'].includes(query.saleStatus)) {
      return msError(c, 500, 'InternalServerException', `java.lang.IllegalArgumentException: No enum constant SaleStatus.${query.saleStatus}`)
    }
    let rows = [...account.products.values()]
    if (query.id) rows = rows.filter((row) => String(row.n11ProductId) === query.id)
    if (query.stockCode) rows = rows.filter((row) => row.stockCode === query.stockCode)
    if (query.productMainId) rows = rows.filter((row) => row.productMainId === query.productMainId)
    if (query.productStatus) rows = rows.filter((row) => row.status === query.productStatus)
    if (query.saleStatus) rows = rows.filter((row) => row.saleStatus === query.saleStatus)
    rows.sort((a, b) => a.n11ProductId - b.n11ProductId)
    return c.json(springPage(rows, page, size))
  })

  app.post('/ms/product/tasks/price-stock-update', async (c) => {
    const account = c.get('account')
    const raw = await c.req.text()
    const body = parseJson(raw) as { payload?: { integrator?: unknown; skus?: unknown } } | null | undefined
    if (body === undefined) return msError(c, 400, 'HttpMessageNotReadableException', 'JSON parse error')
    const reject = (reason: string) => c.json({ id: null, type: 'SKU_UPDATE', status: 'REJECT', reasons: [reason] })
    const payload = body?.payload
    if (!payload || typeof payload.integrator !== 'string' || payload.integrator.trim() === '') return reject('integrator alanı zorunludur.')
    if (!Array.isArray(payload.skus) || payload.skus.length === 0) return reject('skus alanı boş olamaz.')
    if (payload.skus.length > MAX_SKUS) return reject(`Bir istekte en fazla ${MAX_SKUS} sku gönderilebilir.`)
    const skus = payload.skus as SkuUpdateRequest[]
    const literals = priceLiterals(raw, skus)
    const task: Task = { id: nextTaskId++, createdAt: clock.now(), skus: skus.map((request, i) => ({ request: request ?? {}, literals: literals[i]! })) }
    account.tasks.set(task.id, task)
    return c.json({ id: task.id, type: 'SKU_UPDATE', status: 'IN_QUEUE', reasons: [`${skus.length} sku işlenmeye alındı.`] })
  })

  app.post('/ms/product/task-details/page-query', async (c) => {
    const account = c.get('account')
    const body = (await c.req.json().catch(() => null)) as { taskId?: unknown; pageable?: { page?: unknown; size?: unknown } } | null
    const task = account.tasks.get(Number(body?.taskId))
    if (!task) return msError(c, 400, 'TaskNotFoundException', `Task bulunamadı: ${String(body?.taskId)}`)
    const page = Number(body?.pageable?.page ?? 0)
    const size = Number(body?.pageable?.size ?? 20)
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 1000) {
      return msError(c, 500, 'InternalServerException', 'javax.validation.ConstraintViolationException: pageable.size must be between 1 and 1000')
    }
    settle(account, task)
    return c.json({
      taskId: task.id,
      createdDate: toN11TaskDate(task.createdAt),
      modifiedDate: toN11TaskDate(task.processedAt ?? task.createdAt),
      status: task.results ? 'PROCESSED' : 'IN_QUEUE',
      skus: springPage(task.results ?? [], page, size),
    })
  })

  // Unknown paths answer like n11's router: 503 HTML.
  app.notFound((c) => htmlError(c, 503, 'Application is not available'))

  function moveTo(pkg: N11Package, status: string) {
    const at = clock.now()
    pkg.shipmentPackageStatus = status
    pkg.lastModifiedDate = at
    pkg.packageHistories = [...(pkg.packageHistories ?? []), { createdDate: at, status }]
    for (const line of pkg.lines) line.orderItemLineItemStatusName = status
  }

  /** An account by app key; the first one when none is given. */
  const account = (appKey?: string) => {
    const found = appKey === undefined ? accounts.values().next().value : accounts.get(appKey)
    if (!found) throw new Error(`no simulated n11 account ${appKey}`)
    return found
  }
  const findPackage = (packageId: number, appKey?: string) => {
    const pkg = account(appKey).packages.find((candidate) => candidate.id === packageId)
    if (!pkg) throw new Error(`no package ${packageId}`)
    return pkg
  }

  return {
    app,
    demo: { credentials: { app_key: n11DemoAccount.appKey, app_secret: n11DemoAccount.appSecret } },
    quota,
    received,
    account,
    /**
     * The contracted carrier took the parcel and invoiced it: n11 fills the tracking number and link and
     * moves the package to Shipped by itself (there is no seller call for this).
     */
    ship(packageId: number, cargo: { senderNumber: string; link: string }, appKey?: string) {
      const pkg = findPackage(packageId, appKey)
      pkg.cargoSenderNumber = cargo.senderNumber
      pkg.cargoTrackingLink = cargo.link
      moveTo(pkg, 'Shipped')
    },
    setStatus(packageId: number, status: string, appKey?: string) {
      moveTo(findPackage(packageId, appKey), status)
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type N11Simulator = ReturnType<typeof createN11Simulator>
