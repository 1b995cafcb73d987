import { createRequire } from 'node:module'; const require = createRequire(import.meta.url)
import { openPglite } from '../src/db/pglite.js'
import { callLogRepository } from '../src/db/call-log.js'
import { readFileSync } from 'node:fs'
const h = await openPglite('memory://')
await h.migrate()
const repo = callLogRepository(h.db)
const row = (i: number) => ({ at: new Date(), tenantId: 'ten_01JABCDEFGHJKMNPQRS', connectionId: 'con_01JABCDEFGHJKMNPQ', provider: 'trendyol', operation: 'orders.get', kind: 'operation', method: 'GET', host: 'apigw.trendyol.com', path: '/integration/order/sellers/12345/orders', status: 200, durationMs: 3, attempt: 1, retryReason: null, quotaWaitMs: 0, circuit: 'closed', requestId: 'req_' + i + Math.random().toString(36).slice(2), errorCode: null, requestBody: null })
const ticks = () => { const out: Record<string, number> = {}; for (const t of require('node:fs').readdirSync(`/proc/${process.pid}/task`)) { const s = readFileSync(`/proc/${process.pid}/task/${t}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')); out[t + ' ' + name] = Number(f[11]) + Number(f[12]) }; return out }
for (let k = 0; k < 3; k++) {
  const before = ticks(); const c0 = process.cpuUsage()
  for (let b = 0; b < 20; b++) await repo.insert(Array.from({ length: 500 }, (_, i) => row(i)))
  const after = ticks(); const c = process.cpuUsage(c0)
  const diff = Object.entries(after).map(([k2, v]) => [k2, ((v - (before[k2] ?? 0)) * 10000) / 10000]).filter(([, v]) => (v as number) > 0)
  console.log('process µs/row', ((c.user + c.system) / 10000).toFixed(1), JSON.stringify(diff.map(([n, v]) => `${n}: ${((v as number) * 10000 / 10000).toFixed(1)}`)))
}
await h.close()
