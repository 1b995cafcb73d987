import type { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { schema } from './schema.js'
import type { Database, DatabaseHandle } from './types.js'
import { migrationsFolder } from './migrations-folder.js'
import { prepareDataDir } from './pglite-template.js'
import { PgliteThread } from './pglite-thread.js'

/**
 * Embedded PostgreSQL (PGlite): a directory, or `memory://` for in-memory, on a thread of its own
 * (src/db/pglite-thread.ts) so its work never runs on the event loop. Node only. `image` (from PGlite's
 * `dumpDataDir`) starts a `memory://` database from that directory instead of running initdb (tests: ≈ 0.5 against
 * 2–3.5 s per database).
 */
export async function openPglite(dataDir: string, { image }: { image?: Uint8Array } = {}): Promise<DatabaseHandle> {
  await prepareDataDir(dataDir)
  const thread = await PgliteThread.start(dataDir, image)
  // The thread answers the two calls drizzle-orm/pglite makes (`query`, `transaction`) with PGlite's own shapes.
  const client = thread as unknown as PGlite
  const db = drizzle({ client, schema }) as unknown as Database
  return {
    kind: 'pglite',
    db,
    async migrate() {
      const { migrate } = await import('drizzle-orm/pglite/migrator')
      await migrate(drizzle({ client, schema }), { migrationsFolder: migrationsFolder() })
    },
    listen: (channel, onMessage) => thread.listen(channel, onMessage),
    close: () => thread.close(),
  }
}
