/**
 * `npm start`: transpiles src/server.ts and everything of kopru it imports into one ES module with esbuild, then
 * runs it in this process. Through tsx the same start spends about a second more resolving and transpiling
 * ~300 files one by one in its loader thread (and starts a second Node process); one bundle is transpiled in a
 * few hundred milliseconds on every start, so it never runs stale code. Packages stay external: Node loads
 * them from node_modules as usual. The bundle sits two levels below the project root, where the sources'
 * own relative paths (`../../drizzle` from src/db/) still land on the project's folders. `npm run dev` keeps tsx.
 */
import { build } from 'esbuild'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outfile = `${root}node_modules/.cache/kopru-server.mjs`
const started = performance.now()
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: ['src/server.ts'],
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
// Stack traces point into src/, not into the bundle.
process.setSourceMapsEnabled(true)
// src/server.ts reports this as the first phase of its start-up breakdown.
globalThis[Symbol.for('kopru.startup.transpile-ms')] = Math.round(performance.now() - started)
await import(pathToFileURL(outfile).href)
