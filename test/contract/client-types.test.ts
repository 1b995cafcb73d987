import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { clientTypes, clientTypesFile } from '../../scripts/client-types.js'
import { testGateway } from '../helpers/gateway.js'

const run = promisify(execFile)

describe('kopru/client types', () => {
  it('are generated from the current /openapi.json (run `npm run client:generate` when this fails)', async () => {
    const gw = await testGateway()
    const doc = await (await gw.app.request('/openapi.json')).json()
    expect(await readFile(clientTypesFile, 'utf8')).toBe(await clientTypes(doc))
  })

  it('compile in strict mode on their own, with the example that uses them', async () => {
    // A user's project: strict flags beyond kopru's own, a plain DOM lib, `kopru/client` by its package name.
    const dir = await mkdtemp(join(tmpdir(), 'kopru-client-'))
    const root = process.cwd()
    const config = {
      compilerOptions: {
        noEmit: true,
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
        paths: { 'kopru/client': [join(root, 'src/client/index.ts')] },
      },
      files: [join(root, 'examples/typed-client.ts')],
    }
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config))
    const tsc = join(root, 'node_modules/.bin/tsc')
    const result = await run(tsc, ['-p', dir]).catch((error: { stdout: string }) => ({ stdout: error.stdout }))
    await rm(dir, { recursive: true, force: true })
    expect(result.stdout).toBe('')
  }, 60_000)
})
