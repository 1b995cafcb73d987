import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../src/db/types.js'
import { openDatabase } from '../../src/db/open.js'

let shared: Promise<DatabaseHandle> | undefined

/**
 * One database per vitest worker: embedded PGlite (in memory) by default, or — when DATABASE_URL is set —
 * a database of its own per worker on that PostgreSQL server, so parallel files never truncate each other.
 */
export function testDatabase(): Promise<DatabaseHandle> {
  shared ??= open()
  return shared
}

async function open(): Promise<DatabaseHandle> {
  const url = await workerDatabaseUrl()
  return url ? openDatabase({ url, dataDir: 'memory://' }) : openDatabase({ dataDir: 'memory://' })
}

/** This worker's own PostgreSQL database (created on first use), or undefined on PGlite. */
export async function workerDatabaseUrl(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL
  if (!url) return undefined
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0'
  // Checkouts side by side (CI, worktrees) must not share databases either.
  const checkout = process.cwd().replace(/[^A-Za-z0-9]+/g, '_').slice(-40).toLowerCase()
  const name = `kopru_test_${checkout}_${worker}`
  const { default: postgres } = await import('postgres')
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  const exists = await admin`select 1 from pg_database where datname = ${name}`
  if (exists.length === 0) await admin.unsafe(`create database "${name}"`)
  await admin.end()
  const workerUrl = new URL(url)
  workerUrl.pathname = `/${name}`
  return workerUrl.toString()
}

/** Empties every application table (not the migrations journal). */
export async function resetDatabase(handle: DatabaseHandle): Promise<void> {
  const rows = (await handle.db.execute(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  )) as unknown as { rows?: { tablename: string }[] } | { tablename: string }[]
  const list = Array.isArray(rows) ? rows : (rows.rows ?? [])
  if (list.length === 0) return
  const names = list.map((row) => `"public"."${row.tablename}"`).join(', ')
  await handle.db.execute(sql.raw(`truncate ${names} restart identity cascade`))
}
