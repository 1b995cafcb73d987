import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm'
import { callLog } from './schema.js'
import type { Database } from './types.js'

export type CallLogRow = typeof callLog.$inferSelect
export type CallLogInsert = typeof callLog.$inferInsert

export interface CallLogFilter {
  /** Absent only for operators (GET /admin/logs). */
  tenantId?: string
  connectionId?: string
  requestId?: string
  provider?: string
  operation?: string
  /** `operation`, `proxy`, `token_refresh`, … (src/core/call-log/record.ts `callKinds`). */
  kind?: string
  /** 2, 3, 4 or 5 for 2xx…5xx; 0 for attempts that got no answer. */
  statusClass?: number
  from?: Date
  to?: Date
  /** Rows older (smaller seq) than this. */
  beforeSeq?: number
}

function conditions(filter: CallLogFilter): SQL[] {
  const where: SQL[] = []
  if (filter.tenantId !== undefined) where.push(eq(callLog.tenantId, filter.tenantId))
  if (filter.connectionId !== undefined) where.push(eq(callLog.connectionId, filter.connectionId))
  if (filter.requestId !== undefined) where.push(eq(callLog.requestId, filter.requestId))
  if (filter.provider !== undefined) where.push(eq(callLog.provider, filter.provider))
  if (filter.operation !== undefined) where.push(eq(callLog.operation, filter.operation))
  if (filter.kind !== undefined) where.push(eq(callLog.kind, filter.kind))
  if (filter.statusClass === 0) where.push(sql`${callLog.status} is null`)
  else if (filter.statusClass !== undefined) {
    where.push(gte(callLog.status, filter.statusClass * 100), lt(callLog.status, filter.statusClass * 100 + 100))
  }
  if (filter.from) where.push(gte(callLog.at, filter.from))
  if (filter.to) where.push(lte(callLog.at, filter.to))
  if (filter.beforeSeq !== undefined) where.push(lt(callLog.seq, filter.beforeSeq))
  return where
}

const wireRow = (row: CallLogInsert) => ({
  at: row.at,
  tenant_id: row.tenantId,
  connection_id: row.connectionId ?? null,
  provider: row.provider,
  operation: row.operation,
  kind: row.kind,
  method: row.method,
  host: row.host,
  path: row.path,
  status: row.status ?? null,
  duration_ms: row.durationMs,
  attempt: row.attempt,
  retry_reason: row.retryReason ?? null,
  quota_wait_ms: row.quotaWaitMs ?? 0,
  circuit: row.circuit,
  request_id: row.requestId,
  error_code: row.errorCode ?? null,
  request_body: row.requestBody ?? null,
  response_body: row.responseBody ?? null,
})

const columns = Object.keys(wireRow({} as CallLogInsert))

/** A database client that bulk-loads with COPY (the PGlite thread, src/db/pglite-thread.ts); it takes `bytes` over. */
interface CopyClient {
  copyFrom(table: string, columns: readonly string[], bytes: Uint8Array): Promise<number>
}

const copyClient = (db: Database): CopyClient | undefined => {
  const client = (db as { $client?: Partial<CopyClient> }).$client
  return typeof client?.copyFrom === 'function' ? (client as CopyClient) : undefined
}

// COPY's text format: backslash, tab, newline and carriage return escaped, `\N` for null. NUL cannot be stored in
// PostgreSQL text at all (nor in jsonb), so it is dropped rather than failing the whole batch.
const special = /[\\\t\n\r\0]/
const specials = /[\\\t\n\r\0]/g
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '' }

const text = (value: string | null | undefined) =>
  value === null || value === undefined ? '\\N' : special.test(value) ? value.replace(specials, (c) => escapes[c]!) : value
const int = (value: number | null | undefined) => (value === null || value === undefined ? '\\N' : String(value))

// One template in `columns` order, not a generic walk over `wireRow`: this runs once per upstream attempt on the
// response path (≈ 3.6 → 1 µs a row; test/integration/call-log-store.test.ts holds the two to the same rows).
const copyLine = (r: CallLogInsert) =>
  `${r.at.toISOString()}\t${text(r.tenantId)}\t${text(r.connectionId)}\t${text(r.provider)}\t${text(r.operation)}\t` +
  `${text(r.kind)}\t${text(r.method)}\t${text(r.host)}\t${text(r.path)}\t${int(r.status)}\t${int(r.durationMs)}\t` +
  `${int(r.attempt)}\t${text(r.retryReason)}\t${int(r.quotaWaitMs ?? 0)}\t${text(r.circuit)}\t${text(r.requestId)}\t` +
  `${text(r.errorCode)}\t${text(r.requestBody)}\t${text(r.responseBody)}\n`
const withoutNul = (_key: string, value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '') : value)
// NUL is dropped here too: PostgreSQL refuses `\u0000` in json text (22P05), which would fail the whole batch.
const jsonLine = (row: CallLogInsert) => {
  const line = JSON.stringify(wireRow(row))
  return line.includes('\\u0000') ? JSON.stringify(wireRow(row), withoutNul) : line
}

