/**
 * A fake of Paraşüt's API v4 for the demo and the tests.
 *
 * Sources:
 * - Paraşüt's own Swagger 2.0 document "Paraşüt - API V4" 4.0.0 (parasutcom/api-doc spec/swagger.yaml, kept as
 *   test/fixtures/specs/parasut/swagger.yaml; the source of https://apidocs.parasut.com), whose response schemas
 *   every answer here satisfies (test/integration/parasut-contract.test.ts): JSON:API documents under
 *   /v4/{company_id}; `GET /me?include=companies`; contacts (`filter[tax_number]`, `filter[name]`), sales invoices
 *   with `sales_invoice_details` (quantity, unit_price net, vat_rate, discount_type/discount_value — numbers),
 *   totals as numbers, `invoice_no` once formalised, `item_type: cancelled` after `DELETE …/cancel`,
 *   `include=active_e_document`; `order_no` and `order_date` required together to formalise; e-Arşiv
 *   `POST /e_archives` and e-Fatura `POST /e_invoices` answering 201 with a `trackable_jobs` resource (`running`,
 *   `done`, `error` with `errors[]`), `GET /trackable_jobs/{id}` (an id lives 15 minutes), e-Arşiv status
 *   (`legalized` here), e-Fatura status (`waiting`, then `successful`), `GET /e_archives/{id}/pdf`
 *   (`e_document_pdfs` with a temporary `url`, 204 while it is prepared), `GET /e_invoice_inboxes?filter[vkn]=`;
 *   currencies TRL USD EUR GBP; per-company limit of 10 requests in 10 seconds ("Genel Bilgiler"); OAuth 2.0 at
 *   /oauth/authorize and /oauth/token (authorization_code and refresh_token grants,
 *   `redirect_uri=urn:ietf:wg:oauth:2.0:oob` for password grants), 7200 s tokens.
 * - Public clients read for field names and flows: ozgur-soft/Parasut.NET (Parasut/Parasut.cs: request classes
 *   for contacts, sales invoices, e_archives with internet_sale, e_invoices with scenario/to, e-document PDFs,
 *   e_invoice_inboxes by VKN) and adilumer/parasut-api-client (README: token handling, modules).
 * - Validation wording (tax number checksum, missing tax office, VAT rate, duplicate invoice number) is the
 *   simulator's own; the document's Error is `{errors: [{title, detail}]}`, the simulator adds JSON:API's
 *   `source.pointer`.
 */
import { Hono } from 'hono'
import { createOAuthServer } from '../../src/core/provider-kit/oauth-server.js'
import { fixedWindowQuota, systemClock, type SimulatorClock, type SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { mountSalesRoutes } from './simulator-routes.js'
import { createCompanyStore, jsonApiError } from './simulator-store.js'

export const parasutDemo = {
  clientId: 'parasut-demo-client',
  clientSecret: 'parasut-demo-secret-7Hq2',
  userId: '5001',
  companyId: '627',
  /** Registered e-Fatura users (GİB's list as Paraşüt serves it). */
  inboxes: [{ vkn: '1234567808', alias: 'urn:mail:defaultpk@ornek-ticaret.com.tr', name: 'Örnek Ticaret A.Ş.' }],
}

export interface ParasutSimulatorOptions {
  clock?: SimulatorClock
  redirectUris?: string[]
  quota?: { limit: number; windowMs: number }
  /** How long a trackable job takes (GİB's queue). */
  issueDelayMs?: number
}

export function createParasutSimulator(options: ParasutSimulatorOptions = {}) {
  const clock = options.clock ?? systemClock
  const redirectUris = options.redirectUris ?? []
  const oauth = createOAuthServer({
    clock,
    clients: [{ clientId: parasutDemo.clientId, clientSecret: parasutDemo.clientSecret, redirectUris }],
    clientAuth: 'post',
    pkce: 'ignored',
    accessTtlSeconds: 7200,
    refreshTtlSeconds: 365 * 24 * 3600,
    rotation: 'strict',
    // Doorkeeper's token body.
    tokenBody: (t) => ({
      access_token: t.access_token,
      token_type: 'bearer',
      expires_in: t.expires_in,
      refresh_token: t.refresh_token,
      scope: 'public',
      created_at: Math.floor(clock.now() / 1000),
    }),
    account: () => parasutDemo.userId,
    appName: 'kopru',
    providerName: 'Paraşüt',
  })
  const quota = fixedWindowQuota({ ...(options.quota ?? { limit: 10, windowMs: 10_000 }), clock })
  const company = createCompanyStore(clock, { issueDelayMs: options.issueDelayMs ?? 4_000, series: 'KPR' })
  const control = { dropCreateAnswers: 0, dropContactAnswers: 0, failNextIssuance: company.control.failNextIssuance }
  const received: { method: string; path: string; body?: unknown }[] = []

  const app = new Hono()
  oauth.mount(app, { authorize: '/oauth/authorize', token: '/oauth/token' })
  app.use('/v4/*', async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!oauth.authenticate(token)) return jsonApiError(c, 401, [{ title: 'Unauthorized', detail: 'The access token is invalid or has expired' }])
    const slot = quota.take(parasutDemo.companyId)
    if (!slot.ok) {
      c.header('Retry-After', String(slot.retryAfterSeconds))
      return jsonApiError(c, 429, [{ title: 'Too Many Requests', detail: 'Rate limit exceeded' }])
    }
    received.push({ method: c.req.method, path: c.req.path })
    company.advanceJobs()
    await next()
  })
  app.get('/v4/me', (c) =>
    c.json({
      data: { id: parasutDemo.userId, type: 'users', attributes: { name: 'Demo Kullanıcı', email: 'demo@kopru.test' } },
      included: [{ id: parasutDemo.companyId, type: 'companies', attributes: { name: 'Kopru Demo Mağaza Ltd.' } }],
    }),
  )
  app.use('/v4/:company/*', async (c, next) => {
    if (c.req.param('company') !== parasutDemo.companyId) return jsonApiError(c, 404, [{ title: 'Not Found', detail: 'Firma bulunamadı' }])
    await next()
  })
  mountSalesRoutes(app, { company, control, inboxes: parasutDemo.inboxes, clock, received })
  app.get('/pdf/:id', (c) => c.body('%PDF-1.4\n% Paraşüt simulator e-document\n%%EOF\n', 200, { 'content-type': 'application/pdf' }))
  app.notFound((c) => jsonApiError(c, 404, [{ title: 'Not Found', detail: `No route ${c.req.method} ${c.req.path}` }]))

  return {
    app,
    oauth,
    quota,
    company,
    control,
    received,
    demo: { credentials: {} },
    demoOAuth: {
      allowRedirect: (uri: string) => void redirectUris.push(uri),
      app: { clientId: parasutDemo.clientId, clientSecret: parasutDemo.clientSecret },
      grant: () => {
        const minted = oauth.mint({ account: parasutDemo.userId, clientId: parasutDemo.clientId, scope: 'public' })
        return {
          tokens: { access_token: minted.access_token, refresh_token: minted.refresh_token, expires_at: new Date(clock.now() + minted.expires_in * 1000).toISOString() },
          metadata: { user_id: parasutDemo.userId, company_id: parasutDemo.companyId },
        }
      },
    },
  } satisfies SimulatorModule & Record<string, unknown>
}

export type ParasutSimulator = ReturnType<typeof createParasutSimulator>
