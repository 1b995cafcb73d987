/**
 * A small but real OAuth 2.0 authorization server for provider simulators (RFC 6749 code grant and
 * refresh, RFC 7636 PKCE, RFC 7009-style revocation). Each simulator configures where it deviates:
 * client authentication, PKCE policy, code parameter name, extra callback parameters, token response
 * shape, lifetimes and refresh-token rotation. Tests read `stats` and inject failures.
 */
import type { Context, Hono } from 'hono'
import { randomToken } from '../ids.js'
import { bytesToBase64Url, utf8 } from '../encoding.js'
import { parseBasicAuth, systemClock, type SimulatorClock } from './simulator.js'

export interface OAuthServerClient {
  clientId: string
  clientSecret: string
  /** Exact redirect URIs accepted; a key of `aliases` (eBay RuName) stands for its target URL. */
  redirectUris: string[]
}

export interface IssuedGrant {
  /** The provider account the grant is for (shop, user id, selling partner id). */
  account: string
  clientId: string
  scope: string
}

export interface TokenRecord extends IssuedGrant {
  expiresAt: number
  revoked: boolean
}

export interface OAuthServerOptions {
  clock?: SimulatorClock
  clients: OAuthServerClient[]
  /** Redirect URI aliases: eBay's RuName -> the accept URL registered for it. */
  aliases?: Record<string, string>
  clientAuth: 'basic' | 'post' | 'none'
  pkce: 'required' | 'ignored'
  codeParam?: string
  /** Query parameter carrying the client id on the authorize URL (Amazon: application_id). */
  clientIdParam?: string
  /** Authorize-URL ids that stand for a client (Amazon: SP-API application id -> LWA client id). */
  applicationIds?: Record<string, string>
  accessTtlSeconds: number
  refreshTtlSeconds: number
  /**
   * `strict`: a refresh returns a new refresh token and the old one dies at once. `grace`: the old one keeps
   * working until the new access token is first used (Shopify, since Aug 2026). `none`: the refresh token stays.
   */
  rotation: 'strict' | 'grace' | 'none'
  /** Whether a refresh response repeats the (unchanged) refresh token (Amazon LWA) or omits it (eBay). */
  echoRefreshToken?: boolean
  /** Provider-shaped token body. */
  tokenBody(tokens: { access_token: string; refresh_token?: string; expires_in: number; refresh_expires_in: number; scope: string; account: string; grant: 'authorization_code' | 'refresh_token' }): Record<string, unknown>
  /** Access/refresh token strings (Etsy prefixes the user id, LWA uses Atza|/Atzr|). */
  tokenFormat?: { access: (account: string) => string; refresh: (account: string) => string }
  /** Extra query parameters on the redirect back (Shopify shop/hmac, Amazon selling_partner_id). */
  callbackParams?(input: { account: string; client: OAuthServerClient; params: URLSearchParams }): Promise<Record<string, string>> | Record<string, string>
  /** The account a consent grants (simulators have one demo account unless told otherwise). */
  account(c: Context): string
  appName: string
  providerName: string
  /** Provider-shaped error body (default RFC 6749 `{error, error_description}`). */
  errorBody?(error: string, description: string): Record<string, unknown>
}

interface CodeRecord extends IssuedGrant {
  redirectUri: string
  challenge?: string
  expiresAt: number
  used: boolean
}

interface RefreshRecord extends IssuedGrant {
  expiresAt: number
  revoked: boolean
  /** grace rotation: the successor, and whether its access token has been used yet. */
  successor?: string
  successorAccess?: string
}

const esc = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

async function s256(verifier: string): Promise<string> {
  return bytesToBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(verifier))))
}

interface ServerState {
  options: OAuthServerOptions
  clock: SimulatorClock
  clients: Map<string, OAuthServerClient>
  codes: Map<string, CodeRecord>
  refreshTokens: Map<string, RefreshRecord>
  accessTokens: Map<string, TokenRecord & { refreshToken?: string }>
  stats: { authorizationCode: number; refresh: number; rotations: number; failures: number }
  failures: { status: number; delayMs?: number }[]
  tokenDelayMs: number
  listeners: { rotated: ((info: { old: string; next: string }) => void)[]; used: ((token: string) => void)[] }
  format: NonNullable<OAuthServerOptions['tokenFormat']>
}

