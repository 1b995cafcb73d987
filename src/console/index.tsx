/** @jsxImportSource hono/jsx */
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
import type { ConsoleEnv } from './types.js'

export interface ConsoleOptions {
  adminKey: string
  publicUrl?: string | (() => string | undefined)
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
  signInRoutes(app, deps)
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