const utf8 = new TextEncoder()
const utf8Text = new TextDecoder()

/**
 * Rows waiting for one insert, each encoded as it is recorded into one growing buffer of UTF-8: what waits is no
 * object or string on the heap for the collector to promote and trace (500 lines of ≈ 250 B each, held up to a
 * second, were promoted at every scavenge), and PGlite's thread takes the bytes over without a copy.
 */
export class CallLogBatch {
  rows = 0
  #bytes: Uint8Array
  #length = 0

  /** `sizeHint`: the previous batch's bytes, so a steady stream of batches rarely grows one. */
  constructor(private readonly line: (row: CallLogInsert) => string, private readonly separator: string, sizeHint = 0) {
    this.#bytes = new Uint8Array(Math.max(16_384, sizeHint))
  }

  add(row: CallLogInsert): void {
    const text = this.rows === 0 ? this.line(row) : this.separator + this.line(row)
    let encoded = utf8.encodeInto(text, this.#bytes.subarray(this.#length))
    if (encoded.read < text.length) {
      // Did not fit: grown so that it will (at most 3 bytes per UTF-16 unit) and encoded again from its start.
      const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + text.length * 3))
      grown.set(this.#bytes.subarray(0, this.#length))
      this.#bytes = grown
      encoded = utf8.encodeInto(text, this.#bytes.subarray(this.#length))
    }
    this.#length += encoded.written
    this.rows++
  }

  get byteLength(): number {
    return this.#length
  }

  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length)
  }
}

export function callLogRepository(db: Database) {
  // Looked up at first use, not here: the Worker's database exists only inside an invocation (src/worker.ts).
  let copy: CopyClient | null | undefined
  const copier = () => (copy === undefined ? (copy = copyClient(db) ?? null) : copy)
  return {
    /**
     * An empty batch: rows become lines of COPY text where the client can bulk-load (PGlite), else JSON objects
     * separated by commas. `previous`: the batch before it, whose size the new one starts at.
     */
    batch(previous?: CallLogBatch): CallLogBatch {
      return copier() ? new CallLogBatch(copyLine, '', previous?.byteLength) : new CallLogBatch(jsonLine, ',', previous?.byteLength)
    },
    /**
     * One COPY, or one statement with one JSON parameter: binding 20 parameters per row costs more than the rows do.
     * `json`, not `jsonb`: the server only reads the text once, and building jsonb first cost it twice the CPU per row
     * (PostgreSQL 15, 500-row batches: ≈ 18 against ≈ 26 µs of server CPU per row, bench/call-log-insert.ts).
     * The batch's bytes are handed over: it cannot be used after this.
     */
    async insertBatch(batch: CallLogBatch): Promise<void> {
      if (batch.rows === 0) return
      const copy = copier()
      if (copy) {
        await copy.copyFrom('call_log', columns, batch.bytes())
        return
      }
      const lines = utf8Text.decode(batch.bytes())
      await db.execute(sql`
        insert into call_log (at, tenant_id, connection_id, provider, operation, kind, method, host, path, status, duration_ms,
          attempt, retry_reason, quota_wait_ms, circuit, request_id, error_code, request_body, response_body)
        select at, tenant_id, connection_id, provider, operation, kind, method, host, path, status, duration_ms,
          attempt, retry_reason, quota_wait_ms, circuit, request_id, error_code, request_body, response_body
        from json_to_recordset(${`[${lines}]`}::json) as r(at timestamptz, tenant_id text,
          connection_id text, provider text, operation text, kind text, method text, host text, path text, status integer,
          duration_ms integer, attempt integer, retry_reason text, quota_wait_ms integer, circuit text, request_id text,
          error_code text, request_body text, response_body text)`)
    },
    insert(rows: readonly CallLogInsert[]): Promise<void> {
      const batch = this.batch()
      for (const row of rows) batch.add(row)
      return this.insertBatch(batch)
    },
    /** Newest first. */
    async list(filter: CallLogFilter, limit: number): Promise<CallLogRow[]> {
      return db
        .select()
        .from(callLog)
        .where(and(...conditions(filter)))
        .orderBy(desc(callLog.seq))
        .limit(limit)
    },
    /**
     * Drops rows older than `before`, then every row more than `maxRows` behind the newest number handed out — the
     * sequence's last value, read without scanning the table; numbers a failed batch took leave gaps, so at most
     * `maxRows` rows stay. Each delete reads the table once (no index on `at` or `seq` alone: see docs/observability.md).
     */
    async prune(before: Date, maxRows: number): Promise<void> {
      await db.delete(callLog).where(lt(callLog.at, before))
      const [sequence] = await db.select({ last: sql<string>`last_value` }).from(sql`call_log_seq_seq`)
      const edge = Number(sequence?.last ?? 0) - maxRows
      if (edge > 0) await db.delete(callLog).where(lte(callLog.seq, edge))
    },
  }
}

export type CallLogRepository = ReturnType<typeof callLogRepository>
