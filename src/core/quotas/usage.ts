/**
 * Quota usage of one connection: for each quota group of its provider, the window the connection's requests count
 * against (the same key `ctx.request()` takes slots under) and how full it is now.
 */
import type { ResolvedConnection } from '../connections.js'
import { accountOf, type UpstreamDeps } from '../upstream.js'
import { quotaScopeKey } from './scope.js'
import { quotaKey, type QuotaUsage } from './store.js'

export interface GroupUsage {
  group: string
  scope: 'credential' | 'app'
  /** Null when the store cannot tell (a store without snapshots, or a cost-based bucket). */
  usage: QuotaUsage | null
}

export async function connectionQuotaUsage(upstream: Pick<UpstreamDeps, 'quotas' | 'quotaFor'>, connection: ResolvedConnection): Promise<GroupUsage[]> {
  const { quotas } = upstream
  if (!quotas) return []
  const { provider } = connection
  const out: GroupUsage[] = []
  for (const declared of provider.quotas) {
    const quota = upstream.quotaFor(provider, declared.group) ?? declared
    if (quota.cost || !quotas.usage) {
      out.push({ group: quota.group, scope: quota.scope, usage: null })
      continue
    }
    const scopeKey = await quotaScopeKey(quota.scope, connection.credentials, accountOf(provider, connection.info))
    const found = await quotas.usage(quotaKey({ provider: provider.id, scopeKey, quota }))
    // No window: nothing was sent in the last window, so none of the limit is taken.
    const usage = found ?? { used: 0, limit: quota.limit, intervalMs: quota.intervalMs, waiting: 0, pausedUntil: 0 }
    out.push({ group: quota.group, scope: quota.scope, usage })
  }
  return out
}
