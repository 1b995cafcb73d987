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

/** Everything a Node host app needs in one call: database opened and migrated, keyring, undici transport, docs. */
export async function createNodeGateway({ databaseUrl, dataDir = '.kopru/data', encryptionKeys, ...options }: NodeGatewayOptions): Promise<NodeGateway> {
  const keys = typeof encryptionKeys === 'string' ? parseKeyList(encryptionKeys) : parseKeyList(encryptionKeys.join(','))
  const keyring = await createKeyring(keys)
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
