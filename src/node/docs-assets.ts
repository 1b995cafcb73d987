import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DocsAssets } from '../routes/docs.js'

/** The /docs renderer's files, read from the installed swagger-ui-dist package (Node only). */
export function nodeDocsAssets(): DocsAssets {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  return (name) => readFile(join(dir, name), 'utf8').catch(() => null)
}
