/**
 * Amazon Selling Partner API (https://developer-docs.amazon.com/sp-api): website authorization workflow
 * on Seller Central (`application_id`, `state`; the callback carries `spapi_oauth_code` and
 * `selling_partner_id`), Login with Amazon token endpoint (client_id/client_secret in the body, 1-hour access
 * tokens, long-lived refresh tokens that are not rotated), and `x-amz-access-token` on every call.
 */
import { z } from 'zod'
import { defineProvider, oauth2Auth, oauthTokensSchema, parseWire } from '../../src/core/provider-kit/index.js'
import { createFulfillment } from './fulfillments.js'
import { getListing, listingsJob, listListings, updateListings } from './listings.js'
import { getOrder, listOrders, US_MARKETPLACE } from './orders.js'
import { amazonParticipationsWire } from './wire.js'

const credentialsSchema = oauthTokensSchema
type Credentials = z.infer<typeof credentialsSchema>
const AMAZON = { id: 'amazon', name: 'Amazon' }

export const amazon = defineProvider<Credentials>({
  id: 'amazon',
  name: 'Amazon',
  kind: 'marketplace',
  auth: oauth2Auth(
    {
      authorize: { host: 'consent', path: '/apps/authorize/consent' },
      token: { host: 'lwa', path: '/auth/o2/token' },
      clientAuth: 'post',
      defaultScopes: [],
      refreshWindowMs: 5 * 60_000,
      codeParam: 'spapi_oauth_code',
      // Seller Central's consent URL takes the SP-API application id, not the LWA client id, and no scope.
      authorizeParams: ({ app }) => ({
        application_id: app.settings.application_id ?? app.clientId,
        client_id: null,
        response_type: null,
        scope: null,
        ...(app.settings.draft === 'true' ? { version: 'beta' } : {}),
      }),
      callbackMetadata: (params) => ({ selling_partner_id: params.get('selling_partner_id') ?? '' }),
      // An expired or revoked LWA token is answered with 403 Unauthorized ("The access token you provided has expired").
      isTokenRejected: ({ status, message }) => status === 401 || (status === 403 && /access token/i.test(message ?? '')),
      accountKey: 'selling_partner_id',
    },
    { apply: ({ headers }, credentials) => headers.set('x-amz-access-token', credentials.access_token) },
  ),
  baseUrls: { production: 'https://sellingpartnerapi-na.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-na.amazon.com' },
  hosts: {
    consent: { production: 'https://sellercentral.amazon.com', sandbox: 'https://sellercentral.amazon.com' },
    lwa: { production: 'https://api.amazon.com', sandbox: 'https://api.amazon.com' },
  },
  // Orders 2026-01-01 usage plans: searchOrders 0.0056 rps (burst 20), getOrder 0.5 rps (burst 30).
  quotas: [
    // SP-API usage plans are token buckets (rate + burst). A window of `burst` calls per `burst / rate` never
    // exceeds such a bucket (it allows burst + window × rate) and still lets a full burst through at once.
    { group: 'orders', limit: 20, intervalMs: Math.ceil((20 / 0.0056) * 1000), scope: 'credential', description: 'searchOrders: rate 0.0056/s, burst 20' },
    { group: 'order', limit: 30, intervalMs: 60_000, scope: 'credential', description: 'getOrder: rate 0.5/s, burst 30' },
    // Orders v0 confirmShipment (not deprecated; 2026-01-01 has no write operation).
    { group: 'shipment-confirmation', limit: 10, intervalMs: 5000, scope: 'credential', description: 'confirmShipment: rate 2/s, burst 10' },
    // Listings Items 2021-08-01: getListingsItem 5/s burst 10, searchListingsItems and patchListingsItem 5/s burst 5.
    { group: 'listings-get', limit: 10, intervalMs: 2000, scope: 'credential', description: 'getListingsItem: rate 5/s, burst 10' },
    { group: 'listings-search', limit: 5, intervalMs: 1000, scope: 'credential', description: 'searchListingsItems: rate 5/s, burst 5' },
    { group: 'listings-patch', limit: 5, intervalMs: 1000, scope: 'credential', description: 'patchListingsItem: rate 5/s, burst 5' },
    { group: 'default', limit: 1, intervalMs: 1000, scope: 'credential' },
  ],
  operations: {
    'orders.list': listOrders,
    'orders.get': getOrder,
    'fulfillments.create': createFulfillment,
    'products.list': listListings,
    'products.get': getListing,
    'inventory.update': updateListings,
    'inventory.job': listingsJob,
  },
  proxy: {},
  async verifyCredentials(ctx) {
    const response = await ctx.request({ path: '/sellers/v1/marketplaceParticipations' })
    const { payload } = parseWire(AMAZON, amazonParticipationsWire, response.data, 'a getMarketplaceParticipations answer')
    const participating = payload.filter((p) => p.participation.isParticipating)
    const currencies = Object.fromEntries(participating.flatMap((p) => (p.marketplace.defaultCurrencyCode ? [[p.marketplace.id, p.marketplace.defaultCurrencyCode]] : [])))
    const ids = participating.map((p) => p.marketplace.id)
    return { marketplace_ids: ids.length ? ids : [US_MARKETPLACE], marketplace_currencies: currencies }
  },
  parseError({ data }) {
    const first = (data as { errors?: { code?: string; message?: string; details?: string }[] } | null)?.errors?.[0]
    return { code: first?.code, message: [first?.message, first?.details].filter(Boolean).join(' ') || undefined }
  },
  simulator: async () => (await import('./simulator.js')).createAmazonSimulator(),
})
