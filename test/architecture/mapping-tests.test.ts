import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { missingMappingTests, strayMappingTests, type ProviderRoom } from './mapping-tests.js'
import { readSource, root, sourceFiles } from './source-files.js'

const rooms = (): ProviderRoom[] =>
  readdirSync(join(root, 'providers'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      id: entry.name,
      files: Object.fromEntries(sourceFiles(`providers/${entry.name}`).map((path) => [path, readSource(path)])),
    }))

const testOf = (id: string) => {
  const path = `test/mapping/${id}.test.ts`
  return existsSync(join(root, path)) ? readSource(path) : undefined
}

describe('mapping tests in one place', () => {
  it('every provider has test/mapping/<id>.test.ts, importing its mapping module and naming every table it exports', () => {
    const all = rooms()
    expect(all.length).toBeGreaterThanOrEqual(12)
    expect(all.flatMap((room) => missingMappingTests(room, testOf(room.id)))).toEqual([])
  })

  it('no mapping test lives anywhere else', () => {
    const tests = [...sourceFiles('test'), ...sourceFiles('providers'), ...sourceFiles('src')].filter((path) => path.endsWith('.test.ts'))
    expect(strayMappingTests(tests)).toEqual([])
  })

  it('the check sees a provider without a test, a test that skips the mapping module or a table, and a stray test', () => {
    const room: ProviderRoom = {
      id: 'acme',
      files: {
        'providers/acme/mapping.ts': 'export const acmeStatusTable = {}\nexport const acmeOtherTable = {}',
        'providers/acme/fulfillment.ts': 'export const acmeCarrierTable = {}',
        'providers/acme/simulator.ts': 'export const acmeSampleTable = {}',
      },
    }
    expect(missingMappingTests(room, undefined)).toEqual(['acme: no test/mapping/acme.test.ts'])
    expect(missingMappingTests({ id: 'bare', files: {} }, '')).toEqual(['bare: no providers/bare/mapping.ts'])
    expect(missingMappingTests(room, "import { acmeStatusTable } from '../../providers/acme/mapping.js'")).toEqual([
      'acme: test/mapping/acme.test.ts never names acmeOtherTable (providers/acme/mapping.ts)',
      'acme: test/mapping/acme.test.ts never names acmeCarrierTable (providers/acme/fulfillment.ts)',
    ])
    expect(missingMappingTests(room, 'acmeStatusTable acmeOtherTable acmeCarrierTable')).toEqual(['acme: test/mapping/acme.test.ts does not import providers/acme/mapping.ts'])
    const stray = ['providers/acme/mapping.test.ts', 'test/unit/acme-mapping.test.ts', 'test/unit/oauth-mappings.test.ts']
    expect(strayMappingTests(['test/mapping/acme.test.ts', 'test/unit/acme.test.ts', 'test/architecture/mapping-tests.test.ts', ...stray])).toEqual(stray)
  })
})