const oauthError = (st: ServerState, c: Context, status: 400 | 401, error: string, description: string) =>
  c.json((st.options.errorBody ?? ((e: string, d: string) => ({ error: e, error_description: d })))(error, description), status)

function issue(st: ServerState, grant: IssuedGrant, refreshToken?: string) {
  const now = st.clock.now()
  const access = st.format.access(grant.account)
  st.accessTokens.set(access, { ...grant, expiresAt: now + st.options.accessTtlSeconds * 1000, revoked: false, refreshToken })
  return access
}

function newRefresh(st: ServerState, grant: IssuedGrant): string {
  const token = st.format.refresh(grant.account)
  st.refreshTokens.set(token, { ...grant, expiresAt: st.clock.now() + st.options.refreshTtlSeconds * 1000, revoked: false })
  return token
}

function clientForConsent(st: ServerState, id: string | null): OAuthServerClient | undefined {
  return id ? st.clients.get(st.options.applicationIds?.[id] ?? id) : undefined
}

function resolveRedirect(st: ServerState, uri: string): string {
  return st.options.aliases?.[uri] ?? uri
}

function clientFrom(st: ServerState, c: Context, form: URLSearchParams): OAuthServerClient | null {
  if (st.options.clientAuth === 'basic') {
    const basic = parseBasicAuth(c.req.header('authorization'))
    const client = basic ? st.clients.get(basic.user) : undefined
    return client && client.clientSecret === basic!.password ? client : null
  }
  const client = st.clients.get(form.get('client_id') ?? '')
  if (!client) return null
  if (st.options.clientAuth === 'post' && client.clientSecret !== form.get('client_secret')) return null
  return client
}

