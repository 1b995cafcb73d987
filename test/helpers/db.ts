import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../src/db/types.js'
import { openDatabase } from '../../src/db/open.js'
import { templateDir } from '../../src/db/pglite-template.js'

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
  return url ? openDatabase({ url, dataDir: 'memory://' }) : openDatabase({ dataDir: 'memory://', pgliteImage: await initdbImage() })
}

/**
 * A freshly initialised (not migrated) PGlite data directory as `dumpDataDir` writes it, made once per PGlite
 * version beside its directory template and shared by every file of every run: starting `memory://` from it took
 * ≈ 0.5 s where initdb took 2–3.5 s, once per test file. Migrations still run per database, so a changed migration
 * is never served stale.
 */
export async function initdbImage(): Promise<Uint8Array> {
  const file = `${templateDir()}.initdb.tar`
  try {
    return new Uint8Array(await readFile(file))
  } catch {
    const { PGlite } = await import('@electric-sql/pglite')
    const pg = await PGlite.create('memory://')
    const image = new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer())
    await pg.close()
    // Written aside and renamed, so a file reading it in parallel never sees half of it.
    await mkdir(dirname(file), { recursive: true })
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`
    await writeFile(partial, image)
    await rename(partial, file)
    return image
  }
}

let workerUrl: Promise<string | undefined> | undefined

/** This worker's own PostgreSQL database (created fresh on first use in this run), or undefined on PGlite. */
export function workerDatabaseUrl(): Promise<string | undefined> {
  workerUrl ??= createWorkerDatabase()
  return workerUrl
}

async function createWorkerDatabase(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL
  if (!url) return undefined
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0'
  // Checkouts side by side (CI, worktrees) must not share databases either.
  const checkout = process.cwd().replace(/[^A-Za-z0-9]+/g, '_').slice(-40).toLowerCase()
  const name = `kopru_test_${checkout}_${worker}`
  const { default: postgres } = await import('postgres')
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  // A fresh database per run: never inherit tables or a migrations journal from an older checkout.
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  await admin.unsafe(`create database "${name}"`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  return target.toString()
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

/** A fresh database for one test: a PGlite directory, or a new database on the DATABASE_URL server. */
export async function freshDatabase(label: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), `kopru-${label}-`))
    return { env: { DATABASE_URL: '', KOPRU_DATA_DIR: join(dir, 'data') }, drop: () => rm(dir, { recursive: true, force: true }) }
  }
  const name = `kopru_e2e_${label}_${Math.random().toString(36).slice(2, 10)}`
  const { default: postgres } = await import('postgres')
  const adminDb = postgres(url, { max: 1, onnotice: () => {} })
  await adminDb.unsafe(`create database "${name}"`)
  await adminDb.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  return {
    env: { DATABASE_URL: target.toString() },
    async drop() {
      const again = postgres(url, { max: 1, onnotice: () => {} })
      await again.unsafe(`drop database if exists "${name}" with (force)`)
      await again.end()
    },
  }
}
