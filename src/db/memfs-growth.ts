/**
 * A patch for the in-memory file system of PGlite's Emscripten build, as JavaScript text the database thread runs
 * (src/db/pglite-thread-source.ts) — text, so it runs the same from sources, the bundle and the package.
 *
 * PostgreSQL extends a relation with `posix_fallocate`, which Emscripten implements as `ftruncate` to the new end,
 * and MEMFS answers a truncate by copying the whole file into a new array of exactly the new size
 * (`MEMFS.resizeFileStorage`, @electric-sql/pglite 0.5.x). Every extension of a table thus copies the table: on
 * `memory://` the call log's inserts went from ≈ 25 to ≈ 200 µs per row of a 300 000-row table (bench/RESULTS.md,
 * session 7). Growing goes through `expandFileStorage` instead, which keeps spare capacity; shrinking stays exact.
 *
 * MEMFS's own `expandFileStorage` (the one a write past the end uses, i.e. every new 8 kB block PostgreSQL appends)
 * grows a file beyond 1 MB by only ×1.125, copying the whole file each time: ≈ 8 copies of every byte of a growing
 * table or WAL segment, each into a freshly zeroed array that V8 counts as external memory (and collects for). It is
 * replaced by ×2 below 1 MB and ×1.5 beyond (≈ 2 copies per byte, at most half the file spare): on the call log's
 * writes it was ≈ 14 % of the database thread's CPU (bench/RESULTS.md, session 8). A data directory on disk (NODEFS)
 * never goes through MEMFS and is untouched.
 */
export const memfsGrowthSource = String.raw`
function amortizeMemfsGrowth(MEMFS) {
  if (!MEMFS || typeof MEMFS.resizeFileStorage !== 'function' || typeof MEMFS.expandFileStorage !== 'function') return false
  const exact = MEMFS.resizeFileStorage
  MEMFS.expandFileStorage = function (node, size) {
    const capacity = node.contents.length
    if (capacity >= size) return
    const grown = Math.max(size, capacity < 1048576 ? capacity * 2 : Math.floor(capacity * 1.5), capacity ? 256 : 0)
    const contents = new Uint8Array(grown)
    contents.set(node.contents.subarray(0, node.usedBytes))
    node.contents = contents
  }
  MEMFS.resizeFileStorage = function (node, size) {
    if (!(node.contents instanceof Uint8Array) || size <= node.usedBytes) return exact.call(MEMFS, node, size)
    MEMFS.expandFileStorage(node, size)
    node.contents.fill(0, node.usedBytes, size)
    node.usedBytes = size
  }
  return true
}
`
