import { sql } from 'drizzle-orm'
import type { Keyring } from '../core/crypto.js'
import type { Database } from './types.js'

/** One stored envelope per key id that sealed something (connections, webhook secrets, OAuth apps). */
async function envelopePerKeyId(db: Database): Promise<{ key_id: string; envelope: string }[]> {
  const result = (await db.execute(sql`
    select distinct on (key_id) key_id, envelope from (
      select split_part(credentials, '.', 2) as key_id, credentials as envelope from connections
      union all select split_part(secret, '.', 2), secret from webhook_endpoints
      union all select split_part(secret, '.', 2), secret from webhook_subscriptions
      union all select split_part(client_secret, '.', 2), client_secret from oauth_apps
    ) sealed order by key_id
  `)) as unknown as { rows?: { key_id: string; envelope: string }[] } | { key_id: string; envelope: string }[]
  return Array.isArray(result) ? result : (result.rows ?? [])
}

/**
 * Start-up check: every key that sealed stored secrets must be in the keyring. Otherwise the instance would
 * answer 500 on every read of them; it refuses to start with a message saying which key ids are missing.
 */
export async function assertKeyringOpensStoredSecrets(db: Database, keyring: Keyring): Promise<void> {
  const missing: string[] = []
  for (const { key_id, envelope } of await envelopePerKeyId(db)) {
    try {
      await keyring.decrypt(envelope)
    } catch {
      missing.push(key_id)
    }
  }
  if (missing.length === 0) return
  throw new Error(
    `refusing to start: stored secrets were sealed with encryption key id(s) ${missing.join(', ')}, which the ` +
      `configured keys (primary id ${keyring.primaryKeyId}) cannot open. Set KOPRU_ENCRYPTION_KEY to the key(s) that ` +
      'sealed them (the first key encrypts, every listed key decrypts); outside production, check the development ' +
      'secrets file named above.',
  )
}
