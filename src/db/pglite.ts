import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { schema } from './schema.js'
import type { Database, DatabaseHandle } from './types.js'
import { migrationsFolder } from './migrations-folder.js'
import { prepareDataDir } from './pglite-template.js'

/** Embedded PostgreSQL (PGlite): a directory, or `memory://` for in-memory. Node only. */
export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  await prepareDataDir(dataDir)
  const client = await PGlite.create(dataDir)
  const db = drizzle(client, { schema }) as unknown as Database
  return {
    kind: 'pglite',
    db,
    async migrate() {
      const { migrate } = await import('drizzle-orm/pglite/migrator')
      await migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() })
    },
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage)
      return () => unlisten()
    },
    close: () => client.close(),
  }
}
