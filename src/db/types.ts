import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type { schema } from './schema.js'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

/** An open database: drizzle over PGlite (embedded) or postgres.js (PostgreSQL). */
export interface DatabaseHandle {
  kind: 'pglite' | 'postgres'
  db: Database
  /** Applies the migrations in drizzle/ (Node only: it reads the folder). */
  migrate(): Promise<void>
  /** LISTEN on a channel (NOTIFY from any instance on this database); resolves to the unsubscribe. Node only. */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
