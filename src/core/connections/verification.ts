import { KopruError } from '../errors.js'
import type { OperationContext, ProviderDefinition } from '../provider-kit/types.js'

/**
 * Asks the provider whether the credentials work; returns the metadata the adapter learned. A refusal of the
 * credentials (`kind: auth`, however the provider said it) is the tenant's 400 naming `credentials`.
 */
export async function verifyCredentials(provider: ProviderDefinition, ctx: OperationContext): Promise<Record<string, unknown>> {
  try {
    return (await provider.verifyCredentials(ctx)) ?? {}
  } catch (error) {
    if (error instanceof KopruError && (error.kind === 'auth' || error.provider?.status === 401 || error.provider?.status === 403)) {
      throw new KopruError('invalid_request', `${provider.name} rejected these credentials`, {
        provider: error.provider,
        errors: [{ path: 'credentials', message: error.provider?.message ?? 'rejected by the provider' }],
      })
    }
    throw error
  }
}
