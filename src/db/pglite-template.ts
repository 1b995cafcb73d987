import { readFileSync } from 'node:fs'
import { access, cp, mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'

/**
 * A fresh PGlite data directory costs an initdb (seconds of WASM). The cluster initdb makes is always the same
 * for one PGlite version, so it is made once — by `npm install` (the `prepare` script) or by the first start
 * that needs it — into node_modules/.cache, and copied for every new data directory. Migrations and the demo
 * seed still run on the copy. Node only.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const pglitePackage = join(root, 'node_modules/@electric-sql/pglite/package.json')
const version = (JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version
export const templateDir = join(root, 'node_modules/.cache/kopru', `pglite-${version}`)

const exists = (path: string) => access(path).then(() => true, () => false)

/** Makes the template cluster if it is not there yet. */
export async function ensureTemplate(): Promise<void> {
  if (await exists(join(templateDir, 'PG_VERSION'))) return
  const building = `${templateDir}.${process.pid}.tmp`
  await rm(building, { recursive: true, force: true })
  await mkdir(dirname(building), { recursive: true })
  const pg = await PGlite.create(building)
  await pg.close()
  // Another process may have finished first; either copy is the same cluster.
  await rename(building, templateDir).catch(() => rm(building, { recursive: true, force: true }))
}

/** A new data directory starts as a copy of the template; an existing one is left alone. */
export async function prepareDataDir(dataDir: string): Promise<void> {
  if (dataDir.startsWith('memory://') || (await exists(join(dataDir, 'PG_VERSION')))) return
  await ensureTemplate()
  await mkdir(dirname(dataDir), { recursive: true })
  await cp(templateDir, dataDir, { recursive: true, errorOnExist: false })
}
