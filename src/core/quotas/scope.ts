import type { QuotaDefinition } from '../provider-kit/types.js'

const fingerprints = new WeakMap<object, Promise<string>>()
/** Fields that rotate (OAuth tokens) would split one account's quota in two; they are left out. */
const rotating = /token|expires|expiry/i

/**
 * Who shares a quota: `app` quotas are the operator's whole OAuth app; `credential` quotas belong to the
 * provider account behind the credentials, so two connections holding the same account share one limiter.
 * The key is a SHA-256 prefix of the stable credential fields: no secret reaches Redis, logs or metrics.
 */
export function quotaScopeKey(scope: QuotaDefinition['scope'], credentials: unknown, account?: string): Promise<string> {
  if (scope === 'app') return Promise.resolve('app')
  // OAuth connections hold only rotating tokens; the account (Shopify's shop) is what owns the quota.
  if (account) return fingerprint(`account:${account}`)
  if (credentials === null || typeof credentials !== 'object') return fingerprint(String(credentials))
  let cached = fingerprints.get(credentials)
  if (!cached) {
    const stable = Object.entries(credentials as Record<string, unknown>)
      .filter(([key]) => !rotating.test(key))
      .sort(([a], [b]) => (a < b ? -1 : 1))
    cached = fingerprint(JSON.stringify(stable))
    fingerprints.set(credentials, cached)
  }
  return cached
}

async function fingerprint(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return [...digest.slice(0, 12)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * The quota a request counts against: the group it names, else the group whose `paths` match its path
 * (so a `/v1/proxy` call to an endpoint shares that endpoint's quota), else the provider's `default`.
 */
export function findQuota(quotas: readonly QuotaDefinition[], group: string | undefined, path = ''): QuotaDefinition | undefined {
  return (
    (group ? quotas.find((q) => q.group === group) : quotas.find((q) => q.paths?.test(path))) ??
    quotas.find((q) => q.group === 'default')
  )
}
