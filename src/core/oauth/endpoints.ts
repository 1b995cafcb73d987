import type { BaseUrlResolver } from '../base-urls.js'
import { KopruError } from '../errors.js'
import type { Environment, ProviderDefinition } from '../provider-kit/types.js'

const hostSafe = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250}[A-Za-z0-9])?$/

/**
 * Fills `{name}` placeholders of a per-account base URL (Shopify's `https://{shop}`) from non-secret
 * connection facts. Values must look like a host label, so nothing can steer a request elsewhere.
 */
export function fillUrlTemplate(url: string, values: Record<string, unknown>): string {
  if (!url.includes('{')) return url
  return url.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = values[name]
    if (typeof value !== 'string' || !hostSafe.test(value)) {
      throw new KopruError('invalid_request', `the connection has no valid '${name}' for this provider's URL`)
    }
    return value
  })
}

/** Absolute URL of one of a provider's OAuth endpoints, honoring operator base-URL overrides. */
export function oauthEndpoint(
  resolveBaseUrl: BaseUrlResolver,
  provider: ProviderDefinition,
  environment: Environment,
  endpoint: { host?: string; path: string },
  values: Record<string, unknown>,
): URL {
  return new URL(fillUrlTemplate(resolveBaseUrl(provider, environment, endpoint.host), values) + endpoint.path)
}
