import type { DatabaseHandle } from './types.js'

/**
 * Node: PostgreSQL when a URL is given, else embedded PGlite in `dataDir`. Applies migrations. `mark` is told
 * when each step is done (the start-up breakdown).
 */
export async function openDatabase({
  url,
  dataDir,
  mark = () => {},
}: {
  url?: string
  dataDir: string
  mark?: (phase: 'database open' | 'migrations') => void
}): Promise<DatabaseHandle> {
  const handle = url
    ? (await import('./postgres.js')).openPostgres(url)
    : await (await import('./pglite.js')).openPglite(dataDir)
  mark('database open')
  await handle.migrate()
  mark('migrations')
  return handle
}
