/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/** How console pages leave: HTML with strict headers; errors as pages (never problem+json, never a stack). */
import type { Context, ErrorHandler } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { KopruError } from '../core/errors.js'
import { Page } from './layout.js'
import { consolePath } from './session.js'
import type { ConsoleEnv } from './types.js'

export const consoleHeaders = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it browsers send `Origin: null` with same-origin form posts, and the CSRF check reads Origin.
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

export function render(c: Context<ConsoleEnv>, page: JSX.Element, status: 200 | 400 | 401 | 403 | 404 | 409 | 429 | 502 | 503 = 200) {
  return c.html(page, status, consoleHeaders)
}

/** The gateway's base URL as this request sees it (for reconnect links): everything before `/console`. */
export const gatewayBase = (c: Context<ConsoleEnv>) => new URL(c.req.url).origin + consolePath(c.req.url).replace(/\/console$/, '')

/** A page-sized failure: the error's own message for kopru's errors, a generic one (logged) for anything else. */
export const consoleError: ErrorHandler<ConsoleEnv> = (error, c) => {
  const known = error instanceof KopruError ? error : undefined
  if (!known) c.get('log')?.error('console page failed', { error: (error as Error).message, stack: (error as Error).stack })
  const status = (known?.status ?? 500) as 400
  const title = known ? known.title : 'Something went wrong'
  const detail = known ? known.message : 'An unexpected error occurred; it has been logged.'
  return c.html(
    <Page title={title} base={consolePath(c.req.url)} session={c.get('session')}>
      <p role="alert">{detail}</p>
      <p>
        <a href={consolePath(c.req.url)}>Back to the console</a>
      </p>
    </Page>,
    status,
    consoleHeaders,
  )
}

/** The query parameters of this request, strings only, each capped. */
export function queryOf(c: Context<ConsoleEnv>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of new URL(c.req.url).searchParams) if (value !== '') out[key] = value.slice(0, 500)
  return out
}

/** The form fields of a POST, strings only, each capped. */
export async function formOf(c: Context<ConsoleEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}))
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 2000)]))
}
