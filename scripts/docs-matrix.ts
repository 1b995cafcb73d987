/**
 * `npm run docs:matrix` — prints the provider × operation support matrix from the registry and writes it
 * into README.md between the support-matrix markers. `--check` only compares and exits 1 when they differ.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { providers } from '../providers/index.js'
import { createRegistry } from '../src/core/registry.js'
import { readSupportMatrix, renderSupportMatrix, replaceSupportMatrix } from '../src/core/support-matrix.js'

const readmeUrl = new URL('../README.md', import.meta.url)
const matrix = renderSupportMatrix(createRegistry(providers).catalog())
const readme = await readFile(readmeUrl, 'utf8')

if (process.argv.includes('--check')) {
  const current = readSupportMatrix(readme)
  if (current !== matrix) {
    console.error('README.md support matrix is out of date: run `npm run docs:matrix`')
    process.exit(1)
  }
  console.log('README.md support matrix is up to date')
} else {
  console.log(matrix)
  const updated = replaceSupportMatrix(readme, matrix)
  if (updated !== readme) {
    await writeFile(readmeUrl, updated)
    console.log('\nREADME.md updated')
  }
}
