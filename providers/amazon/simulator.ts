/**
 * A faithful fake of the Selling Partner API (Orders API 2026-01-01 and v0 confirmShipment in
 * simulator-orders.ts, Sellers v1, Listings Items 2021-08-01 in simulator-listings.ts) and Login with Amazon,
 * for the demo and the tests.
 *
 * Sources:
 * - developer-docs.amazon.com/sp-api/docs/website-authorization-workflow: consent at
 *   https://sellercentral.amazon.com/apps/authorize/consent?application_id&state[&version=beta][&redirect_uri];
 *   the redirect carries state, selling_partner_id and spapi_oauth_code (valid five minutes).
 * - .../connecting-to-the-selling-partner-api: POST https://api.amazon.com/auth/o2/token, form body
 *   grant_type=authorization_code|refresh_token, client_id, client_secret -> {access_token "Atza|…",
 *   refresh_token "Atzr|…", token_type "bearer", expires_in 3600}; the refresh token does not rotate.
 * - `x-amz-access-token` on every call; 403 `Unauthorized` "The access token you provided has expired.";
 *   ErrorList bodies `{errors: [{code, message, details}]}`.
 * - amzn/selling-partner-api-models (kept as test data under test/fixtures/specs/amazon/):
 *   models/orders-api-model/orders_2026-01-01.json (searchOrders, getOrder, usage plans; see
 *   simulator-orders.ts), ordersV0.json (confirmShipment), models/sellers-api-model/sellers.json
 *   (getMarketplaceParticipations: Marketplace.defaultCurrencyCode, storeName).
 * - developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits-in-the-sp-api: token buckets,
 *   `x-amzn-RateLimit-Limit`, 429 QuotaExceeded (simulator-usage-plans.ts).
 */
import { Hono, type Context } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { mountListings, seedListings } from './simulator-listings.js'
import { mountOrders } from './simulator-orders.js'
import { AMAZON_JP_MARKETPLACE, AMAZON_US_MARKETPLACE } from './simulator-seed.js'

export { AMAZON_JP_MARKETPLACE } from './simulator-seed.js'
export type { SimulatedShipment } from './simulator-orders.js'

export const amazonDemo = {
  clientId: 'amzn1.application-oa2-client.0demo0kopru0client',
  clientSecret: 'amzn1.oa2-cs.v1.demo0secret0kopru',
  applicationId: 'amzn1.sp.solution.0demo-kopru-0000-0000-000000000000',
  sellingPartnerId: 'A2KOPRUDEMO123',
  marketplaceId: AMAZON_US_MARKETPLACE,
}

export interface AmazonSimulatorOptions {
  clock?: SimulatorClock
  redirectUris?: string[]
  /** Orders per searchOrders page at most (Amazon: maxResultsPerPage, default 100). */
  pageSize?: number
  /** Listings the simulator holds (SKU-0001…, default 30). */
  listingCount?: number
  /** Enforce the Orders usage plans (429 QuotaExceeded past the burst); default true. */
  throttle?: boolean
}

/** getMarketplaceParticipations of the demo seller (Sellers API v1: every Marketplace member is required). */
const participations = [
  { marketplace: { id: amazonDemo.marketplaceId, countryCode: 'US', name: 'Amazon.com', defaultCurrencyCode: 'USD', defaultLanguageCode: 'en_US', domainName: 'www.amazon.com' }, participation: { isParticipating: true, hasSuspendedListings: false }, storeName: 'Kopru Demo' },
  { marketplace: { id: AMAZON_JP_MARKETPLACE, countryCode: 'JP', name: 'Amazon.co.jp', defaultCurrencyCode: 'JPY', defaultLanguageCode: 'ja_JP', domainName: 'www.amazon.co.jp' }, participation: { isParticipating: true, hasSuspendedListings: false }, storeName: 'Kopru Demo' },
]

export function createAmazonSimulator(options: AmazonSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const listings = seedListings(clock.now(), amazonDemo.marketplaceId, options.listingCount)
  const redirectUris = options.redirectUris ?? []
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: amazonDemo.clientId, clientSecret: amazonDemo.clientSecret, redirectUris }],
    applicationIds: { [amazonDemo.applicationId]: amazonDemo.clientId },
    clientIdParam: 'application_id',
    clientAuth: 'post',
    pkce: 'ignored',
    codeParam: 'spapi_oauth_code',
    accessTtlSeconds: 3600,
    refreshTtlSeconds: 10 * 365 * 24 * 3600,
    rotation: 'none',
    echoRefreshToken: true,
    tokenFormat: { access: () => `Atza|${crypto.randomUUID()}`, refresh: () => `Atzr|${crypto.randomUUID()}${crypto.randomUUID()}` },
    tokenBody: (t) => ({ access_token: t.access_token, ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}), token_type: 'bearer', expires_in: t.expires_in }),
    callbackParams: () => ({ selling_partner_id: amazonDemo.sellingPartnerId }),
    account: () => amazonDemo.sellingPartnerId,
    appName: 'kopru',
    providerName: 'Amazon Seller Central',
  })

  const app = new Hono()
  oauth.mount(app, { authorize: '/apps/authorize/consent', token: '/auth/o2/token' })

  const spError = (c: Context, status: 400 | 403 | 404, code: string, message: string, details = '') => c.json({ errors: [{ code, message, details }] }, status)

  for (const prefix of ['/orders/*', '/sellers/*', '/listings/*']) {
    app.use(prefix, async (c, next) => {
      const token = c.req.header('x-amz-access-token')
      if (!token) return spError(c, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The request has no access token.')
      if (!oauth.authenticate(token)) return spError(c, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.')
      await next()
    })
  }

  app.get('/sellers/v1/marketplaceParticipations', (c) => c.json({ payload: participations }))

  const ordersApi = mountOrders(app, spError, { clock, pageSize: options.pageSize ?? 100, throttle: options.throttle ?? true })
  mountListings(app, listings, spError)
  app.notFound((c) => spError(c, 404, 'NotFound', `Resource ${c.req.path} not found.`))

  return {
    app,
    oauth,
    orders: ordersApi.orders,
    shipments: ordersApi.shipments,
    /** The usage-plan buckets (`drain()` one to play an account that used its burst) and `state.throttle`. */
    quotas: ordersApi.quotas,
    throttling: ordersApi.state,
    listings,
    allowRedirect: (uri: string) => void redirectUris.push(uri),
    demo: { credentials: {} },
    demoOAuth: {
      allowRedirect: (uri: string) => void redirectUris.push(uri),
      app: { clientId: amazonDemo.clientId, clientSecret: amazonDemo.clientSecret, settings: { application_id: amazonDemo.applicationId } },
      grant: () => {
        const minted = oauth.mint({ account: amazonDemo.sellingPartnerId, clientId: amazonDemo.clientId, scope: '' })
        return { tokens: { ...minted, expires_at: new Date(clock.now() + minted.expires_in * 1000).toISOString() }, metadata: { selling_partner_id: amazonDemo.sellingPartnerId } }
      },
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type AmazonSimulator = ReturnType<typeof createAmazonSimulator>
