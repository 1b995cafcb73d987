/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/** The call log's filter form (a GET form: it works without scripts) and its validation. */
import { z } from '@hono/zod-openapi'
import type { CallLogQuery } from '../../core/call-log/query.js'
import { callLogQuery } from '../../models/call-log.js'
import { callKinds } from '../../core/call-log/record.js'

const LogFilters = z.object({ ...callLogQuery, tenant_id: z.string().max(64).optional() })

const labels: Record<string, string> = {
  request_id: 'Request id',
  connection_id: 'Connection',
  provider: 'Provider',
  status: 'Status',
  kind: 'Kind',
  from: 'From (UTC)',
  to: 'To (UTC)',
  tenant_id: 'Tenant',
  tenant: 'Tenant',
  cursor: 'Page',
  limit: 'Limit',
}

/** A `datetime-local` value has no zone; the form says UTC, so it is read as UTC. */
const asUtc = (value: string | undefined) => (value && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value.length === 16 ? `${value}:00` : value}Z` : value)

export type FilterResult = { ok: true; query: CallLogQuery } | { ok: false; errors: { field: string; message: string }[] }

/** The page's query string as a call-log query; a bad field is named, never a 500. */
export function readFilters(params: Record<string, string>, tenantId: string | undefined): FilterResult {
  const parsed = LogFilters.safeParse({
    limit: params.limit ?? '50',
    cursor: params.cursor,
    request_id: params.request_id,
    connection_id: params.connection_id,
    provider: params.provider,
    status: params.status,
    kind: params.kind || undefined,
    from: asUtc(params.from),
    to: asUtc(params.to),
    tenant_id: tenantId,
  })
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'query'), message: `${labels[String(issue.path[0])] ?? 'Query'}: ${issue.message}` })) }
  }
  return { ok: true, query: parsed.data as CallLogQuery }
}

interface FormProps {
  action: string
  values: Record<string, string>
  providers: string[]
  tenants?: { id: string; name: string }[]
  invalid: Set<string>
}

function Text({ name, values, invalid, type = 'text' }: { name: string; values: Record<string, string>; invalid: Set<string>; type?: string }) {
  return (
    <div>
      <label for={`f-${name}`}>{labels[name]}</label>
      <input id={`f-${name}`} name={name} type={type} value={values[name] ?? ''} aria-invalid={invalid.has(name) ? 'true' : undefined} />
    </div>
  )
}

function Choice({ name, options, values }: { name: string; options: { value: string; label: string }[]; values: Record<string, string> }) {
  return (
    <div>
      <label for={`f-${name}`}>{labels[name]}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">Any</option>
        {options.map((o) => (
          <option value={o.value} selected={values[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

const kindOptions = callKinds.map((value) => ({ value, label: value.replace('_', ' ') }))

const statusOptions = ['2xx', '3xx', '4xx', '5xx'].map((value) => ({ value, label: value })).concat({ value: 'none', label: 'no answer' })

export function FilterForm({ action, values, providers, tenants, invalid }: FormProps) {
  return (
    <form class="filters" method="get" action={action} role="search" aria-label="Filter the call log">
      {tenants ? <Choice name="tenant" options={tenants.map((t) => ({ value: t.id, label: `${t.name} (${t.id})` }))} values={values} /> : null}
      <Text name="request_id" values={values} invalid={invalid} />
      <Text name="connection_id" values={values} invalid={invalid} />
      <Choice name="provider" options={providers.map((p) => ({ value: p, label: p }))} values={values} />
      <Choice name="status" options={statusOptions} values={values} />
      <Choice name="kind" options={kindOptions} values={values} />
      <Text name="from" type="datetime-local" values={values} invalid={invalid} />
      <Text name="to" type="datetime-local" values={values} invalid={invalid} />
      <button type="submit">Filter</button>
    </form>
  )
}
