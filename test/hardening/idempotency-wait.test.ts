import { describe, expect, it } from 'vitest'
import { createIdempotency } from '../../src/core/idempotency.js'
import { KopruError } from '../../src/core/errors.js'
import { idempotencyRepository } from '../../src/db/idempotency.js'
import { tenants } from '../../src/db/schema.js'
import { resetDatabase, testDatabase } from '../helpers/db.js'

describe('a 409 for a key in flight', () => {
  it("carries Retry-After = the lease's remaining time, not a fixed second", async () => {
    const database = await testDatabase()
    await resetDatabase(database)
    await database.db.insert(tenants).values({ id: 'ten_1', name: 'T', createdAt: new Date() })
    let at = new Date('2026-12-01T10:00:00Z')
    const idempotency = createIdempotency({ repository: idempotencyRepository(database.db), leaseMs: 120_000, now: () => at })
    const input = { tenantId: 'ten_1', key: 'key-1', operation: 'shipments.create', requestHash: 'h' }
    expect(await idempotency.claim(input)).toEqual({ kind: 'owner', resumed: false })
    at = new Date(at.getTime() + 30_500)
    const refused = await idempotency.claim(input).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(KopruError)
    expect((refused as KopruError).status).toBe(409)
    expect((refused as KopruError).headers?.['Retry-After']).toBe('90')
    at = new Date(at.getTime() + 89_000)
    const almost = (await idempotency.claim(input).catch((error: unknown) => error)) as KopruError
    expect(almost.headers?.['Retry-After']).toBe('1')
    at = new Date(at.getTime() + 1_000)
    expect(await idempotency.claim(input)).toEqual({ kind: 'owner', resumed: true })
  })
})
