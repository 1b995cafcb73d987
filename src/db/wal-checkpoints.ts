/**
 * Checkpoints for PGlite, as JavaScript text the database thread runs (src/db/pglite-thread-source.ts).
 *
 * PGlite is PostgreSQL in single-user mode: there is no checkpointer process, and a standalone backend only
 * checkpoints when asked (XLogWrite requests one for `max_wal_size` only under a postmaster) or when it shuts down.
 * Every write's WAL therefore stayed: ≈ 500 bytes per call-log row, 117 MB after 200 000 rows and growing without
 * end — on disk in the data directory (and replayed at the next start after a crash), in memory for `memory://`.
 * The thread now asks for a checkpoint once the WAL written since the last one's redo point passes a threshold;
 * PostgreSQL then recycles or removes the old segments itself (sized by the distance between checkpoints), so the
 * WAL stays at a few segments: 48 MB after 200 MB written in 20 MB steps (test/integration/pglite-thread.test.ts).
 * `memory://` also starts WAL files without zero-filling them: its files are zeroed arrays already, and the zeros
 * were written 8 kB at a time through the file system (≈ 0.8 µs per call-log row).
 */
export const walCheckpointDefaults = { checkEveryMs: 10_000, checkpointBytes: 32 * 1024 * 1024 }

/** PostgreSQL settings the thread starts PGlite with, after PGlite's own. */
export const walStartParams = (memory: boolean): string[] => (memory ? ['-c', 'wal_init_zero=off'] : [])

export const walCheckpointSource = String.raw`
function boundWal(pg, { checkEveryMs, checkpointBytes }) {
  let running = false
  const check = async () => {
    if (running) return false
    running = true
    try {
      const { rows } = await pg.query('select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::float8 as bytes from pg_control_checkpoint()')
      if (!(rows[0] && rows[0].bytes >= checkpointBytes)) return false
      await pg.exec('checkpoint')
      return true
    } catch {
      return false // closed, or busy shutting down: the next tick (or the shutdown checkpoint) does it
    } finally {
      running = false
    }
  }
  const timer = setInterval(check, checkEveryMs)
  timer.unref()
  return { check, stop: () => clearInterval(timer) }
}
`
