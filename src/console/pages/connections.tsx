/** @jsxImportSource hono/jsx */
/** @jsxRuntime automatic */
/** Connections with their status, a reconnect link for `needs_reauth`, and quota usage per group (current window). */
import type { Context, Hono } from 'hono'
import type { Core } from '../../core/create-core.js'
import { connectionQuotaUsage, type GroupUsage } from '../../core/quotas/usage.js'
import type { ConnectionRow } from '../../db/connections.js'
import { Page, TenantFilter } from '../layout.js'
import { gatewayBase, render } from '../render.js'
import { visibleTenant } from '../scope.js'
import { consolePath } from '../session.js'
import type { ConsoleEnv } from '../types.js'

const MAX_PER_TENANT = 100
const MAX_TENANTS = 50

interface ConnectionLine {
  row: ConnectionRow
  reconnectUrl?: string
  quotas: GroupUsage[]
}

async function lineOf(core: Core, c: Context<ConsoleEnv>, row: ConnectionRow): Promise<ConnectionLine> {
  const resolved = await core.connections.get(row.tenantId, row.id).catch(() => undefined)
  if (!resolved) return { row, quotas: [] }
  const reconnectUrl = row.status === 'needs_reauth' ? await core.connect.reconnectLink(resolved, gatewayBase(c)) : undefined
  return { row, reconnectUrl, quotas: await connectionQuotaUsage(core.upstream, resolved) }
}

function UsageBar({ label, usage }: { label: string; usage: GroupUsage['usage'] }) {
  if (!usage) return <span class="muted">not reported by this quota store</span>
  const seconds = usage.intervalMs / 1000
  return (
    <>
      <meter aria-label={label} min={0} max={usage.limit} value={usage.used} high={Math.max(1, usage.limit - 1)} optimum={0}>
        {usage.used} of {usage.limit}
      </meter>{' '}
      <span>
        {usage.used} of {usage.limit} per {seconds} s{usage.waiting ? `, ${usage.waiting} waiting` : ''}
        {usage.pausedUntil ? `, paused until ${new Date(usage.pausedUntil).toISOString()}` : ''}
      </span>
    </>
  )
}

function ConnectionTable({ lines, admin }: { lines: ConnectionLine[]; admin: boolean }) {
  if (lines.length === 0) return <p>No connections yet.</p>
  return (
    <table>
      <caption>Connections</caption>
      <thead>
        <tr>
          <th scope="col">Connection</th>
          {admin ? <th scope="col">Tenant</th> : null}
          <th scope="col">Provider</th>
          <th scope="col">Environment</th>
          <th scope="col">Status</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {lines.map(({ row, reconnectUrl }) => (
          <tr>
            <th scope="row">
              <code>{row.id}</code>
            </th>
            {admin ? <td>{row.tenantId}</td> : null}
            <td>{row.provider}</td>
            <td>{row.environment}</td>
            <td class={`status-${row.status}`}>{row.status === 'needs_reauth' ? 'needs re-authorization' : row.status}</td>
            <td>{reconnectUrl ? <a href={reconnectUrl} aria-label={`Reconnect ${row.id}`}>Reconnect</a> : <span class="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function QuotaTable({ lines }: { lines: ConnectionLine[] }) {
  const rows = lines.flatMap((line) => line.quotas.map((quota) => ({ id: line.row.id, quota })))
  if (rows.length === 0) return <p>No quota groups to show (quotas off, or no connections).</p>
  return (
    <table>
      <caption>Quota usage in the current window (this instance's view; shared windows count every instance)</caption>
      <thead>
        <tr>
          <th scope="col">Connection</th>
          <th scope="col">Group</th>
          <th scope="col">Scope</th>
          <th scope="col">Usage</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ id, quota }) => (
          <tr>
            <td>
              <code>{id}</code>
            </td>
            <td>{quota.group}</td>
            <td>{quota.scope === 'app' ? 'whole OAuth app' : 'provider account'}</td>
            <td>
              <UsageBar label={`${quota.group} quota of ${id}`} usage={quota.usage} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function connectionRoutes(app: Hono<ConsoleEnv>, core: Core) {
  app.get('/connections', async (c) => {
    const session = c.get('session')
    const base = consolePath(c.req.url)
    const tenant = visibleTenant(c)
    const allTenants = session.admin ? await core.tenants.list() : []
    const tenantIds = tenant ? [tenant] : allTenants.slice(0, MAX_TENANTS).map((t) => t.id)
    const rows = (await Promise.all(tenantIds.map((id) => core.connections.list(id, MAX_PER_TENANT)))).flat()
    const lines = await Promise.all(rows.map((row) => lineOf(core, c, row)))
    return render(
      c,
      <Page title="Connections" base={base} session={session} section="connections">
        <TenantFilter session={session} tenants={allTenants} selected={tenant} action={`${base}/connections`} />
        <ConnectionTable lines={lines} admin={session.admin} />
        <h2>Quota usage</h2>
        <QuotaTable lines={lines} />
      </Page>,
    )
  })
}
