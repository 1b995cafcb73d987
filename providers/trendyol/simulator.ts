/**
 * A faithful fake of Trendyol's seller API, for the demo and the tests.
 *
 * Sources:
 * - Trendyol developer docs, as scraped in RobertPopa10/order-trendyol-modalite `trendyol_docs_complete.md`:
 *   "Service Limitations" (50 requests / 10 s per endpoint, then 429 `too.many.requests`), "Authorization"
 *   (Basic apiKey:apiSecret; `User-Agent: <sellerId> - SelfIntegration`, 403 without it; 401
 *   `ClientApiAuthenticationException`), "getShipmentPackages" (GET /integration/order/sellers/{sellerId}/orders,
 *   page/size paging with totalPages/totalElements, size ≤ 200, startDate/endDate ≤ 2 weeks apart, statuses).
 * - A seller's verified field notes (2026-05-04): `orderDate` is Turkish wall-clock time as epoch millis while
 *   `packageHistories[].createdDate` is a true instant; `price` net and `amount` gross unit prices.
 */
import { Hono, type Context } from 'hono'
import {
  fixedWindowQuota,
  parseBasicAuth,
  systemClock,
  type SimulatorClock,
  type SimulatorModule,
} from '../../src/core/provider-kit/simulator.js'
import { seedPackages, toTrendyolPackage, type PackageSpec } from './fixtures.js'
import type { TrendyolPackage } from './types.js'

export interface TrendyolSeller {
  sellerId: string
  apiKey: string
  apiSecret: string
  packages: TrendyolPackage[]
}

export interface TrendyolSimulatorOptions {
  sellers?: { sellerId: string; apiKey: string; apiSecret: string; packages?: PackageSpec[] }[]
  clock?: SimulatorClock
  /** Requests per endpoint per seller in `windowMs` (Trendyol: 50 per 10 s). */
  quota?: { limit: number; windowMs: number }
}

export const trendyolDemoSeller = { sellerId: '100200', apiKey: 'demoApiKey8f3K', apiSecret: 'demoApiSecret2Qw9' }

const TWO_WEEKS_MS = 14 * 24 * 3600_000

const trendyolError = (c: Context, status: 400 | 401 | 403 | 404 | 429, key: string, message: string) =>
  c.json(
    {
      timestamp: new Date().toISOString(),
      exception: key,
      errors: [{ key, message, errorParams: [] }],
    },
    status,
  )

export function createTrendyolSimulator(options: TrendyolSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const sellers = new Map<string, TrendyolSeller>()
  for (const seller of options.sellers ?? [{ ...trendyolDemoSeller }]) {
    const specs = seller.packages ?? seedPackages({ now: clock.now() })
    sellers.set(seller.sellerId, { ...seller, packages: specs.map(toTrendyolPackage) })
  }
  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 50, windowMs: 10_000 }), clock })
  const received: { method: string; path: string; headers: Record<string, string>; at: number }[] = []

  const app = new Hono<{ Variables: { seller: TrendyolSeller } }>()

  app.use('/integration/*', async (c, next) => {
    received.push({ method: c.req.method, path: c.req.path, headers: Object.fromEntries(c.req.raw.headers), at: clock.now() })
    const sellerId = /\/sellers\/(\d+)\//.exec(c.req.path)?.[1]
    const userAgent = c.req.header('user-agent') ?? ''
    if (!sellerId || !new RegExp(`^${sellerId} - \\S.*$`).test(userAgent)) {
      return trendyolError(c, 403, 'ClientApiAuthorizationException', 'User-Agent must be "<sellerId> - SelfIntegration"')
    }
    const credentials = parseBasicAuth(c.req.header('authorization'))
    const seller = sellers.get(sellerId)
    if (!credentials || !seller || seller.apiKey !== credentials.user || seller.apiSecret !== credentials.password) {
      return trendyolError(c, 401, 'ClientApiAuthenticationException', 'Unauthorized client')
    }
    const endpoint = c.req.path.replace(/\/\d+(?=\/|$)/g, '/{id}')
    const slot = quota.take(`${sellerId} ${c.req.method} ${endpoint}`)
    if (!slot.ok) {
      c.header('Retry-After', String(slot.retryAfterSeconds))
      return trendyolError(c, 429, 'too.many.requests', 'You have sent too many requests. Please try again later.')
    }
    c.set('seller', seller)
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
    const ids = query.shipmentPackageIds?.split(',').map((id) => id.trim())
    let packages = seller.packages
    if (ids) packages = packages.filter((pkg) => ids.includes(String(pkg.id)))
    if (query.orderNumber) packages = packages.filter((pkg) => pkg.orderNumber === query.orderNumber)
    if (!ids && !query.orderNumber) {
      const end = query.endDate ? Number(query.endDate) : clock.now() + 3 * 3600_000
      const start = query.startDate ? Number(query.startDate) : end - TWO_WEEKS_MS
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
      content: sorted.slice(page * size, page * size + size),
    })
  })

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
    /** Moves a package to a new status the way Trendyol would (history entry, lastModifiedDate). */
    setStatus(packageId: number | string, status: string, sellerId = trendyolDemoSeller.sellerId) {
      const pkg = sellers.get(sellerId)?.packages.find((candidate) => String(candidate.id) === String(packageId))
      if (!pkg) throw new Error(`no package ${packageId}`)
      const at = clock.now()
      pkg.status = status
      pkg.shipmentPackageStatus = status
      pkg.lastModifiedDate = at
      pkg.packageHistories = [...(pkg.packageHistories ?? []), { createdDate: at, status }]
      for (const line of pkg.lines) line.orderLineItemStatusName = status
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type TrendyolSimulator = ReturnType<typeof createTrendyolSimulator>
