/**
 * What writing one call-log row costs the database, by table layout and statement (issue 18): CPU per row of
 * 500-row batches into a table that already holds 10 000 rows. PGlite in this process (its CPU is this process's,
 * `process.cpuUsage`); PostgreSQL when `DATABASE_URL` is set (the CPU of the server backend that ran the batches,
 * read from /proc, so Linux only). Layouts are the migrations themselves: `drizzle/0007_call-log.sql` alone (key on
 * seq, indexes on (tenant, seq) and request id) and with `0008` (key (tenant, seq), index on request id); and 0008
 * into a table of 200 000 rows on `memory://` with and without src/db/memfs-growth.ts. Layouts
 * alternate round by round; the figure is the median. `BENCH_ONLY=insert npm run bench`.
 */
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { memfsGrowthSource } from '../src/db/memfs-growth.js'
import { fixed, median, table } from './cannon.js'
import { createScratchDatabase, dropScratchDatabase } from './scratch-db.js'

const BATCH = 500
const ROUNDS = 6
const columns = 'at, tenant_id, connection_id, provider, operation, kind, method, host, path, status, duration_ms, attempt, retry_reason, quota_wait_ms, circuit, request_id, error_code, request_body, response_body'
const recordType = 'r(at timestamptz, tenant_id text, connection_id text, provider text, operation text, kind text, method text, host text, path text, status integer, duration_ms integer, attempt integer, retry_reason text, quota_wait_ms integer, circuit text, request_id text, error_code text, request_body text, response_body text)'
const migration = (name: string) => readFileSync(`drizzle/${name}.sql`, 'utf8').split('--> statement-breakpoint')
const layouts = {
  '0007: key seq, (tenant, seq), request id': migration('0007_call-log'),
  '0008: key (tenant, seq), request id': [...migration('0007_call-log'), ...migration('0008_call-log-tenant-key')],
}
const hex = () => crypto.randomUUID().replace(/-/g, '')
const requestIds = {
  random: () => `req_${hex()}`,
  'time-ordered': () => `req_${Date.now().toString(16).padStart(12, '0')}${hex().slice(12)}`,
}
type Ids = keyof typeof requestIds

const record = (id: string) => ({
  at: new Date().toISOString(), tenant_id: 'ten_01JCKZ8Q9X4M2N7P3R5T6V8W0Y', connection_id: 'con_01JCKZ8Q9X4M2N7P3R5T6V8W0Y',
  provider: 'trendyol', operation: 'getOrder', kind: 'operation', method: 'GET', host: 'apigw.trendyol.com',
  path: '/integration/order/sellers/123456/orders', status: 200, duration_ms: 3, attempt: 1, retry_reason: null,
  quota_wait_ms: 0, circuit: 'closed', request_id: id, error_code: null, request_body: null, response_body: null,
})
const copyText = (ids: Ids) =>
  Array.from({ length: BATCH }, () => `${Object.values(record(requestIds[ids]())).map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`).join('')
const jsonText = (ids: Ids) => `[${Array.from({ length: BATCH }, () => JSON.stringify(record(requestIds[ids]()))).join(',')}]`

interface Case {
  name: string
  /** Writes one batch; resolves to the CPU µs it cost the database. */
  batch(): Promise<number>
}

/** `big`: 200 000 rows in the table first, with or without the database thread's file-system patch. */
async function pgliteCase(layout: keyof typeof layouts, ids: Ids, big?: 'patched' | 'unpatched'): Promise<Case> {
  const pg = await PGlite.create('memory://')
  if (big === 'patched') new Function(`${memfsGrowthSource}; return amortizeMemfsGrowth`)()(pg.Module.MEMFS)
  for (const statement of layouts[layout]) await pg.exec(statement)
  const copy = (text: string) => pg.query(`copy call_log (${columns}) from '/dev/blob'`, [], { blob: new Blob([text]) })
  for (let i = 0; i < (big ? 400 : 20); i++) await copy(copyText(ids))
  return {
    name: big
      ? `PGlite COPY, 0008, 200 000 rows already, MEMFS ${big === 'patched' ? 'growth amortised (src/db/memfs-growth.ts, as the thread runs it)' : 'as shipped (a copy of the file per extension)'}`
      : `PGlite COPY, ${layout}, ${ids} request ids`,
    async batch() {
      const text = copyText(ids)
      const before = process.cpuUsage()
      await copy(text)
      const used = process.cpuUsage(before)
      return used.user + used.system
    },
  }
}

async function postgresCase(serverUrl: string, statement: 'json' | 'jsonb', db: number): Promise<Case & { close(): Promise<void> }> {
  const name = `kopru_bench_insert_${process.pid}_${db}`
  const { default: postgres } = await import('postgres')
  const sql = postgres(await createScratchDatabase(serverUrl, name), { max: 1, onnotice: () => {} })
  for (const step of layouts['0008: key (tenant, seq), request id']) await sql.unsafe(step)
  const [{ pid }] = (await sql`select pg_backend_pid() as pid`) as unknown as [{ pid: number }]
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  }
  const insert = (text: string) =>
    sql.unsafe(`insert into call_log (${columns}) select ${columns} from ${statement}_to_recordset($1::text::${statement}) as ${recordType}`, [text])
  for (let i = 0; i < 20; i++) await insert(jsonText('time-ordered'))
  return {
    name: `PostgreSQL INSERT … ${statement}_to_recordset, 0008, time-ordered request ids`,
    async batch() {
      // Ten batches per figure: the server's CPU clock ticks every 10 ms.
      const texts = Array.from({ length: 10 }, () => jsonText('time-ordered'))
      const before = ticks()
      for (const text of texts) await insert(text)
      return ((ticks() - before) * 10_000) / 10
    },
    async close() {
      await sql.end()
      await dropScratchDatabase(serverUrl, name)
    },
  }
}

export async function callLogInsertCost(): Promise<string> {
  const cases: Case[] = [
    await pgliteCase('0007: key seq, (tenant, seq), request id', 'random'),
    await pgliteCase('0007: key seq, (tenant, seq), request id', 'time-ordered'),
    await pgliteCase('0008: key (tenant, seq), request id', 'time-ordered'),
    await pgliteCase('0008: key (tenant, seq), request id', 'time-ordered', 'unpatched'),
    await pgliteCase('0008: key (tenant, seq), request id', 'time-ordered', 'patched'),
  ]
  const closers: (() => Promise<void>)[] = []
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    for (const [i, statement] of (['jsonb', 'json'] as const).entries()) {
      const pgCase = await postgresCase(serverUrl, statement, i)
      cases.push(pgCase)
      closers.push(pgCase.close)
    }
  }
  const perRow: number[][] = cases.map(() => [])
  try {
    for (let r = 0; r < ROUNDS; r++) for (const [i, c] of cases.entries()) perRow[i]!.push((await c.batch()) / BATCH)
  } finally {
    for (const close of closers) await close()
  }
  return [
    `### Writing the call log: database CPU per row (batches of ${BATCH}, median of ${ROUNDS} alternated rounds)`,
    '',
    table(['layout and statement', 'µs per row', 'min'], cases.map((c, i) => [c.name, fixed(median(perRow[i]!), 1), fixed(Math.min(...perRow[i]!), 1)])),
  ].join('\n')
}
