import type { Gateway } from '../app.js'
import { API_KEY_REVOKED } from '../db/tenants.js'
import type { DatabaseHandle } from '../db/types.js'

/**
 * Every instance forgets a revoked API key the moment any instance revokes it: revocation NOTIFYs on commit
 * (PostgreSQL LISTEN/NOTIFY; on PGlite, a single process, it is the same process's own notification).
 */
export async function followKeyRevocations(database: DatabaseHandle, gateway: Pick<Gateway, 'services'>): Promise<() => Promise<void>> {
  if (!database.listen) return async () => undefined
  return database.listen(API_KEY_REVOKED, (keyId) => gateway.services.forgetApiKey(keyId))
}
