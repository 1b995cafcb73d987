/**
 * Token endpoint calls (authorization_code and refresh_token grants) through oauth4webapi, sent over the
 * gateway's own transport. Outcomes are values: tokens, `invalid_grant` (the grant is dead: re-authorize),
 * `rejected` (another 4xx, e.g. a misconfigured client) or `unavailable` (5xx, 429, timeout, network).
 */
import * as oauth from 'oauth4webapi'
import type { OAuthApp, OAuthSpec, OAuthTokens } from '../provider-kit/types.js'
import { bytesToBase64, utf8 } from '../encoding.js'
import type { Transport } from '../transport.js'

export type TokenOutcome =
  | { ok: true; tokens: OAuthTokens }
  | { ok: false; kind: 'invalid_grant' | 'rejected' | 'unavailable'; status?: number; error?: string; description?: string }

export interface TokenClientDeps {
  transport: Transport
  timeoutMs: number
  now: () => number
}

const nullBodyStatuses = new Set([101, 204, 205, 304])

/**
 * HTTP Basic as providers document it: base64 of `client_id:client_secret` as-is. (oauth4webapi's
 * ClientSecretBasic form-encodes both first, per RFC 6749 §2.3.1, turning eBay's `-` into `%2D`, which
 * eBay does not decode.)
 */
const plainBasic =
  (secret: string): oauth.ClientAuth =>
  (_as, client, _body, headers) => {
    headers.set('authorization', `Basic ${bytesToBase64(utf8.encode(`${client.client_id}:${secret}`))}`)
  }

function clientAuthFor(spec: OAuthSpec, app: OAuthApp): oauth.ClientAuth {
  if (spec.clientAuth === 'basic') return plainBasic(app.clientSecret)
  if (spec.clientAuth === 'post') return oauth.ClientSecretPost(app.clientSecret)
  return oauth.None()
}

export function createTokenClient(deps: TokenClientDeps) {
  const customFetch = async (url: string, options: oauth.CustomFetchOptions<'POST', URLSearchParams>): Promise<Response> => {
    const response = await deps.transport({
      url: new URL(url),
      method: options.method,
      headers: new Headers(options.headers),
      body: options.body === undefined || options.body === null ? null : String(options.body),
      signal: options.signal ?? AbortSignal.timeout(deps.timeoutMs),
    })
    const text = await response.text()
    return new Response(nullBodyStatuses.has(response.status) ? null : text, { status: response.status, headers: response.headers })
  }

  const optionsFor = (tokenUrl: URL, spec: OAuthSpec) => ({
    additionalParameters: spec.tokenParams,
    [oauth.customFetch]: customFetch,
    [oauth.allowInsecureRequests]: tokenUrl.protocol === 'http:',
    signal: AbortSignal.timeout(deps.timeoutMs),
  })

  async function settle(send: () => Promise<Response>): Promise<TokenOutcome> {
    let response: Response
    try {
      response = await send()
    } catch (error) {
      return { ok: false, kind: 'unavailable', description: (error as Error).name === 'TimeoutError' ? 'timeout' : (error as Error).message }
    }
    const text = await response.text()
    let body: Record<string, unknown> | null = null
    try {
      body = JSON.parse(text) as Record<string, unknown>
    } catch {
      body = null
    }
    const error = typeof body?.error === 'string' ? body.error : undefined
    const description = typeof body?.error_description === 'string' ? body.error_description.slice(0, 300) : undefined
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return { ok: false, kind: 'unavailable', status: response.status, error, description }
    }
    if (response.status !== 200 || !body || typeof body.access_token !== 'string') {
      if (response.status === 200) return { ok: false, kind: 'unavailable', status: 200, description: 'the token response has no access_token' }
      return { ok: false, kind: error === 'invalid_grant' ? 'invalid_grant' : 'rejected', status: response.status, error, description }
    }
    return { ok: true, tokens: normalizeTokens(body, deps.now()) }
  }

  return {
    /** authorization_code grant with the PKCE verifier bound to the connect session. */
    exchangeCode(input: { tokenUrl: URL; spec: OAuthSpec; app: OAuthApp; code: string; redirectUri: string; codeVerifier: string }) {
      const as: oauth.AuthorizationServer = { issuer: input.tokenUrl.origin, token_endpoint: input.tokenUrl.href }
      const client: oauth.Client = { client_id: input.app.clientId }
      return settle(() => {
        const params = oauth.validateAuthResponse(as, client, new URLSearchParams({ code: input.code }), oauth.skipStateCheck)
        return oauth.authorizationCodeGrantRequest(as, client, clientAuthFor(input.spec, input.app), params, input.redirectUri, input.codeVerifier, optionsFor(input.tokenUrl, input.spec))
      })
    },
    refresh(input: { tokenUrl: URL; spec: OAuthSpec; app: OAuthApp; refreshToken: string }) {
      const as: oauth.AuthorizationServer = { issuer: input.tokenUrl.origin, token_endpoint: input.tokenUrl.href }
      const client: oauth.Client = { client_id: input.app.clientId }
      return settle(() => oauth.refreshTokenGrantRequest(as, client, clientAuthFor(input.spec, input.app), input.refreshToken, optionsFor(input.tokenUrl, input.spec)))
    },
  }
}

export type TokenClient = ReturnType<typeof createTokenClient>

const seconds = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined
}

/** Token response -> what kopru stores: absolute expiry instants, no token_type noise. */
export function normalizeTokens(body: Record<string, unknown>, now: number): OAuthTokens {
  const expiresIn = seconds(body.expires_in)
  const refreshExpiresIn = seconds(body.refresh_token_expires_in)
  return {
    access_token: body.access_token as string,
    ...(typeof body.refresh_token === 'string' && body.refresh_token ? { refresh_token: body.refresh_token } : {}),
    ...(expiresIn ? { expires_at: new Date(now + expiresIn * 1000).toISOString() } : {}),
    ...(refreshExpiresIn ? { refresh_token_expires_at: new Date(now + refreshExpiresIn * 1000).toISOString() } : {}),
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
  }
}
