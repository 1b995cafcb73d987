/**
 * A patch for the in-memory file system of PGlite's Emscripten build, as JavaScript text the database thread runs
 * (src/db/pglite-thread-source.ts) — text, so it runs the same from sources, the bundle and the package.
 *
 * PostgreSQL extends a relation with `posix_fallocate`, which Emscripten implements as `ftruncate` to the new end,
 * and MEMFS answers a truncate by copying the whole file into a new array of exactly the new size
 * (`MEMFS.resizeFileStorage`, @electric-sql/pglite 0.5.x). Every extension of a table thus copies the table: on
 * `memory://` the call log's inserts went from ≈ 25 to ≈ 200 µs per row of a 300 000-row table (bench/RESULTS.md,
 * session 7). Growing goes through MEMFS's own `expandFileStorage` instead, which keeps spare capacity
 * (×1.125 beyond 1 MB, ×2 below), so extensions copy amortised O(1) per byte; shrinking stays exact. A data directory
 * on disk (NODEFS) never goes through MEMFS and is untouched.
 */
export const memfsGrowthSource = String.raw`
function amortizeMemfsGrowth(MEMFS) {
  if (!MEMFS || typeof MEMFS.resizeFileStorage !== 'function' || typeof MEMFS.expandFileStorage !== 'function') return false
  const exact = MEMFS.resizeFileStorage
  MEMFS.resizeFileStorage = function (node, size) {
    if (!(node.contents instanceof Uint8Array) || size <= node.usedBytes) return exact.call(MEMFS, node, size)
    MEMFS.expandFileStorage(node, size)
    node.contents.fill(0, node.usedBytes, size)
    node.usedBytes = size
  }
  return true
}
`
