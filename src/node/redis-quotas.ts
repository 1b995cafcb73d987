import Bottleneck from 'bottleneck'
import { Redis } from 'ioredis'
import type { QuotaDatastore } from '../core/quotas/limiters.js'

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
  const connection = new Bottleneck.IORedisConnection({
    client: new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true }),
  })
  return {
    namespace,
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
