import type { ProviderDefinition } from './provider-kit/types.js'

/** Yields secret values to scrub; called only when something is about to be written, so it may be lazy. */
export type SecretSource = () => Iterable<unknown>

/** Shorter values would scrub ordinary words and numbers out of every line; no real secret is this short. */
const MIN_SECRET_LENGTH = 4

export const secretKeyName = /secret|password|passwd|token|authorization|api_?key|apikey|credential|cookie|signature/i

function* stringLeaves(value: unknown, depth = 0): Generator<string> {
  if (typeof value === 'string') yield value
  else if (value && typeof value === 'object' && depth < 6) {
    for (const inner of Object.values(value as Record<string, unknown>)) yield* stringLeaves(inner, depth + 1)
  }
}

/**
 * The secrets of a credential set: the provider's fields marked secret, and anything under a secret-looking
 * key (token sets: access_token, refresh_token). Without a provider every leaf counts.
 */
export function* credentialSecrets(provider: Pick<ProviderDefinition, 'auth'> | undefined, credentials: unknown): Generator<string> {
  if (!credentials || typeof credentials !== 'object') return
  const secretFields = new Set(provider?.auth.fields.filter((field) => field.secret).map((field) => field.name))
  for (const [key, value] of Object.entries(credentials as Record<string, unknown>)) {
    if (!provider || secretFields.has(key) || secretKeyName.test(key)) yield* stringLeaves(value)
  }
}

/** Values under secret-looking keys anywhere in a request body (oauth-app `client_secret`, `credentials.*`). */
export function* bodySecrets(body: unknown, depth = 0): Generator<string> {
  if (!body || typeof body !== 'object' || depth > 6) return
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (secretKeyName.test(key)) yield* stringLeaves(value)
    else yield* bodySecrets(value, depth + 1)
  }
}

/**
 * Replaces every known secret in `text` — as written and as it appears inside a JSON string — with
 * `[redacted]`. Plain substring search, no regex: cheap when the sources hold nothing.
 */
export function scrubSecrets(text: string, sources: readonly SecretSource[]): string {
  if (sources.length === 0) return text
  const values = new Set<string>()
  for (const source of sources) {
    for (const value of source()) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue
      values.add(value)
      values.add(JSON.stringify(value).slice(1, -1))
    }
  }
  let out = text
  // Longest first, so a secret that contains another is removed whole.
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (out.includes(value)) out = out.split(value).join('[redacted]')
  }
  return out
}
