/**
 * `npm run new:provider <id> [--out <dir>]`: writes the files a new REST provider needs into providers/<id>/ —
 * index.ts (the definition), wire.ts (zod schemas of its answers), mapping.ts (a status table), simulator.ts —
 * and its mapping test into test/mapping/<id>.test.ts, where every provider's mapping test lives
 * (test/architecture/mapping-tests.test.ts). `--out <dir>` writes the same two folders below <dir> instead of the
 * repository. Register it by adding it to providers/index.ts (the script prints the line).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { indexTs, mappingTestTs, mappingTs, simulatorTs, wireTs, type Names } from './new-provider/templates.js'

const root = fileURLToPath(new URL('..', import.meta.url))

export function namesFor(id: string, dir: string): Names {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(id)) throw new Error(`provider id '${id}' must be lower case letters, digits and '-' (2-31 characters)`)
  const parts = id.split('-')
  const importPath = (target: string) => {
    const path = relative(dir, join(root, target)).split('\\').join('/')
    return path.startsWith('.') ? path : `./${path}`
  }
  return {
    id,
    ident: parts[0] + parts.slice(1).map((p) => p[0]!.toUpperCase() + p.slice(1)).join(''),
    name: parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join(' '),
    env: id.toUpperCase().replace(/-/g, '_'),
    kit: importPath('src/core/provider-kit/index.js'),
    models: importPath('src/models/index.js'),
  }
}

/**
 * Writes providers/<id>/ and test/mapping/<id>.test.ts below `outRoot` (the repository by default); refuses to
 * overwrite either. Returns the files written.
 */
export function scaffoldProvider(id: string, outRoot = root): string[] {
  const dir = resolve(outRoot, 'providers', id)
  const test = resolve(outRoot, 'test', 'mapping', `${id}.test.ts`)
  for (const path of [dir, test]) if (existsSync(path)) throw new Error(`${path} already exists`)
  const names = namesFor(id, dir)
  mkdirSync(dir, { recursive: true })
  mkdirSync(dirname(test), { recursive: true })
  const files: [string, (n: Names) => string][] = [
    [join(dir, 'index.ts'), indexTs],
    [join(dir, 'wire.ts'), wireTs],
    [join(dir, 'mapping.ts'), mappingTs],
    [join(dir, 'simulator.ts'), simulatorTs],
    [test, mappingTestTs],
  ]
  return files.map(([path, template]) => {
    writeFileSync(path, template(names))
    return path
  })
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [id, flag, out] = process.argv.slice(2)
  if (!id) {
    console.error('usage: npm run new:provider <id> [--out <dir>]')
    process.exit(2)
  }
  const written = scaffoldProvider(id, flag === '--out' && out ? out : undefined)
  const { ident } = namesFor(id, resolve(flag === '--out' && out ? out : root, 'providers', id))
  console.log(`${written.map((path) => `  wrote ${relative(process.cwd(), path)}`).join('\n')}

Register it in providers/index.ts:
  import { ${ident} } from './${id}/index.js'   and add ${ident} to the providers list
Then: npm run docs:matrix, and replace the simulator's sample with the provider's documented shapes (cite them).`)
}
