import type { EnvSource } from '../base-urls.js'
import { envName } from '../base-urls.js'
import type { Keyring } from '../crypto.js'
import { KopruError } from '../errors.js'
import type { OAuthApp, ProviderDefinition } from '../provider-kit/types.js'
import type { OAuthAppRepository } from '../../db/oauth.js'

/**
 * The operator's OAuth app per provider: `PUT /admin/providers/{provider}/oauth-app` wins, then
 * `KOPRU_PROVIDER_<ID>_CLIENT_ID` / `_CLIENT_SECRET` (plus `_SCOPES`, and `_RU_NAME`-style settings
 * as `KOPRU_PROVIDER_<ID>_APP_<NAME>`). Cached briefly; a PUT on this instance clears it at once.
 */
export function createOAuthApps({ repository, keyring, env, ttlMs = 30_000, now = () => Date.now() }: {
  repository: OAuthAppRepository
  keyring: Keyring
  env: EnvSource
  ttlMs?: number
  now?: () => number
}) {
  const cache = new Map<string, { app: OAuthApp | null; at: number }>()

  function fromEnv(provider: ProviderDefinition): OAuthApp | null {
    const clientId = env[envName(provider.id, 'CLIENT_ID')]
    const clientSecret = env[envName(provider.id, 'CLIENT_SECRET')]
    if (!clientId) return null
    const prefix = envName(provider.id, 'APP_')
    const settings: Record<string, string> = {}
    for (const [key, value] of Object.entries(env)) {
      if (key.startsWith(prefix) && value) settings[key.slice(prefix.length).toLowerCase()] = value
    }
    const scopes = env[envName(provider.id, 'SCOPES')]?.split(/[\s,]+/).filter(Boolean)
    return { clientId, clientSecret: clientSecret ?? '', scopes, settings }
  }

  async function find(provider: ProviderDefinition): Promise<OAuthApp | null> {
    const cached = cache.get(provider.id)
    if (cached && now() - cached.at < ttlMs) return cached.app
    const row = await repository.get(provider.id)
    const app = row
      ? { clientId: row.clientId, clientSecret: await keyring.decrypt(row.clientSecret), scopes: row.scopes ?? undefined, settings: row.settings }
      : fromEnv(provider)
    cache.set(provider.id, { app, at: now() })
    return app
  }

  return {
    find,
    async require(provider: ProviderDefinition): Promise<OAuthApp> {
      const app = await find(provider)
      if (!app) {
        throw new KopruError('invalid_request', `no OAuth app is configured for ${provider.name}`, {
          errors: [{ path: 'provider', message: `the operator sets it with PUT /admin/providers/${provider.id}/oauth-app or ${envName(provider.id, 'CLIENT_ID')}` }],
        })
      }
      return app
    },
    async put(provider: ProviderDefinition, app: OAuthApp): Promise<void> {
      await repository.put({
        provider: provider.id,
        clientId: app.clientId,
        clientSecret: await keyring.encrypt(app.clientSecret),
        scopes: app.scopes ?? null,
        settings: app.settings,
        updatedAt: new Date(),
      })
      cache.delete(provider.id)
    },
  }
}

export type OAuthApps = ReturnType<typeof createOAuthApps>
