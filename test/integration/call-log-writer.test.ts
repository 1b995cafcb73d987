/**
 * The call log's writer (src/core/call-log/writer.ts) holds at most `maxPending` records in memory — in the batch it
 * fills and in the batches waiting for a slow database together — and drops (and counts) the rest.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { createCallLog } from '../../src/core/call-log/writer.js'
import { createLogger } from '../../src/core/logger.js'
import { callLogRepository, type CallLogInsert } from '../../src/db/call-log.js'
import { resetDatabase, testDatabase } from '../helpers/db.js'

const record = (i: number): CallLogInsert => ({
  at: new Date(), tenantId: 'ten_writer', connectionId: null, provider: 'trendyol', operation: 'orders.list', kind: 'operation',
  method: 'GET', host: 'api.example', path: '/orders', status: 200, durationMs: 1, attempt: 0, retryReason: null,
  quotaWaitMs: 0, circuit: 'closed', requestId: `req_writer_${i}`, errorCode: null,
})

describe('call log writer', () => {
  beforeEach(async () => resetDatabase(await testDatabase()))

  it('bounds what waits for a slow database, batches queued included, and stores every record it kept', async () => {
    const { db } = await testDatabase()
    const repository = callLogRepository(db)
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const slow = { ...repository, insertBatch: (batch: Parameters<typeof repository.insertBatch>[0]) => gate.then(() => repository.insertBatch(batch)) }
    const warnings: string[] = []
    const callLog = createCallLog(slow, createLogger({ level: 'warn', sink: (line) => warnings.push(line) }), { batchSize: 10, maxPending: 25, flushMs: 60_000 })
    for (let i = 0; i < 40; i++) callLog.push(record(i))
    // Two batches of ten wait for the database, five fill the third; the other fifteen were dropped.
    expect(callLog.dropped).toBe(15)
    open()
    await callLog.flush()
    const stored = await repository.list({ tenantId: 'ten_writer' }, 100)
    expect(stored.map((row) => row.requestId).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `req_writer_${i}`).sort())
    // Room again once stored.
    callLog.push(record(99))
    await callLog.flush()
    expect(await repository.list({ tenantId: 'ten_writer', requestId: 'req_writer_99' }, 10)).toHaveLength(1)
    expect(callLog.dropped).toBe(15)
    expect(warnings).toEqual([])
  })
})
