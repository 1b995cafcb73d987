import { afterAll, describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/core/metrics.js'
import { createCostBuckets, createMemoryCostStore, type CostStore } from '../../src/core/quotas/cost.js'
import type { QuotaDefinition } from '../../src/core/provider-kit/types.js'
import { createRedisQuotaDatastore } from '../../src/node/redis-quotas.js'

const quota: QuotaDefinition = {
  group: 'graphql',
  limit: 10,
  intervalMs: 1000,
  scope: 'credential',
  cost: { capacity: 100, restorePerSecond: 10, defaultCost: 10, read: () => undefined },
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20))

/** A bucket already synced with the provider's reading (a full bucket of 100, 10 points/s). */
async function bucketsOver(store: CostStore) {
  const buckets = createCostBuckets({ store, metrics: createMetrics() })
  const scopeKey = `shop-${crypto.randomUUID()}`
  const reserve = (cost: number, budgetMs = 0) => buckets.reserve({ provider: 'test', quota, scopeKey, cost, deadline: Date.now() + budgetMs })
  ;(await reserve(0)).settle({ actual: 0, available: 100, capacity: 100, restorePerSecond: 10 }, true)
  await settled()
  return reserve
}

const stores: [string, () => CostStore][] = [['in memory', () => createMemoryCostStore()]]
const redis = process.env.REDIS_URL ? createRedisQuotaDatastore(process.env.REDIS_URL, { namespace: `cost-test-${crypto.randomUUID()}` }) : undefined
if (redis) stores.push(['in Redis', () => redis.costs!])
afterAll(() => redis?.close())

describe.each(stores)('cost-based quota %s', (_name, store) => {
  it('lets one call out at a time until the provider has reported its bucket', async () => {
    const buckets = createCostBuckets({ store: store(), metrics: createMetrics() })
    const scopeKey = `probe-${crypto.randomUUID()}`
    const reserve = (cost: number, budgetMs = 0) => buckets.reserve({ provider: 'test', quota, scopeKey, cost, deadline: Date.now() + budgetMs })
    const first = await reserve(10)
    await expect(reserve(10)).rejects.toMatchObject({ code: 'rate_limited' })
    const second = reserve(10, 2_000)
    first.settle({ actual: 10, available: 90, capacity: 100, restorePerSecond: 10 }, true)
    expect((await second).cost).toBe(10)
  })

  it('refunds the difference when the actual cost is lower than the requested one', async () => {
    const reserve = await bucketsOver(store())
    const first = await reserve(100)
    // The bucket is empty: a call of 90 more would have to wait 9 s, beyond a zero budget.
    await expect(reserve(90)).rejects.toMatchObject({ code: 'rate_limited' })
    first.settle({ actual: 10 }, true)
    await settled()
    const second = await reserve(90)
    expect(second.cost).toBe(90)
  })

  it('never lends points the bucket lacks, and resyncs from the provider\'s reading', async () => {
    const reserve = await bucketsOver(store())
    const first = await reserve(30)
    // The provider says only 5 points are left (another client of the same app and shop spent them).
    first.settle({ actual: 30, available: 5, capacity: 100, restorePerSecond: 10 }, true)
    await settled()
    await expect(reserve(50)).rejects.toMatchObject({ code: 'rate_limited' })
    const small = await reserve(5)
    expect(small.cost).toBe(5)
  })

  it('waits within the budget for the restore instead of answering rate_limited', async () => {
    const reserve = await bucketsOver(store())
    await reserve(100)
    const waiting = await reserve(2, 2_000)
    expect(waiting.waitedMs).toBeGreaterThan(0)
  })

  it('gives everything back when nothing reached the provider', async () => {
    const reserve = await bucketsOver(store())
    const first = await reserve(100)
    first.settle(undefined, false)
    await settled()
    expect((await reserve(100)).cost).toBe(100)
  })
})
