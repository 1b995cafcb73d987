import type { DatabaseHandle } from './types.js'

/**
 * Node: PostgreSQL when a URL is given, else embedded PGlite in `dataDir`. Applies migrations. `mark` is told
 * when each step is done (the start-up breakdown).
 */
export async function openDatabase({
  url,
  dataDir,
  mark = () => {},
  pgliteImage,
}: {
  url?: string | undefined
  dataDir: string
  mark?: ((phase: 'database open' | 'migrations') => void) | undefined
  /** PGlite only: a `dumpDataDir` image to start a `memory://` database from (see openPglite). */
  pgliteImage?: Uint8Array | undefined
}): Promise<DatabaseHandle> {
  const handle = url
    ? (await import('./postgres.js')).openPostgres(url)
    : await (await import('./pglite.js')).openPglite(dataDir, { image: pgliteImage })
  mark('database open')
  await handle.migrate()
  mark('migrations')
  return handle
}
