import type { CallLogFilter, CallLogRow } from '../../db/call-log.js'
import { base64UrlToBytes, bytesToBase64Url, fromUtf8, utf8 } from '../encoding.js'
import { KopruError } from '../errors.js'

export interface CallLogQuery {
  limit: number
  cursor?: string
  tenant_id?: string
  connection_id?: string
  request_id?: string
  provider?: string
  operation?: string
  kind?: string
  status?: '2xx' | '3xx' | '4xx' | '5xx' | 'none'
  from?: string
  to?: string
}

/** The filters a cursor is bound to: a cursor only continues the listing it came from. */
const filterKey = (query: CallLogQuery, tenantId: string | undefined) =>
  JSON.stringify([tenantId, query.tenant_id, query.connection_id, query.request_id, query.provider, query.operation, query.kind, query.status, query.from, query.to])

function decodeCursor(cursor: string | undefined, key: string): number | undefined {
  if (cursor === undefined) return undefined
  try {
    const parsed = JSON.parse(fromUtf8.decode(base64UrlToBytes(cursor))) as { s?: unknown; f?: unknown }
    if (parsed.f === key && typeof parsed.s === 'number') return parsed.s
  } catch {
    // same answer as a cursor of another listing
  }
  throw new KopruError('invalid_request', 'cursor does not belong to this listing', {
    errors: [{ path: 'cursor', message: 'pass next_cursor back unchanged, with the same filters' }],
  })
}

/** `tenantId` is the caller's tenant; undefined for operators, who may filter by `tenant_id`. */
export function toFilter(query: CallLogQuery, tenantId: string | undefined): CallLogFilter {
  const { status } = query
  const from = query.from ? new Date(query.from) : undefined
  const to = query.to ? new Date(query.to) : undefined
  if (from && to && from > to) {
    throw new KopruError('invalid_request', '`from` is after `to`', { errors: [{ path: 'from', message: 'must not be after to' }] })
  }
  return {
    tenantId: tenantId ?? query.tenant_id,
    connectionId: query.connection_id,
    requestId: query.request_id,
    provider: query.provider,
    operation: query.operation,
    kind: query.kind,
    statusClass: status === undefined ? undefined : status === 'none' ? 0 : Number(status[0]),
    from,
    to,
    beforeSeq: decodeCursor(query.cursor, filterKey(query, tenantId)),
  }
}

export function nextCursor(query: CallLogQuery, tenantId: string | undefined, rows: CallLogRow[]): string | null {
  const last = rows[query.limit - 1]
  if (rows.length <= query.limit || !last) return null
  return bytesToBase64Url(utf8.encode(JSON.stringify({ s: last.seq, f: filterKey(query, tenantId) })))
}

export const entryView = (row: CallLogRow) => ({
  id: String(row.seq),
  time: row.at.toISOString(),
  tenant_id: row.tenantId,
  connection_id: row.connectionId,
  provider: row.provider,
  operation: row.operation,
  kind: row.kind,
  method: row.method,
  host: row.host,
  path: row.path,
  status: row.status,
  duration_ms: row.durationMs,
  attempt: row.attempt,
  retry_reason: row.retryReason,
  quota_wait_ms: row.quotaWaitMs,
  circuit: row.circuit as 'closed' | 'half_open' | 'open',
  request_id: row.requestId,
  error_code: row.errorCode,
  request_body: row.requestBody,
  response_body: row.responseBody,
})
