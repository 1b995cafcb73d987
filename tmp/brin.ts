import { PGlite } from '@electric-sql/pglite'
import { readFileSync } from 'node:fs'
const m = (n: string) => readFileSync(`drizzle/${n}.sql`, 'utf8').split('--> statement-breakpoint')
const cols = 'at, tenant_id, connection_id, provider, operation, kind, method, host, path, status, duration_ms, attempt, retry_reason, quota_wait_ms, circuit, request_id, error_code, request_body, response_body'
const hex = () => crypto.randomUUID().replace(/-/g, '')
const line = () => [new Date().toISOString(), 'ten_01JCKZ8Q9X4M2N7P3R5T6V8W0Y', 'con_01JCKZ8Q9X4M2N7P3R5T6V8W0Y', 'trendyol', 'getOrder', 'operation', 'GET', 'apigw.trendyol.com', '/integration/order/sellers/123456/orders', '200', '3', '1', '\\N', '0', 'closed', `req_${Date.now().toString(16).padStart(12, '0')}${hex().slice(12)}`, '\\N', '\\N', '\\N'].join('\t') + '\n'
const text = () => Array.from({ length: 500 }, line).join('')
const variants: Record<string, string[]> = { base: [...m('0007_call-log'), ...m('0008_call-log-tenant-key')], brin: [...m('0007_call-log'), ...m('0008_call-log-tenant-key'), 'create index call_log_seq_brin on call_log using brin (seq)', 'create index call_log_at_brin on call_log using brin (at)'] }
const dbs: Record<string, PGlite> = {}
for (const [k, v] of Object.entries(variants)) { dbs[k] = await PGlite.create('memory://'); for (const s of v) await dbs[k]!.exec(s) }
const res: Record<string, number[]> = {}
for (let r = 0; r < 200; r++) for (const k of Object.keys(variants)) { const t = text(); const c = process.cpuUsage(); await dbs[k]!.query(`copy call_log (${cols}) from '/dev/blob'`, [], { blob: new Blob([t]) }); const u = process.cpuUsage(c); if (r > 10) (res[k] ??= []).push((u.user + u.system) / 500) }
for (const [k, xs] of Object.entries(res)) { xs.sort((a, b) => a - b); console.log(k, 'med', xs[xs.length >> 1]!.toFixed(1), 'min', xs[0]!.toFixed(1)) }
// prune timing at 100k rows
for (const k of Object.keys(variants)) {
  const pg = dbs[k]!
  const [{ n }] = (await pg.query<{ n: number }>('select count(*)::int as n from call_log')).rows
  let t = performance.now()
  await pg.query(`explain analyze delete from call_log where at < now() - interval '7 days'`)
  const a = performance.now() - t; t = performance.now()
  const r = await pg.query(`explain analyze select * from call_log where seq <= (select last_value from call_log_seq_seq) - 90000`)
  const b = performance.now() - t; t = performance.now()
  await pg.query(`select * from call_log order by seq desc limit 51`)
  const c = performance.now() - t
  console.log(k, n, 'rows: delete-by-at', a.toFixed(0), 'ms, range-by-seq', b.toFixed(0), 'ms, admin page', c.toFixed(0), 'ms')
}