function consentPage(st: ServerState, params: URLSearchParams, client: OAuthServerClient, action: string): string {
  const hidden = [...params].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('')
  const scopes = (params.get('scope') ?? '').split(/[\s,]+/).filter(Boolean)
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(st.options.providerName)} · Authorize</title>
<style>body{font:15px system-ui,sans-serif;background:#eef0f3;display:flex;justify-content:center;padding-top:60px}main{background:#fff;padding:28px;border-radius:10px;width:380px}
button{padding:10px 18px;border-radius:6px;border:0;font-weight:600;margin-right:8px}#allow{background:#1a7f37;color:#fff}</style></head>
<body><main><h2>${esc(st.options.providerName)} (simulator)</h2><p><b>${esc(st.options.appName)}</b> (${esc(client.clientId)}) wants access to your account:</p>
<ul>${scopes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul><form method="post" action="${esc(action)}">${hidden}
<button id="allow" name="decision" value="allow">Allow</button><button id="deny" name="decision" value="deny">Deny</button></form></main></body></html>`
}

/** GET authorize: the consent page. */
const showConsent = (st: ServerState, action: string) => (c: Context) => {
  const params = new URL(c.req.url).searchParams
  const client = clientForConsent(st, params.get(st.options.clientIdParam ?? 'client_id'))
  if (!client) return c.text('unknown client_id', 400)
  const redirect = params.get('redirect_uri')
  if (redirect !== null && !client.redirectUris.includes(redirect)) return c.text('redirect_uri is not registered for this app', 400)
  if (st.options.pkce === 'required' && (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge'))) {
    return c.text('code_challenge with code_challenge_method=S256 is required', 400)
  }
  return c.html(consentPage(st, params, client, action))
}

/** POST authorize: the user decided; back to the app with a code or an error. */
const decideConsent = (st: ServerState) => async (c: Context) => {
  const form = new URLSearchParams((await c.req.text()) || '')
  const client = clientForConsent(st, form.get(st.options.clientIdParam ?? 'client_id'))
  if (!client) return c.text('unknown client_id', 400)
  const registered = form.get('redirect_uri') ?? client.redirectUris[0]!
  if (!client.redirectUris.includes(registered)) return c.text('redirect_uri is not registered for this app', 400)
  const target = new URL(resolveRedirect(st, registered))
  const state = form.get('state')
  if (form.get('decision') !== 'allow') {
    target.searchParams.set('error', 'access_denied')
    target.searchParams.set('error_description', 'The user denied access')
    if (state) target.searchParams.set('state', state)
    return c.redirect(target.href, 302)
  }
  const account = st.options.account(c)
  const code = randomToken(32)
  st.codes.set(code, {
    account,
    clientId: client.clientId,
    scope: form.get('scope') ?? '',
    redirectUri: registered,
    challenge: st.options.pkce === 'required' ? (form.get('code_challenge') ?? undefined) : undefined,
    expiresAt: st.clock.now() + 5 * 60_000,
    used: false,
  })
  target.searchParams.set(st.options.codeParam ?? 'code', code)
  if (state) target.searchParams.set('state', state)
  for (const [key, value] of Object.entries(await st.options.callbackParams?.({ account, client, params: target.searchParams }) ?? {})) {
    target.searchParams.set(key, value)
  }
  return c.redirect(target.href, 302)
}

async function codeGrant(st: ServerState, c: Context, client: OAuthServerClient, form: URLSearchParams, now: number) {
  st.stats.authorizationCode++
  const record = st.codes.get(form.get('code') ?? '')
  if (!record || record.used || record.expiresAt <= now || record.clientId !== client.clientId) {
    if (record) record.used = true
    return oauthError(st, c, 400, 'invalid_grant', 'the authorization code is invalid, expired or already used')
  }
  record.used = true
  if (form.get('redirect_uri') !== null && form.get('redirect_uri') !== record.redirectUri) {
    return oauthError(st, c, 400, 'invalid_grant', 'redirect_uri does not match the authorization request')
  }
  if (record.challenge) {
    const verifier = form.get('code_verifier') ?? ''
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || (await s256(verifier)) !== record.challenge) {
      return oauthError(st, c, 400, 'invalid_grant', 'code_verifier does not match the code_challenge')
    }
  }
  const refresh = newRefresh(st, record)
  const access = issue(st, record, refresh)
  return c.json(st.options.tokenBody({ access_token: access, refresh_token: refresh, expires_in: st.options.accessTtlSeconds, refresh_expires_in: st.options.refreshTtlSeconds, scope: record.scope, account: record.account, grant: 'authorization_code' }))

}

async function refreshGrant(st: ServerState, c: Context, client: OAuthServerClient, form: URLSearchParams, now: number) {
  st.stats.refresh++
  const presented = form.get('refresh_token') ?? ''
  const record = st.refreshTokens.get(presented)
  if (!record || record.revoked || record.expiresAt <= now || record.clientId !== client.clientId) {
    return oauthError(st, c, 400, 'invalid_grant', 'the refresh token is invalid, expired or revoked')
  }
  let refreshOut: string | undefined = st.options.echoRefreshToken ? presented : undefined
  let refreshFor = presented
  if (st.options.rotation !== 'none') {
    const next = newRefresh(st, record)
    st.stats.rotations++
    if (st.options.rotation === 'strict') record.revoked = true
    else record.successor = next
    refreshOut = next
    refreshFor = next
    for (const listener of st.listeners.rotated) listener({ old: presented, next })
  }
  const access = issue(st, record, refreshFor)
  if (st.options.rotation === 'grace') record.successorAccess = access
  return c.json(st.options.tokenBody({ access_token: access, refresh_token: refreshOut, expires_in: st.options.accessTtlSeconds, refresh_expires_in: Math.round((record.expiresAt - now) / 1000), scope: record.scope, account: record.account, grant: 'refresh_token' }))

}

/** The token endpoint: authorization_code and refresh_token grants, with scripted failures and delays. */
const tokenEndpoint = (st: ServerState) => async (c: Context) => {
  if (st.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, st.tokenDelayMs))
  const failure = st.failures.shift()
  if (failure) {
    st.stats.failures++
    if (failure.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs))
    return c.json({ error: 'server_error', error_description: 'temporarily unavailable' }, failure.status as 500)
  }
  const type = c.req.header('content-type') ?? ''
  const raw = await c.req.text()
  const form = type.includes('json') ? new URLSearchParams(JSON.parse(raw || '{}') as Record<string, string>) : new URLSearchParams(raw)
  const client = clientFrom(st, c, form)
  if (!client) return oauthError(st, c, 401, 'invalid_client', 'client authentication failed')
  const grantType = form.get('grant_type')
  const now = st.clock.now()

  if (grantType === 'authorization_code') return codeGrant(st, c, client, form, now)
  if (grantType === 'refresh_token') return refreshGrant(st, c, client, form, now)
  return oauthError(st, c, 400, 'unsupported_grant_type', `grant_type ${grantType ?? '(none)'} is not supported`)
}

/** Revokes a refresh token (and the access tokens issued from it) or a single access token. */
function revoke(st: ServerState, token: string) {
  const refresh = st.refreshTokens.get(token)
  if (refresh) {
    refresh.revoked = true
    for (const record of st.accessTokens.values()) if (record.refreshToken === token) record.revoked = true
  }
  const access = st.accessTokens.get(token)
  if (access) access.revoked = true
}

/** The grant behind an API call's access token, or null (unknown, expired, revoked). */
function authenticate(st: ServerState, token: string | undefined | null): TokenRecord | null {
  const record = token ? st.accessTokens.get(token) : undefined
  if (!record || record.revoked || record.expiresAt <= st.clock.now()) return null
  for (const listener of st.listeners.used) listener(token!)
  if (st.options.rotation === 'grace' && record.refreshToken) {
    // First use of the replacement's access token retires the predecessor refresh token.
    for (const candidate of st.refreshTokens.values()) {
      if (candidate.successorAccess === token && candidate.successor) candidate.revoked = true
    }
  }
  return record
}

export function createOAuthServer(options: OAuthServerOptions) {
  const st: ServerState = {
    options,
    clock: options.clock ?? systemClock,
    clients: new Map(options.clients.map((client) => [client.clientId, client])),
    codes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    stats: { authorizationCode: 0, refresh: 0, rotations: 0, failures: 0 },
    failures: [],
    tokenDelayMs: 0,
    listeners: { rotated: [], used: [] },
    format: options.tokenFormat ?? { access: () => randomToken(40), refresh: () => randomToken(48) },
  }
  const { stats } = st
  /** Mints a grant directly (demo seeding and tests), as if the user had consented. */
  function mint(grant: IssuedGrant, { accessTtlSeconds }: { accessTtlSeconds?: number } = {}) {
    const refresh = newRefresh(st, grant)
    const access = issue(st, grant, refresh)
    if (accessTtlSeconds !== undefined) st.accessTokens.get(access)!.expiresAt = st.clock.now() + accessTtlSeconds * 1000
    return { access_token: access, refresh_token: refresh, expires_in: accessTtlSeconds ?? options.accessTtlSeconds, refresh_expires_in: options.refreshTtlSeconds }
  }

  /** Mounts the authorize page (GET shows consent, POST decides) and the token and revoke endpoints. */
  function mount(app: Hono<any>, paths: { authorize: string; token: string; revoke?: string }) {
    app.get(paths.authorize, showConsent(st, paths.authorize))
    app.post(paths.authorize, decideConsent(st))
    app.post(paths.token, tokenEndpoint(st))
    if (paths.revoke) {
      app.post(paths.revoke, async (c) => {
        const form = new URLSearchParams(await c.req.text())
        revoke(st, form.get('token') ?? '')
        return c.body(null, 200)
      })
    }
  }

  return {
    mount,
    mint,
    authenticate: (token: string | undefined | null) => authenticate(st, token),
    revoke: (token: string) => revoke(st, token),
    stats,
    onRotated: (listener: (info: { old: string; next: string }) => void) => st.listeners.rotated.push(listener),
    /** Called for every API request authenticated with a valid access token. */
    onTokenUsed: (listener: (token: string) => void) => st.listeners.used.push(listener),
    /** The next token requests fail with this status (5xx: transient), optionally after a delay. */
    failNextTokenRequests(count: number, status = 503, delayMs?: number) {
      for (let i = 0; i < count; i++) st.failures.push({ status, delayMs })
    },
    /** A slow token endpoint (every token request waits this long before it is answered). */
    slowTokenEndpoint(ms: number) {
      st.tokenDelayMs = ms
    },
    /** Expires every access token now (the provider's clock moved on). */
    expireAccessTokens() {
      for (const record of st.accessTokens.values()) record.expiresAt = st.clock.now() - 1
    },
    resetStats() {
      stats.authorizationCode = 0
      stats.refresh = 0
      stats.rotations = 0
      stats.failures = 0
    },
  }
}

export type OAuthServer = ReturnType<typeof createOAuthServer>
