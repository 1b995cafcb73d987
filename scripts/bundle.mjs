/**
 * One ES module of a TypeScript entry and every kopru module it imports (packages stay external: Node loads them
 * from node_modules), written two folders below the project root, in `node_modules/.cache/`, where the sources'
 * relative paths (`../../drizzle` from src/db/) still land on the project's folders. Used by `npm start`
 * (scripts/start.mjs) and by the benches that measure a process as `npm start` runs it.
 */
import { build } from 'esbuild'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Bundles `entry` (relative to the project root) into `node_modules/.cache/<name>.mjs`; returns its path. */
export async function bundle(entry, name) {
  const outfile = `${root}node_modules/.cache/${name}.mjs`
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // As tsx does: function and class names stay what the sources call them (errors and logs show them).
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    write: false,
  })
  await mkdir(`${root}node_modules/.cache`, { recursive: true })
  // Written aside and renamed: two instances starting at once (a shared demo database) never read a half-written file.
  await Promise.all(
    outputFiles.map(async (file) => {
      const aside = `${file.path}.${process.pid}.tmp`
      await writeFile(aside, file.contents)
      await rename(aside, file.path)
    }),
  )
  return outfile
}
