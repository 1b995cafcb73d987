import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { safeString } from '../models/safe.js'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { ConnectFailure, SESSION_COOKIE, SESSION_TTL_MS } from '../core/connect.js'
import { KopruError } from '../core/errors.js'
import { operationsOf } from '../core/registry.js'
import type { GatewayServices } from '../core/services.js'
import { requestBase } from '../http/request-base.js'
import type { GatewayEnv } from '../http/types.js'
import { problemResponses } from '../models/problem.js'
import { connectPage, noticePage } from './connect-page.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const CreateSession = z
  .object({
    provider: safeString().min(1).max(40),
    redirect_url: safeString(2000).optional().openapi({ description: 'Where the browser goes afterwards, with ?connection_id= or ?error=' }),
    environment: z.enum(['production', 'sandbox']).optional(),
    connection_id: safeString().max(64).optional().openapi({ description: 'Re-authorize this connection instead of creating one' }),
  })
  .openapi('CreateConnectSession')
const ConnectSession = z.object({ id: safeString(), url: safeString(), expires_at: safeString() }).openapi('ConnectSession')

const createSession = createRoute({
  method: 'post',
  path: '/v1/connect/sessions',
  operationId: 'createConnectSession',
  tags: ['connections'],
  security: [{ tenantKey: [] }],
  summary: 'A short-lived hosted connect link for an end user (OAuth consent or a credentials form)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateSession } } } },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: ConnectSession } } }, ...problemResponses(400, 401, 404) },
})

export { requestBase }

const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action *; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
}
const page = (html: string, status = 200) => new Response(html, { status, headers: htmlHeaders })

async function formOf(c: Context<GatewayEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}))
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 500)]))
}

function redirectWith(target: string, params: Record<string, string>): Response {
  const url = new URL(target)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return new Response(null, { status: 303, headers: { location: url.href, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } })
}

type Connect = Pick<GatewayServices, 'connect' | 'registry'>
type SessionPageExtra = { values?: Record<string, string>; errors?: { path: string; message: string }[]; message?: string }

const cookiePath = (c: Context<GatewayEnv>) => `${new URL(requestBase(c.req.url)).pathname.replace(/\/$/, '')}/connect`

function renderSession({ registry }: Connect, sessionId: string, providerId: string, extra: SessionPageExtra = {}) {
  const provider = registry.get(providerId)
  const oauth = provider.auth.type === 'oauth2'
  return connectPage({
    sessionId,
    providerName: provider.name,
    oauth,
    operations: operationsOf(provider),
    fields: oauth ? (provider.auth.oauth?.connectFields ?? []).map((f) => f.field) : provider.auth.fields,
    ...extra,
  })
}

function failurePage(failure: ConnectFailure) {
  const target = failure.session?.redirectUrl
  if (target) return redirectWith(target, { error: failure.code, error_description: failure.message, session_id: failure.session!.id })
  return page(noticePage('Connection not completed', failure.message), failure.status)
}

/** The browser pages, documented so the whole surface is in one place (they answer HTML, not JSON). */
function documentBrowserPages(app: OpenAPIHono<GatewayEnv>) {
app.openAPIRegistry.registerPath({
  method: 'get',
  path: '/connect/{session}',
  operationId: 'getConnectPage',
  security: [],
  tags: ['connect'],
  summary: 'The hosted connect page a tenant sends its user to (HTML): provider, what is shared, Connect',
  request: { params: z.object({ session: safeString() }) },
  responses: { 200: { description: 'The page', content: { 'text/html': { schema: safeString() } } }, 404: { description: 'Unknown or expired session (HTML notice)' } },
})
app.openAPIRegistry.registerPath({
  method: 'get',
  path: '/connect/callback',
  operationId: 'connectCallback',
  security: [],
  tags: ['connect'],
  summary: "OAuth redirect URI: exchanges the code, then redirects to the session's redirect_url with connection_id (or error)",
  request: { query: z.object({ state: safeString().optional(), code: safeString().optional(), error: safeString().optional() }) },
  responses: { 303: { description: 'Back to redirect_url with connection_id or error' }, 400: { description: 'Refused (HTML notice)' } },
})
}

