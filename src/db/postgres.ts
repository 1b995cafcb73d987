import postgres from 'postgres'
import { drizzle } from 'drizzle-orm/postgres-js'
import { schema } from './schema.js'
import type { Database, DatabaseHandle } from './types.js'
import { migrationsFolder } from './migrations-folder.js'

/** PostgreSQL through postgres.js; runs on Node and on Workers (nodejs_compat). */
export function openPostgres(url: string, { max = 10 }: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {} })
  const db = drizzle(client, { schema }) as unknown as Database
  return {
    kind: 'postgres',
    db,
    async migrate() {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator')
      await migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() })
    },
    close: () => client.end({ timeout: 5 }),
  }
}
