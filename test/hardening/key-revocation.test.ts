import { describe, expect, it } from 'vitest'
import { createGateway } from '../../src/app.js'
import { createKeyring } from '../../src/core/crypto.js'
import { createLogger } from '../../src/core/logger.js'
import { followKeyRevocations } from '../../src/node/key-revocations.js'
import { testDatabase } from '../helpers/db.js'
import { ADMIN_KEY, TEST_KEY, testGateway } from '../helpers/gateway.js'

describe('API-key revocation', () => {
  it('reaches every instance on the database at once, not after their key cache expires', { timeout: 60_000 }, async () => {
    const first = await testGateway()
    const database = await testDatabase()
    const second = createGateway({ db: database.db, keyring: await createKeyring([TEST_KEY]), adminKey: ADMIN_KEY, logger: createLogger({ level: 'silent' }) })
    const unfollow = [await followKeyRevocations(database, first.app), await followKeyRevocations(database, second)]
    try {
      const tenant = await first.tenant()
      const keys = (await (await first.app.request(`/admin/tenants/${tenant.id}/api-keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json()) as { id: string }
      const ask = () => second.request('/v1/connections', { headers: { authorization: `Bearer ${tenant.apiKey}` } })
      expect((await ask()).status).toBe(200)
      // The key the tenant uses is the one issued by the helper: find its id and revoke it on the first instance.
      const { keyId } = (await first.app.services.tenants.findApiKeyByHash(
        Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tenant.apiKey))).toString('hex'),
      ).then((row) => ({ keyId: row!.id })))!
      expect(keyId).not.toBe(keys.id)
      const revoked = await first.app.request(`/admin/api-keys/${keyId}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_KEY}` } })
      expect(revoked.status).toBe(204)
      let status = 200
      for (let i = 0; i < 100 && status === 200; i++) {
        status = (await ask()).status
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(status).toBe(401)
    } finally {
      for (const stop of unfollow) await stop()
    }
  })
})
