import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApiKeys } from '../../src/core/api-keys.js'
import { sha256Hex } from '../../src/core/crypto.js'
import type { TenantRepository } from '../../src/db/tenants.js'
import { tenantAuth } from '../../src/http/auth.js'
import { onError } from '../../src/http/problem.js'
import type { GatewayEnv } from '../../src/http/types.js'

const KEY = 'kpr_live_0123456789abcdefghijklmnopqrstuv'

/** A tenant repository that knows one key and counts its lookups. */
async function keyStore() {
  const hash = await sha256Hex(KEY)
  const store = { reads: 0, revoked: false }
  const tenants = {
    async findApiKeyByHash(keyHash: string) {
      store.reads++
      return keyHash === hash && !store.revoked ? { id: 'key_1', tenantId: 'ten_a' } : undefined
    },
  } as unknown as TenantRepository
  return { store, apiKeys: createApiKeys({ tenants }) }
}

function app(apiKeys: ReturnType<typeof createApiKeys>) {
  const app = new Hono<GatewayEnv>()
  app.onError(onError)
  app.use('*', tenantAuth({ apiKeys }))
  app.get('/who', (c) => c.json({ tenant: c.get('tenantId') }))
  return app
}

const call = (gateway: Hono<GatewayEnv>, key: string) => gateway.request('/who', { headers: { authorization: `Bearer ${key}` } })

describe('tenant API key middleware', () => {
  it('admits a key looked up once and then from the cache, with the same tenant both times', async () => {
    const { store, apiKeys } = await keyStore()
    const gateway = app(apiKeys)
    const first = await call(gateway, KEY)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ tenant: 'ten_a' })
    expect(apiKeys.cached(KEY)).toEqual({ tenantId: 'ten_a', keyId: 'key_1' })
    const second = await call(gateway, KEY)
    expect(await second.json()).toEqual({ tenant: 'ten_a' })
    expect(store.reads).toBe(1)
  })

  it('refuses an unknown key after a lookup, and a forgotten (revoked) key at once', async () => {
    const { store, apiKeys } = await keyStore()
    const gateway = app(apiKeys)
    const unknown = await call(gateway, 'kpr_live_unknown')
    expect(unknown.status).toBe(401)
    expect(((await unknown.json()) as { code: string }).code).toBe('unauthorized')
    expect((await call(gateway, KEY)).status).toBe(200)
    store.revoked = true
    apiKeys.forget('key_1')
    expect(apiKeys.cached(KEY)).toBeUndefined()
    expect((await call(gateway, KEY)).status).toBe(401)
  })

  it('answers a missing or malformed key with 401 before any lookup', async () => {
    const { store, apiKeys } = await keyStore()
    const gateway = app(apiKeys)
    const missing = await gateway.request('/who')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="kopru"')
    expect((await call(gateway, 'not_a_kopru_key')).status).toBe(401)
    expect(store.reads).toBe(0)
  })
})
