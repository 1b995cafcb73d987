import postgres from 'postgres'
import { drizzle } from 'drizzle-orm/postgres-js'
import { schema } from './schema.js'
import type { Database, DatabaseHandle } from './types.js'
import { migrationsFolder } from './migrations-folder.js'

/** Advisory lock key of kopru's migrations: an arbitrary constant other code on the database will not pick. */
const MIGRATION_LOCK = 7_106_921_437

/** PostgreSQL through postgres.js; runs on Node and on Workers (nodejs_compat). */
export function openPostgres(url: string, { max = 10 }: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {} })
  const db = drizzle(client, { schema }) as unknown as Database
  return {
    kind: 'postgres',
    db,
    async migrate() {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator')
      // Instances starting together on an empty database would race on CREATE SCHEMA/TABLE (duplicate pg_type
      // rows): a session advisory lock, held on a connection of its own, lets one migrate while the others wait
      // and then find nothing left to apply.
      const lock = postgres(url, { max: 1, onnotice: () => {} })
      try {
        await lock`select pg_advisory_lock(${MIGRATION_LOCK})`
        await migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() })
      } finally {
        await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined)
        await lock.end({ timeout: 5 })
      }
    },
    async listen(channel, onMessage) {
      // postgres.js keeps one dedicated connection for LISTEN and re-subscribes after it reconnects.
      const { unlisten } = await client.listen(channel, onMessage)
      return unlisten
    },
    close: () => client.end({ timeout: 5 }),
  }
}
