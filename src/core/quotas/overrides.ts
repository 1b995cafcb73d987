import type { ProviderDefinition, QuotaDefinition } from '../provider-kit/types.js'
import { findQuota } from './scope.js'

/** Operator overrides of declared quotas (negotiated limits, tests, benchmarks), by provider id and group. */
export type QuotaOverrides = Record<string, Record<string, { limit: number; intervalMs: number }>>

export function quotaResolver(overrides: QuotaOverrides = {}) {
  return (provider: ProviderDefinition, group: string | undefined, path?: string): QuotaDefinition | undefined => {
    const declared = findQuota(provider.quotas, group, path)
    const override = declared && overrides[provider.id]?.[declared.group]
    return override ? { ...declared, ...override } : declared
  }
}
