/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/** The call log: filters (request id, connection, provider, status class, time), newest first, and one exchange. */
import type { Hono } from 'hono'
import { entryView, nextCursor, toFilter } from '../../core/call-log/query.js'
import type { Core } from '../../core/create-core.js'
import { KopruError } from '../../core/errors.js'
import { callLogRepository } from '../../db/call-log.js'
import { Notice, Page } from '../layout.js'
import { queryOf, render } from '../render.js'
import { visibleTenant } from '../scope.js'
import { consolePath } from '../session.js'
import type { ConsoleEnv } from '../types.js'
import { FilterForm, readFilters } from './log-filters.js'

type Entry = ReturnType<typeof entryView>

function EntryTable({ base, entries }: { base: string; entries: Entry[] }) {
  if (entries.length === 0) return <p role="status">No exchanges match.</p>
  return (
    <table>
      <caption>Upstream exchanges, newest first</caption>
      <thead>
        <tr>
          {['Time (UTC)', 'Provider', 'Operation', 'Request', 'Status', 'Attempt', 'Duration', 'Request id'].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <td>
              <a href={`${base}/logs/${e.id}`} aria-label={`Exchange ${e.id} at ${e.time}`}>
                {e.time.replace('T', ' ').replace('Z', '')}
              </a>
            </td>
            <td>{e.provider}</td>
            <td>{e.operation}</td>
            <td>
              <code>
                {e.method} {e.path}
              </code>
            </td>
            <td>{e.status ?? 'no answer'}{e.error_code ? ` (${e.error_code})` : ''}</td>
            <td>{e.attempt}{e.retry_reason ? ` (retry: ${e.retry_reason})` : ''}</td>
            <td>{e.duration_ms} ms{e.quota_wait_ms ? `, quota wait ${e.quota_wait_ms} ms` : ''}</td>
            <td>
              <code>{e.request_id}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function EntryDetail({ base, e }: { base: string; e: Entry }) {
  const fields: [string, string][] = [
    ['Time (UTC)', e.time], ['Tenant', e.tenant_id], ['Connection', e.connection_id ?? '—'], ['Provider', e.provider],
    ['Operation', `${e.operation} (${e.kind})`], ['Request', `${e.method} ${e.host}${e.path}`], ['Status', e.status === null ? 'no answer' : String(e.status)],
    ['Error code', e.error_code ?? '—'], ['Attempt', String(e.attempt)], ['Retry reason', e.retry_reason ?? '—'], ['Duration', `${e.duration_ms} ms`],
    ['Quota wait', `${e.quota_wait_ms} ms`], ['Circuit', e.circuit], ['Request id', e.request_id],
  ]
  return (
    <>
      <dl>{fields.map(([name, value]) => <><dt>{name}</dt><dd>{value}</dd></>)}</dl>
      <h2>Request body</h2>
      {e.request_body ? <pre>{e.request_body}</pre> : <p class="muted">Not recorded (bodies are logged only with the connection setting log_bodies).</p>}
      <h2>Response body</h2>
      {e.response_body ? <pre>{e.response_body}</pre> : <p class="muted">Not recorded.</p>}
      <p>
        <a href={`${base}/logs?request_id=${encodeURIComponent(e.request_id)}`}>Every exchange of request {e.request_id}</a>
      </p>
    </>
  )
}

export function logRoutes(app: Hono<ConsoleEnv>, core: Core) {
  const repository = callLogRepository(core.db)
  app.get('/logs', async (c) => {
    const session = c.get('session')
    const base = consolePath(c.req.url)
    const values = queryOf(c)
    const tenant = visibleTenant(c)
    const read = readFilters(values, session.admin ? tenant : undefined)
    let entries: Entry[] = []
    let next: string | null = null
    if (read.ok) {
      await core.callLog.flush()
      const rows = await repository.list(toFilter(read.query, session.admin ? undefined : tenant), read.query.limit + 1)
      entries = rows.slice(0, read.query.limit).map(entryView)
      next = nextCursor(read.query, session.admin ? undefined : tenant, rows)
    }
    const nextHref = next ? `${base}/logs?${new URLSearchParams({ ...values, cursor: next })}` : undefined
    return render(
      c,
      <Page title="Call log" base={base} session={session} section="logs">
        <FilterForm action={`${base}/logs`} values={values} providers={core.registry.list().map((p) => p.id)} tenants={session.admin ? await core.tenants.list() : undefined} invalid={new Set(read.ok ? [] : read.errors.map((e) => e.field))} />
        {read.ok ? null : <Notice text={read.errors.map((e) => e.message).join('; ')} error />}
        <EntryTable base={base} entries={entries} />
        {nextHref ? <p><a href={nextHref}>Older exchanges</a></p> : null}
      </Page>,
      read.ok ? 200 : 400,
    )
  })
  app.get('/logs/:id', async (c) => {
    const session = c.get('session')
    const id = Number(c.req.param('id'))
    const missing = new KopruError('not_found', `call log entry '${c.req.param('id').slice(0, 40)}' does not exist`)
    if (!Number.isSafeInteger(id) || id < 1) throw missing
    await core.callLog.flush()
    const [row] = await repository.list({ tenantId: session.admin ? undefined : session.tenantId!, beforeSeq: id + 1 }, 1)
    if (!row || row.seq !== id) throw missing
    const base = consolePath(c.req.url)
    return render(
      c,
      <Page title={`Exchange ${id}`} base={base} session={session} section="logs">
        <EntryDetail base={base} e={entryView(row)} />
      </Page>,
    )
  })
}
