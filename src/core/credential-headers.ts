import { KopruError } from './errors.js'
import type { ProviderDefinition } from './provider-kit/types.js'

/** What an HTTP header value can carry: visible Latin-1 and inner spaces/tabs (RFC 9110 field-value). */
const headerSafe = /^[\t\x20-\x7e\x80-\xff]*$/

/**
 * Refuses credentials the provider's auth would put into a header that no header can carry (control
 * characters, text beyond Latin-1), naming the field — before any provider call, so no transport error
 * message carrying the value is ever produced.
 */
export function assertHeaderSafeCredentials(provider: ProviderDefinition, credentials: unknown, path = 'credentials'): void {
  const probe = { method: 'GET', url: new URL('https://credentials.probe.invalid/'), headers: new Headers() }
  try {
    provider.auth.apply(probe, credentials as never)
    return
  } catch {
    // answered below, naming the field
  }
  const fields = Object.entries((credentials ?? {}) as Record<string, unknown>)
  const bad = fields.filter(([, value]) => typeof value === 'string' && !headerSafe.test(value)).map(([name]) => name)
  throw new KopruError('invalid_request', `credentials for ${provider.name} contain characters that cannot be sent to it`, {
    errors: (bad.length ? bad : ['']).map((name) => ({
      path: name ? `${path}.${name}` : path,
      message: 'only printable Latin-1 characters can be sent in an HTTP header',
    })),
  })
}
