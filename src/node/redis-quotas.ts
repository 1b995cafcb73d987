import Bottleneck from 'bottleneck'
import { Redis } from 'ioredis'
import type { QuotaDatastore } from '../core/quotas/limiters.js'
import { UNSYNCED_RETRY_MS, type CostStore } from '../core/quotas/cost.js'

/**
 * Cost buckets as Redis hashes {a: available, t: last refill (ms, Redis clock), h: held, c: capacity,
 * r: restore per second, s: synced with the provider's reading}; each script refills first, exactly as createMemoryCostStore does.
 */
const refillLua = `
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'a', 't', 'h', 'c', 'r')
local c = tonumber(b[4]) or tonumber(ARGV[2])
local r = tonumber(b[5]) or tonumber(ARGV[3])
local a = tonumber(b[1]) or c
local t = tonumber(b[2]) or now
local h = tonumber(b[3]) or 0
local synced = redis.call('HGET', KEYS[1], 's') == '1'
a = math.min(c, a + math.max(0, now - t) * r / 1000)
`
const takeLua = `${refillLua}
local cost = tonumber(ARGV[1])
local wait = 0
if not synced and h > 0 then wait = ${UNSYNCED_RETRY_MS}
elseif a >= cost then a = a - cost; h = h + cost
else wait = math.max(1, math.ceil((cost - a) * 1000 / r)) end
redis.call('HSET', KEYS[1], 'a', tostring(a), 't', now, 'h', tostring(h), 'c', tostring(c), 'r', tostring(r))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return wait
`
// ARGV: reserved, capacity, restore, ttl, actual|'', available|'', reported capacity|'', reported restore|''
const settleLua = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
${refillLua}
h = math.max(0, h - tonumber(ARGV[1]))
if ARGV[7] ~= '' then c = tonumber(ARGV[7]); r = tonumber(ARGV[8]) end
if ARGV[5] ~= '' then a = a + tonumber(ARGV[1]) - tonumber(ARGV[5]) end
if ARGV[6] ~= '' and (not synced or tonumber(ARGV[6]) < a) then a = tonumber(ARGV[6]) - h; redis.call('HSET', KEYS[1], 's', '1') end
a = math.min(c, a)
redis.call('HSET', KEYS[1], 'a', tostring(a), 't', now, 'h', tostring(h), 'c', tostring(c), 'r', tostring(r))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
`

function redisCostStore(client: Redis, namespace: string, keyTtlMs: number): CostStore {
  const key = (bucket: string) => `${namespace}:cost:${bucket}`
  const text = (value: number | undefined) => (value === undefined ? '' : String(value))
  return {
    pollMs: 40,
    async take(bucket, cost, spec) {
      const wait = Number(await client.eval(takeLua, 1, key(bucket), cost, spec.capacity, spec.restorePerSecond, keyTtlMs))
      return wait === 0 ? { ok: true } : { ok: false, waitMs: wait }
    },
    async settle(bucket, { reserved, actual, available, spec }) {
      await client.eval(settleLua, 1, key(bucket), reserved, spec?.capacity ?? 0, spec?.restorePerSecond ?? 1, keyTtlMs, text(actual), text(available), text(spec?.capacity), text(spec?.restorePerSecond))
    },
  }
}

/**
 * Bottleneck's Redis clustering over one ioredis connection pair per process: every gateway process
 * pointed at the same `REDIS_URL` shares each limiter's running count, so together they stay in one quota.
 *
 * `heartbeatInterval` is lowered from Bottleneck's 5 s Redis default: the heartbeat is what frees slots
 * of expired jobs and of processes that stopped answering (`clientTimeout`), see toolchain notes P9.
 * Limiter keys expire after `keyTtlMs` of inactivity so Redis memory stays bounded.
 */
export function createRedisQuotaDatastore(
  url: string,
  {
    heartbeatInterval = 250,
    clientTimeout = 10_000,
    keyTtlMs = 15 * 60_000,
    namespace = 'kopru',
  }: { heartbeatInterval?: number; clientTimeout?: number; keyTtlMs?: number; namespace?: string } = {},
): QuotaDatastore {
  const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true })
  const connection = new Bottleneck.IORedisConnection({ client })
  return {
    namespace,
    costs: redisCostStore(client, namespace, keyTtlMs),
    options: {
      datastore: 'ioredis',
      connection,
      clearDatastore: false,
      heartbeatInterval,
      clientTimeout,
      timeout: keyTtlMs,
    },
    close: () => connection.disconnect(false),
  }
}
