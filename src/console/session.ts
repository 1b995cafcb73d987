/**
 * Console sessions: a sealed cookie (AES-GCM through the core keyring, like every secret kopru keeps), HttpOnly and
 * SameSite=Strict, holding who signed in and the session's CSRF token. No key is kept: a tenant session holds the
 * SHA-256 of its API key and ends as soon as that key is revoked; an admin session ends when the admin key changes.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ApiKeys } from '../core/api-keys.js'
import { sha256Hex, timingSafeEqual, type Keyring } from '../core/crypto.js'
import { bytesToBase64Url } from '../core/encoding.js'
import type { TenantRepository } from '../db/tenants.js'
import type { ConsoleEnv, ConsoleSession } from './types.js'

export const CONSOLE_COOKIE = 'kopru_console'
export const CONSOLE_SESSION_MS = 8 * 60 * 60 * 1000

interface Sealed {
  /** Purpose, so no other sealed value of kopru's can pass for a session. */
  p: 'console'
  /** Tenant id, or null for the operator. */
  t: string | null
  /** SHA-256 of the key that signed in. */
  h: string
  c: string
  e: number
}

export interface SessionDeps {
  keyring: Keyring
  tenants: Pick<TenantRepository, 'findApiKeyByHash'>
  apiKeys: Pick<ApiKeys, 'lookup'>
  adminKey: string
  /** KOPRU_PUBLIC_URL: behind a TLS-terminating proxy, browsers send this origin. */
  publicUrl?: () => string | undefined
  now?: () => number
}

/** The console's own path under wherever the gateway is mounted (`/kopru/console/logs` -> `/kopru/console`). */
export function consolePath(url: string): string {
  const match = /^(.*?\/console)(?:\/|$)/.exec(new URL(url).pathname)
  return match ? match[1]! : '/console'
}

/** Who a presented key signs in as: the operator, a tenant, or nobody. */
export async function signInAs(deps: SessionDeps, key: string): Promise<{ tenantId: string | null; hash: string } | undefined> {
  const presented = key.trim()
  if (!presented || presented.length > 200) return undefined
  if (timingSafeEqual(presented, deps.adminKey)) return { tenantId: null, hash: await sha256Hex(deps.adminKey) }
  if (!presented.startsWith('kpr_')) return undefined
  const entry = await deps.apiKeys.lookup(presented)
  return entry ? { tenantId: entry.tenantId, hash: await sha256Hex(presented) } : undefined
}

export async function startSession(c: Context<ConsoleEnv>, deps: SessionDeps, who: { tenantId: string | null; hash: string }) {
  const now = (deps.now ?? Date.now)()
  const csrf = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(24)))
  const sealed: Sealed = { p: 'console', t: who.tenantId, h: who.hash, c: csrf, e: now + CONSOLE_SESSION_MS }
  setCookie(c, CONSOLE_COOKIE, await deps.keyring.encrypt(JSON.stringify(sealed)), {
    path: consolePath(c.req.url),
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: Math.floor(CONSOLE_SESSION_MS / 1000),
  })
}

export function endSession(c: Context<ConsoleEnv>) {
  deleteCookie(c, CONSOLE_COOKIE, { path: consolePath(c.req.url), httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:' })
}

async function unseal(deps: SessionDeps, cookie: string | undefined): Promise<Sealed | undefined> {
  if (!cookie || cookie.length > 2000) return undefined
  try {
    const parsed = JSON.parse(await deps.keyring.decrypt(cookie)) as Partial<Sealed>
    if (parsed.p !== 'console' || typeof parsed.h !== 'string' || typeof parsed.c !== 'string' || typeof parsed.e !== 'number') return undefined
    if (parsed.t !== null && typeof parsed.t !== 'string') return undefined
    return parsed as Sealed
  } catch {
    // tampered, from another keyring, or not ours: no session
    return undefined
  }
}

/** The session of this request, if its cookie opens, has not expired and its key still signs in. */
export async function readSession(c: Context<ConsoleEnv>, deps: SessionDeps): Promise<ConsoleSession | undefined> {
  const sealed = await unseal(deps, getCookie(c, CONSOLE_COOKIE))
  if (!sealed || sealed.e <= (deps.now ?? Date.now)()) return undefined
  if (sealed.t === null) {
    return timingSafeEqual(sealed.h, await sha256Hex(deps.adminKey)) ? { tenantId: null, admin: true, csrf: sealed.c } : undefined
  }
  const key = await deps.tenants.findApiKeyByHash(sealed.h)
  return key && key.tenantId === sealed.t ? { tenantId: sealed.t, admin: false, csrf: sealed.c } : undefined
}

/** Pages behind sign-in: no session sends the browser to the sign-in form. */
export const requireSession = (deps: SessionDeps): MiddlewareHandler<ConsoleEnv> =>
  async function requireSession(c, next) {
    const session = await readSession(c, deps)
    if (!session) return c.redirect(`${consolePath(c.req.url)}/sign-in`, 303)
    c.set('session', session)
    await next()
  }

/**
 * POSTs must come from a console page: the cookie is SameSite=Strict, the form carries the session's token, and a
 * browser's Origin (when sent) is this origin.
 */
export function sameOrigin(c: Context<ConsoleEnv>, publicUrlOf?: () => string | undefined): boolean {
  const origin = c.req.header('origin')
  if (origin === undefined) return true
  const publicUrl = publicUrlOf?.()
  return origin === new URL(c.req.url).origin || (publicUrl !== undefined && origin === new URL(publicUrl).origin)
}

export function csrfValid(c: Context<ConsoleEnv>, deps: Pick<SessionDeps, 'publicUrl'>, presented: unknown): boolean {
  const session = c.get('session')
  return sameOrigin(c, deps.publicUrl) && typeof presented === 'string' && timingSafeEqual(presented, session.csrf)
}
