import { createGateway, type Gateway, type GatewayOptions } from '../app.js'
import { createKeyring, parseKeyList } from '../core/crypto.js'
import { openDatabase } from '../db/open.js'
import type { DatabaseHandle } from '../db/types.js'
import { nodeDocsAssets } from './docs-assets.js'
import { createUndiciTransport } from './undici-transport.js'

export interface NodeGatewayOptions extends Omit<GatewayOptions, 'db' | 'keyring' | 'transport'> {
  /** PostgreSQL URL; unset: embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined
  /** PGlite directory (`memory://` for in-memory); default `.kopru/data`. */
  dataDir?: string | undefined
  /** Base64 32-byte keys, comma-separated or as a list: the first encrypts, all decrypt (`KOPRU_ENCRYPTION_KEY`). */
  encryptionKeys: string | readonly string[]
}

export interface BackgroundIntervals {
  /** Outbox delivery interval in ms (0 turns it off); default 1000. */
  deliveryMs?: number | undefined
  /** Polling interval in ms (0 turns it off); default 60000. */
  pollMs?: number | undefined
}

export interface NodeGateway {
  /** The Hono app: serve it or mount it with `host.route('/integrations', kopru.app)`. */
  app: Gateway
  database: DatabaseHandle
  /** Starts this instance's share of background work: webhook delivery and polling (instances share it safely). */
  start(intervals?: BackgroundIntervals): void
  /** Stops background work and closes quotas, HTTP pools and the database. */
  stop(): Promise<void>
}

/**
 * The two secrets a host app usually reads from its environment (README: `process.env.KOPRU_ENCRYPTION_KEY!`): one
 * that is not set is named here, before anything opens, instead of a TypeError or an admin key nothing matches.
 */
function requireSecrets(encryptionKeys: unknown, adminKey: unknown): Uint8Array[] {
  const list = typeof encryptionKeys === 'string' ? encryptionKeys : Array.isArray(encryptionKeys) ? encryptionKeys.join(',') : ''
  const keys = parseKeyList(list)
  if (keys.length === 0) {
    throw new Error('createNodeGateway: encryptionKeys is required: base64 32-byte keys, comma-separated (KOPRU_ENCRYPTION_KEY; generateKeyBase64() from kopru makes one)')
  }
  if (typeof adminKey !== 'string' || adminKey.length < 16) {
    throw new Error('createNodeGateway: adminKey is required, at least 16 characters (KOPRU_ADMIN_KEY)')
  }
  return keys
}

/** Everything a Node host app needs in one call: database opened and migrated, keyring, undici transport, docs. */
export async function createNodeGateway({ databaseUrl, dataDir = '.kopru/data', encryptionKeys, ...options }: NodeGatewayOptions): Promise<NodeGateway> {
  const keyring = await createKeyring(requireSecrets(encryptionKeys, options.adminKey))
  const database = await openDatabase({ url: databaseUrl, dataDir })
  const transport = createUndiciTransport()
  const app = createGateway({ docsAssets: nodeDocsAssets(), ...options, db: database.db, keyring, transport })
  const { delivery, poller } = app.services.events
  return {
    app,
    database,
    start({ deliveryMs = 1000, pollMs = 60_000 } = {}) {
      if (deliveryMs > 0) delivery.start(deliveryMs)
      if (pollMs > 0) poller.start(pollMs)
    },
    async stop() {
      await Promise.all([delivery.stop(), poller.stop()])
      await app.services.close()
      await transport.close()
      await database.close()
    },
  }
}
