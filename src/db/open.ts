import type { DatabaseHandle } from './types.js'

/** Node: PostgreSQL when a URL is given, else embedded PGlite in `dataDir`. Applies migrations. */
export async function openDatabase({ url, dataDir }: { url?: string; dataDir: string }): Promise<DatabaseHandle> {
  const handle = url
    ? (await import('./postgres.js')).openPostgres(url)
    : await (await import('./pglite.js')).openPglite(dataDir)
  await handle.migrate()
  return handle
}
