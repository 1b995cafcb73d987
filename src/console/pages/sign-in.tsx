/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/** Sign-in with a tenant API key (or the admin key), and sign-out. */
import type { Hono } from 'hono'
import { Notice, Page } from '../layout.js'
import { formOf, render } from '../render.js'
import { consolePath, csrfValid, endSession, readSession, sameOrigin, signInAs, startSession, type SessionDeps } from '../session.js'
import { clientAddressOf } from '../client-address.js'
import type { SignInThrottle } from '../sign-in-throttle.js'
import type { ConsoleEnv } from '../types.js'

export interface SignInGuard {
  throttle: SignInThrottle
  /** KOPRU_CLIENT_IP_HEADER (src/console/client-address.ts). */
  clientIpHeader?: string
}

const waitText = (seconds: number) => (seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`)

function SignIn({ base, error }: { base: string; error?: string }) {
  return (
    <Page title="Sign in" base={base}>
      <Notice text={error} error />
      <form method="post" action={`${base}/sign-in`}>
        <label for="key">API key</label>
        <p id="key-help" class="muted">
          A tenant API key (kpr_live_…) shows that tenant; the admin key shows every tenant.
        </p>
        <input id="key" name="key" type="password" autocomplete="off" required aria-describedby="key-help" aria-invalid={error ? 'true' : undefined} size={48} />
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
    </Page>
  )
}

export function signInRoutes(app: Hono<ConsoleEnv>, deps: SessionDeps, guard: SignInGuard) {
  app.get('/sign-in', async (c) => {
    const base = consolePath(c.req.url)
    if (await readSession(c, deps)) return c.redirect(`${base}/connections`, 303)
    return render(c, <SignIn base={base} />)
  })
  app.post('/sign-in', async (c) => {
    const base = consolePath(c.req.url)
    if (!sameOrigin(c, deps.publicUrl)) return render(c, <SignIn base={base} error="This form was posted from another site; sign in from the console itself." />, 403)
    const subject = { address: clientAddressOf(c, guard.clientIpHeader), key: (await formOf(c)).key ?? '' }
    // Over the limit the key is not even looked at: a right guess must look the same as a wrong one.
    const retryAfter = guard.throttle.retryAfter(subject)
    if (retryAfter !== undefined) {
      c.header('retry-after', String(retryAfter))
      return render(c, <SignIn base={base} error={`Too many failed sign-ins. Wait ${waitText(retryAfter)}, then try again.`} />, 429)
    }
    const who = await signInAs(deps, subject.key)
    if (!who) {
      guard.throttle.failed(subject)
      return render(c, <SignIn base={base} error="That key is not valid." />, 401)
    }
    await startSession(c, deps, who)
    return c.redirect(`${base}/connections`, 303)
  })
  app.post('/sign-out', async (c) => {
    const base = consolePath(c.req.url)
    const session = await readSession(c, deps)
    if (session) {
      c.set('session', session)
      if (!csrfValid(c, deps, (await formOf(c)).csrf)) return render(c, <SignIn base={base} error="The sign-out form was not this session's; you are still signed in." />, 403)
    }
    endSession(c)
    return c.redirect(`${base}/sign-in`, 303)
  })
}
