import { readFileSync } from 'node:fs'
import { access, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

/**
 * A fresh PGlite data directory costs an initdb (seconds of WASM). The cluster initdb makes is always the same
 * for one PGlite version, so it is made once — by `npm install` (the `prepare` script) or by the first start
 * that needs it — into `node_modules/.cache/kopru/pglite-<version>` beside PGlite itself, and copied for every
 * new data directory. Migrations and the demo seed still run on the copy. Node only.
 */
export function templateDir(): string {
  // PGlite's entry point, wherever the package manager put it (its package.json is not exported).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const marker = `${sep}node_modules${sep}@electric-sql${sep}pglite${sep}`
  const at = entry.lastIndexOf(marker)
  if (at < 0) throw new Error(`PGlite is not under node_modules: ${entry}`)
  const modules = entry.slice(0, at + `${sep}node_modules`.length)
  const { version } = JSON.parse(readFileSync(join(modules, '@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  return join(modules, '.cache/kopru', `pglite-${version}`)
}

const exists = (path: string) => access(path).then(() => true, () => false)

/** Makes the template cluster if it is not there yet; returns where it is. */
export async function ensureTemplate(): Promise<string> {
  const dir = templateDir()
  if (await exists(join(dir, 'PG_VERSION'))) return dir
  const building = `${dir}.${process.pid}.tmp`
  await rm(building, { recursive: true, force: true })
  await mkdir(dirname(building), { recursive: true })
  const pg = await PGlite.create(building)
  await pg.close()
  // Another process may have finished first; either copy is the same cluster.
  await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }))
  return dir
}

/**
 * A new data directory starts as a copy of the template; an existing one is left alone. Where no template can
 * be made (a read-only node_modules), PGlite runs initdb in the data directory itself, as it always did.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  if (dataDir.startsWith('memory://') || (await exists(join(dataDir, 'PG_VERSION')))) return
  let template: string
  try {
    template = await ensureTemplate()
  } catch {
    return
  }
  await mkdir(dirname(dataDir), { recursive: true })
  await copyTree(template, dataDir)
}

/**
 * The cluster is ~1,000 small files and one 16 MB WAL segment: copied a few at a time instead of one after
 * another (`fs.cp`), which took 0.3–1.7 s of a cold start on a loaded machine (now 0.07–0.1 s).
 */
async function copyTree(from: string, to: string, parallel = 16): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true })
  const directories = entries.filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name))
  for (const directory of [from, ...directories]) await mkdir(join(to, relative(from, directory)), { recursive: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => relative(from, join(entry.parentPath, entry.name)))
  let next = 0
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!
      await copyFile(join(from, file), join(to, file))
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
}
