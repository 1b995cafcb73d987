import { beforeEach, describe, expect, it } from 'vitest'
import { canonicalJson, createIdempotency } from '../../src/core/idempotency.js'
import { KopruError } from '../../src/core/errors.js'
import { referenceFromIdempotencyKey } from '../../src/core/shipping/reference.js'
import { idempotencyRepository } from '../../src/db/idempotency.js'
import { tenantRepository } from '../../src/db/tenants.js'
import { resetDatabase, testDatabase } from '../helpers/db.js'

const claimError = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error as KopruError
  }
  throw new Error('expected the claim to fail')
}

describe('idempotency keys in the database', () => {
  let clock = new Date('2026-11-28T10:00:00Z')
  let idempotency: ReturnType<typeof createIdempotency>
  const input = { tenantId: 'ten_a', key: 'k-1', operation: 'shipments.create', requestHash: 'h1' }

  beforeEach(async () => {
    const handle = await testDatabase()
    await resetDatabase(handle)
    const tenants = tenantRepository(handle.db)
    await tenants.create({ id: 'ten_a', name: 'A', createdAt: new Date() })
    await tenants.create({ id: 'ten_b', name: 'B', createdAt: new Date() })
    clock = new Date('2026-11-28T10:00:00Z')
    idempotency = createIdempotency({ repository: idempotencyRepository(handle.db), leaseMs: 60_000, now: () => clock })
  })

  it('lets exactly one of 20 concurrent claims own a key; the rest see it in flight', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => idempotency.claim(input)))
    const owners = results.filter((r) => r.status === 'fulfilled')
    expect(owners).toHaveLength(1)
    expect(owners[0]).toMatchObject({ value: { kind: 'owner', resumed: false } })
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', status: 409 })
    }
  })

  it('replays the stored answer for the same request and refuses a different one', async () => {
    await idempotency.claim(input)
    await idempotency.complete('ten_a', 'k-1', 201, { id: 'shp_1' })
    expect(await idempotency.claim(input)).toEqual({ kind: 'replay', status: 201, body: { id: 'shp_1' } })
    const error = await claimError(idempotency.claim({ ...input, requestHash: 'h2' }))
    expect(error).toMatchObject({ code: 'idempotency_mismatch', status: 422 })
  })

  it('scopes keys by tenant', async () => {
    await idempotency.claim(input)
    expect(await idempotency.claim({ ...input, tenantId: 'ten_b' })).toEqual({ kind: 'owner', resumed: false })
  })

  it('gives a released key back, and lets an abandoned claim be taken over once its lease ran out', async () => {
    await idempotency.claim(input)
    await idempotency.release('ten_a', 'k-1')
    expect(await idempotency.claim(input)).toEqual({ kind: 'owner', resumed: false })
    clock = new Date(clock.getTime() + 61_000)
    const results = await Promise.allSettled([idempotency.claim(input), idempotency.claim(input), idempotency.claim(input)])
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual([
      { kind: 'owner', resumed: true },
    ])
  })

  it('expires keys after 24 hours', async () => {
    await idempotency.claim(input)
    await idempotency.complete('ten_a', 'k-1', 201, { id: 'shp_1' })
    clock = new Date(clock.getTime() + 24 * 3600_000 + 1)
    expect(await idempotency.claim({ ...input, requestHash: 'other' })).toEqual({ kind: 'owner', resumed: false })
  })
})

describe('request fingerprints and derived references', () => {
  it('canonical JSON ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }))
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }))
  })

  it('derives a stable 16-character carrier reference per tenant and key', async () => {
    const a = await referenceFromIdempotencyKey('ten_a', 'key-1')
    expect(a).toMatch(/^K[0-9A-Z]{15}$/)
    expect(await referenceFromIdempotencyKey('ten_a', 'key-1')).toBe(a)
    expect(await referenceFromIdempotencyKey('ten_b', 'key-1')).not.toBe(a)
    expect(await referenceFromIdempotencyKey('ten_a', 'key-2')).not.toBe(a)
  })
})

describe('expired key sweep', () => {
  it('purges other tenants’ expired keys every `purgeEvery` claims', async () => {
    const handle = await testDatabase()
    await resetDatabase(handle)
    await tenantRepository(handle.db).create({ id: 'ten_a', name: 'A', createdAt: new Date() })
    let clock = new Date('2026-11-28T10:00:00Z')
    const repository = idempotencyRepository(handle.db)
    const idempotency = createIdempotency({ repository, purgeEvery: 3, now: () => clock })
    await idempotency.claim({ tenantId: 'ten_a', key: 'old', operation: 'x', requestHash: 'h' })
    clock = new Date(clock.getTime() + 25 * 3600_000)
    await idempotency.claim({ tenantId: 'ten_a', key: 'n1', operation: 'x', requestHash: 'h' })
    expect(await repository.get('ten_a', 'old')).toBeDefined()
    await idempotency.claim({ tenantId: 'ten_a', key: 'n2', operation: 'x', requestHash: 'h' })
    expect(await repository.get('ten_a', 'old')).toBeUndefined()
    expect(await repository.get('ten_a', 'n1')).toBeDefined()
  })
})