const callbackPage = ({ connect }: Connect) => async (c: Context<GatewayEnv>) => {
  const params = new URL(c.req.url).searchParams
  try {
    const { session, connection } = await connect.callback(params, getCookie(c, SESSION_COOKIE), requestBase(c.req.url), c.get('scope'))
    if (session.redirectUrl) return redirectWith(session.redirectUrl, { connection_id: connection.info.id })
    return page(noticePage(`${connection.provider.name} connected`, `Your ${connection.provider.name} account is connected (${connection.info.id}). You can close this window.`, true))
  } catch (error) {
    if (error instanceof ConnectFailure) {
      c.get('log').warn('connect callback refused', { code: error.code })
      return failurePage(error)
    }
    throw error
  }
}

const sessionPage = (deps: Connect) => async (c: Context<GatewayEnv>) => {
  try {
    const { session, provider } = await deps.connect.open((c.req.param('session') ?? ''))
    setCookie(c, SESSION_COOKIE, session.id, {
      path: cookiePath(c),
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.ceil(SESSION_TTL_MS / 1000),
    })
    return c.body(renderSession(deps, session.id, provider.id), 200, htmlHeaders)
  } catch (error) {
    if (error instanceof ConnectFailure) return page(noticePage('Link not usable', error.message), error.status)
    throw error
  }
}

const authorizePage = (deps: Connect) => async (c: Context<GatewayEnv>) => {
  const sessionId = (c.req.param('session') ?? '')
  const form = await formOf(c)
  try {
    const url = await deps.connect.authorize(sessionId, getCookie(c, SESSION_COOKIE), form, requestBase(c.req.url))
    return new Response(null, { status: 303, headers: { location: url.href, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } })
  } catch (error) {
    if (error instanceof ConnectFailure) return page(noticePage('Connection not started', error.message), error.status)
    if (error instanceof KopruError && error.code === 'invalid_request') {
      const { session } = await deps.connect.open(sessionId)
      return page(renderSession(deps, sessionId, session.provider, { values: form, errors: error.errors, message: error.errors ? undefined : error.message }), 400)
    }
    throw error
  }
}

const credentialsPage = (deps: Connect) => async (c: Context<GatewayEnv>) => {
  const sessionId = (c.req.param('session') ?? '')
  const form = await formOf(c)
  try {
    const { session, connection } = await deps.connect.submitCredentials(sessionId, getCookie(c, SESSION_COOKIE), form, c.get('scope'))
    if (session.redirectUrl) return redirectWith(session.redirectUrl, { connection_id: connection.info.id })
    return page(noticePage(`${connection.provider.name} connected`, `Your ${connection.provider.name} account is connected (${connection.info.id}).`, true))
  } catch (error) {
    if (error instanceof ConnectFailure) return page(noticePage('Connection not completed', error.message), error.status)
    if (error instanceof KopruError && error.status < 500) {
      const { session } = await deps.connect.open(sessionId)
      return page(renderSession(deps, sessionId, session.provider, { values: form, errors: error.errors, message: error.errors?.some((e) => e.path !== 'credentials') ? undefined : error.message }), 400)
    }
    throw error
  }
}

export function connectRoutes(deps: Connect) {
  const app = new GatewayRoutes()
  documentBrowserPages(app)
  return app
    .openapi(createSession, async (c) => {
      const body = c.req.valid('json')
      const created = await deps.connect.createSession({
        tenantId: c.get('tenantId'),
        provider: body.provider,
        environment: body.environment,
        redirectUrl: body.redirect_url,
        connectionId: body.connection_id,
        base: requestBase(c.req.url),
      })
      return c.json(created, 201)
    })
    .get('/connect/callback', callbackPage(deps))
    .get('/connect/:session', sessionPage(deps))
    .post('/connect/:session/authorize', authorizePage(deps))
    .post('/connect/:session', credentialsPage(deps))
}
