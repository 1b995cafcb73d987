/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/** Events with their delivery state, one event with its attempts and payload, and redelivery. */
import type { Hono } from 'hono'
import type { Core } from '../../core/create-core.js'
import { eventHistory, type EventView } from '../../core/events/history.js'
import { KopruError } from '../../core/errors.js'
import type { EventStatus } from '../../db/schema.js'
import { Notice, Page, TenantFilter } from '../layout.js'
import { formOf, queryOf, render } from '../render.js'
import { visibleTenant } from '../scope.js'
import { consolePath, csrfValid, type SessionDeps } from '../session.js'
import type { ConsoleEnv } from '../types.js'

type Shown = EventView & { id?: string; type?: string; occurred_at?: string; connection_id?: string | null; tenant_id?: string }

const statuses: EventStatus[] = ['pending', 'delivered', 'dead', 'no_endpoint']
const notices: Record<string, string> = { queued: 'Queued for redelivery with a fresh retry schedule.' }

function EventTable({ base, events }: { base: string; events: Shown[] }) {
  if (events.length === 0) return <p role="status">No events.</p>
  return (
    <table>
      <caption>Events, newest first</caption>
      <thead>
        <tr>
          {['Event', 'Type', 'Connection', 'Occurred (UTC)', 'Delivery', 'Attempts', 'Last answer'].map((h) => <th scope="col">{h}</th>)}
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr>
            <th scope="row"><a href={`${base}/events/${e.id}`}><code>{e.id}</code></a></th>
            <td>{e.type}</td>
            <td>{e.connection_id ?? '—'}</td>
            <td>{e.occurred_at}</td>
            <td class={`status-${e.delivery.status}`}>{e.delivery.status}</td>
            <td>{e.delivery.attempts}</td>
            <td>{e.delivery.last_status ?? e.delivery.last_error ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function EventDetail({ base, event, csrf }: { base: string; event: Shown; csrf: string }) {
  const d = event.delivery
  const fields: [string, string][] = [
    ['Type', event.type ?? ''], ['Tenant', event.tenant_id ?? ''], ['Connection', event.connection_id ?? '—'], ['Occurred (UTC)', event.occurred_at ?? ''],
    ['Delivery status', d.status], ['Attempts', String(d.attempts)], ['Last attempt', d.last_attempt_at ?? '—'],
    ['Last answer', d.last_status === null ? '—' : String(d.last_status)], ['Last error', d.last_error ?? '—'],
    ['Next attempt', d.next_attempt_at ?? '—'], ['Delivered', d.delivered_at ?? '—'],
  ]
  const { delivery: _delivery, ...payload } = event
  return (
    <>
      <h2>Delivery</h2>
      <dl>{fields.map(([name, value]) => <><dt>{name}</dt><dd class={name === 'Delivery status' ? `status-${value}` : undefined}>{value}</dd></>)}</dl>
      <form method="post" action={`${base}/events/${event.id}/redeliver`}>
        <input type="hidden" name="csrf" value={csrf} />
        <p><button type="submit">Redeliver</button></p>
      </form>
      <h2>Payload</h2>
      <pre>{JSON.stringify(payload, null, 2)}</pre>
    </>
  )
}

export function eventRoutes(app: Hono<ConsoleEnv>, core: Core, deps: SessionDeps) {
  const history = eventHistory({ db: core.db, endpoints: core.events.endpoints, clock: core.events.clock })
  app.get('/events', async (c) => {
    const session = c.get('session')
    const base = consolePath(c.req.url)
    const query = queryOf(c)
    const status = statuses.find((s) => s === query.status)
    const tenant = visibleTenant(c)
    const page = await history.list(tenant, { limit: 50, cursor: query.cursor, status })
    const nextHref = page.next_cursor ? `${base}/events?${new URLSearchParams({ ...query, cursor: page.next_cursor })}` : undefined
    return render(
      c,
      <Page title="Events" base={base} session={session} section="events">
        <TenantFilter session={session} tenants={session.admin ? await core.tenants.list() : []} selected={tenant} action={`${base}/events`} />
        <EventTable base={base} events={page.data as Shown[]} />
        {nextHref ? <p><a href={nextHref}>Older events</a></p> : null}
      </Page>,
    )
  })
  app.get('/events/:id', async (c) => {
    const session = c.get('session')
    const base = consolePath(c.req.url)
    const { event } = await history.get(visibleTenant(c), c.req.param('id').slice(0, 64))
    return render(
      c,
      <Page title={`Event ${(event as Shown).id}`} base={base} session={session} section="events">
        {/* Once sent, the queued notice of the redirect would be stale. */}
        <Notice text={event.delivery.status === 'pending' ? notices[queryOf(c).notice ?? ''] : undefined} />
        <EventDetail base={base} event={event as Shown} csrf={session.csrf} />
      </Page>,
    )
  })
  app.post('/events/:id/redeliver', async (c) => {
    if (!csrfValid(c, deps, (await formOf(c)).csrf)) throw new KopruError('forbidden', 'this form was not posted from your console session; reload the page and try again')
    const id = c.req.param('id').slice(0, 64)
    await history.redeliver(visibleTenant(c), id)
    return c.redirect(`${consolePath(c.req.url)}/events/${encodeURIComponent(id)}?notice=queued`, 303)
  })
}
