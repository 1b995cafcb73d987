import type { Environment, ProviderDefinition } from './provider-kit/types.js'

export type EnvSource = Record<string, string | undefined>

export const envName = (providerId: string, ...parts: string[]) =>
  ['KOPRU_PROVIDER', providerId, ...parts].join('_').toUpperCase().replace(/-/g, '_')

/**
 * Where a provider's requests go: `KOPRU_PROVIDER_<ID>_<HOST>_BASE_URL`, then `KOPRU_PROVIDER_<ID>_BASE_URL`,
 * then the built-in simulators (demo mode, sandbox only), then the provider's own URL for the environment.
 */
export function createBaseUrlResolver(env: EnvSource, simulatorUrls: Record<string, string> = {}) {
  const cache = new Map<string, string>()
  return (provider: ProviderDefinition, environment: Environment, host?: string): string => {
    const cacheKey = `${provider.id}|${environment}|${host ?? ''}`
    const cached = cache.get(cacheKey)
    if (cached) return cached
    const own = host ? provider.hosts?.[host]?.[environment] : provider.baseUrls[environment]
    if (!own) throw new Error(`provider ${provider.id} has no host ${host} for ${environment}`)
    const resolved = (
      (host ? env[envName(provider.id, host, 'BASE_URL')] : undefined) ??
      env[envName(provider.id, 'BASE_URL')] ??
      (environment === 'sandbox' ? simulatorUrls[provider.id] : undefined) ??
      own
    ).replace(/\/+$/, '')
    cache.set(cacheKey, resolved)
    return resolved
  }
}

export type BaseUrlResolver = ReturnType<typeof createBaseUrlResolver>
