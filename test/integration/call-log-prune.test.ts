/**
 * The call log's bounds (docs/observability.md, "Retention and size"): rows older than the retention go, and all
 * but the newest `KOPRU_CALL_LOG_MAX_ROWS` — on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { callLogRepository, type CallLogInsert } from '../../src/db/call-log.js'
import { callLog } from '../../src/db/schema.js'
import { resetDatabase, testDatabase } from '../helpers/db.js'

const row = (requestId: string, at: Date, tenantId = 'ten_a'): CallLogInsert => ({
  at, tenantId, connectionId: 'con_a', provider: 'trendyol', operation: 'getOrder', kind: 'operation', method: 'GET',
  host: 'apigw.trendyol.com', path: '/orders', status: 200, durationMs: 3, attempt: 1, circuit: 'closed', requestId,
})
const day = 86_400_000

describe('call log pruning', () => {
  beforeEach(async () => resetDatabase(await testDatabase()))

  it('drops rows older than the retention and keeps the rest', async () => {
    const { db } = await testDatabase()
    const repository = callLogRepository(db)
    const now = Date.now()
    await repository.insert([row('req_old', new Date(now - 8 * day)), row('req_edge', new Date(now - 7 * day + 60_000)), row('req_new', new Date(now))])
    await repository.prune(new Date(now - 7 * day), 1_000)
    const kept = await db.select({ requestId: callLog.requestId }).from(callLog)
    expect(kept.map((r) => r.requestId).sort()).toEqual(['req_edge', 'req_new'])
  })

  it('keeps only the newest rows beyond the size bound, across tenants', async () => {
    const { db } = await testDatabase()
    const repository = callLogRepository(db)
    const now = new Date()
    for (let batch = 0; batch < 3; batch++) {
      await repository.insert(Array.from({ length: 4 }, (_, i) => row(`req_${batch}_${i}`, now, i % 2 ? 'ten_b' : 'ten_a')))
    }
    await repository.prune(new Date(now.getTime() - day), 5)
    const kept = await db.select({ requestId: callLog.requestId }).from(callLog)
    expect(kept.map((r) => r.requestId).sort()).toEqual(['req_1_3', 'req_2_0', 'req_2_1', 'req_2_2', 'req_2_3'])
    // Under the bound nothing more goes.
    await repository.prune(new Date(now.getTime() - day), 5)
    expect(await db.$count(callLog)).toBe(5)
  })
})
