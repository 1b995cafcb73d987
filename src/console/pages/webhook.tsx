/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/**
 * The tenant's webhook endpoint: its URL (never its secret), changing the URL, and rotating the secret. The new
 * secret is shown once, in the answer to the rotation (no-store), so the tenant can configure its receiver.
 */
import type { Context, Hono } from 'hono'
import type { Core } from '../../core/create-core.js'
import { validateEndpointUrl } from '../../core/events/endpoints.js'
import { KopruError } from '../../core/errors.js'
import { Notice, Page, TenantFilter } from '../layout.js'
import { formOf, queryOf, render } from '../render.js'
import { visibleTenant } from '../scope.js'
import { consolePath, csrfValid, type SessionDeps } from '../session.js'
import type { ConsoleEnv } from '../types.js'

const notices: Record<string, string> = { saved: 'Endpoint saved; the secret is unchanged.' }

interface Shown {
  base: string
  tenant: string
  csrf: string
  endpoint: { url: string; created_at: string; updated_at: string } | null
  secret?: string
  error?: string
  url?: string
}

function EndpointForms({ base, tenant, csrf, endpoint, error, url }: Shown) {
  const action = (path: string) => `${base}/webhook${path}?tenant=${encodeURIComponent(tenant)}`
  return (
    <>
      {endpoint ? (
        <dl>
          <dt>URL</dt><dd>{endpoint.url}</dd>
          <dt>Created</dt><dd>{endpoint.created_at}</dd>
          <dt>Updated</dt><dd>{endpoint.updated_at}</dd>
        </dl>
      ) : (
        <p>No endpoint is set: events are recorded but not delivered.</p>
      )}
      <h2>{endpoint ? 'Change the URL' : 'Set the endpoint'}</h2>
      <form method="post" action={action('')}>
        <input type="hidden" name="csrf" value={csrf} />
        <label for="url">Endpoint URL</label>
        <input id="url" name="url" type="url" required size={60} value={url ?? endpoint?.url ?? ''} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'url-error' : undefined} />
        {error ? <p id="url-error" role="alert" class="notice error">{error}</p> : null}
        <p><button type="submit">Save</button></p>
      </form>
      {endpoint ? (
        <>
          <h2>Signing secret</h2>
          <p>Rotating makes a new secret at once; deliveries from then on are signed with it only.</p>
          <form method="post" action={action('/rotate')}>
            <input type="hidden" name="csrf" value={csrf} />
            <button type="submit" class="secondary">Rotate the secret</button>
          </form>
        </>
      ) : null}
    </>
  )
}

async function webhookPage(c: Context<ConsoleEnv>, core: Core, extra: Partial<Shown> = {}, status: 200 | 400 = 200) {
  const session = c.get('session')
  const base = consolePath(c.req.url)
  const tenant = visibleTenant(c)
  const endpoint = tenant ? await core.events.endpoints.get(tenant) : null
  const shown = endpoint ? { url: endpoint.url, created_at: endpoint.created_at, updated_at: endpoint.updated_at } : null
  return render(
    c,
    <Page title="Webhook endpoint" base={base} session={session} section="webhook">
      <TenantFilter session={session} tenants={session.admin ? await core.tenants.list() : []} selected={tenant} action={`${base}/webhook`} />
      <Notice text={notices[queryOf(c).notice ?? '']} />
      {extra.secret ? (
        <section aria-labelledby="new-secret">
          <h2 id="new-secret">New signing secret</h2>
          <p role="status">Copy it now: it is shown only this once.</p>
          <pre>{extra.secret}</pre>
        </section>
      ) : null}
      {tenant ? <EndpointForms base={base} tenant={tenant} csrf={session.csrf} endpoint={shown} {...extra} /> : <p>Pick a tenant to see its endpoint.</p>}
    </Page>,
    status,
  )
}

export function webhookRoutes(app: Hono<ConsoleEnv>, core: Core, deps: SessionDeps) {
  const tenantOf = async (c: Context<ConsoleEnv>) => {
    if (!csrfValid(c, deps, (await formOf(c)).csrf)) throw new KopruError('forbidden', 'this form was not posted from your console session; reload the page and try again')
    const tenant = visibleTenant(c)
    if (!tenant) throw new KopruError('invalid_request', 'pick a tenant first')
    return tenant
  }
  app.get('/webhook', (c) => webhookPage(c, core))
  app.post('/webhook', async (c) => {
    const tenant = await tenantOf(c)
    const url = (await formOf(c)).url ?? ''
    let valid: string
    try {
      valid = validateEndpointUrl(url, { allowPrivate: core.events.allowPrivateEndpoints })
    } catch (error) {
      if (error instanceof KopruError) return webhookPage(c, core, { error: error.message, url }, 400)
      throw error
    }
    await core.events.endpoints.put(tenant, valid)
    return c.redirect(`${consolePath(c.req.url)}/webhook?tenant=${encodeURIComponent(tenant)}&notice=saved`, 303)
  })
  app.post('/webhook/rotate', async (c) => {
    const tenant = await tenantOf(c)
    const current = await core.events.endpoints.get(tenant)
    if (!current) throw new KopruError('conflict', 'no webhook endpoint is set; set its URL first')
    const rotated = await core.events.endpoints.put(tenant, current.url, { rotate: true })
    return webhookPage(c, core, { secret: rotated.secret })
  })
}
