/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/**
 * `/console`: a small server-rendered UI (Hono JSX, no scripts, no build step, no external assets) over the same core
 * the API uses. Signed in with a tenant API key (that tenant only) or the admin key (every tenant, with a filter).
 * Mount: `app.route('/console', consoleRoutes(core, { adminKey }))`.
 */
import { Hono } from 'hono'
import type { Core } from '../core/create-core.js'
import { Page } from './layout.js'
import { connectionRoutes } from './pages/connections.js'
import { eventRoutes } from './pages/events.js'
import { logRoutes } from './pages/logs.js'
import { signInRoutes } from './pages/sign-in.js'
import { webhookRoutes } from './pages/webhook.js'
import { consoleError, render } from './render.js'
import { consolePath, readSession, requireSession, type SessionDeps } from './session.js'
import { createSignInThrottle, type SignInLimits } from './sign-in-throttle.js'
import type { ConsoleEnv } from './types.js'

export interface ConsoleOptions {
  adminKey: string
  publicUrl?: string | (() => string | undefined)
  /** The header a trusted proxy sets to the client's address (KOPRU_CLIENT_IP_HEADER); see client-address.ts. */
  clientIpHeader?: string
  /** Failed sign-ins allowed per client address and per tenant key prefix (src/console/sign-in-throttle.ts). */
  signInLimits?: SignInLimits
  /** Clock of the sign-in throttle (tests move it). */
  now?: () => number
}

export function consoleRoutes(core: Core, options: ConsoleOptions): Hono<ConsoleEnv> {
  const { publicUrl } = options
  const deps: SessionDeps = {
    keyring: core.keyring,
    tenants: core.tenants,
    apiKeys: core.apiKeys,
    adminKey: options.adminKey,
    publicUrl: typeof publicUrl === 'function' ? publicUrl : () => publicUrl,
  }
  const app = new Hono<ConsoleEnv>()
  app.onError(consoleError)
  app.get('/', async (c) => c.redirect(`${consolePath(c.req.url)}/${(await readSession(c, deps)) ? 'connections' : 'sign-in'}`, 303))
  // Per console instance (per process on Node, per isolate at the edge), never a module-level map.
  const throttle = createSignInThrottle({ now: options.now, limits: options.signInLimits })
  signInRoutes(app, deps, { throttle, clientIpHeader: options.clientIpHeader })
  app.use('*', requireSession(deps))
  connectionRoutes(app, core)
  logRoutes(app, core)
  eventRoutes(app, core, deps)
  webhookRoutes(app, core, deps)
  app.all('*', (c) =>
    render(
      c,
      <Page title="Not found" base={consolePath(c.req.url)} session={c.get('session')}>
        <p>There is no console page at this address.</p>
      </Page>,
      404,
    ),
  )
  return app
}
