import { operationIds } from '../../src/core/provider-kit/types.js'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { providers } from '../../providers/index.js'
import { createRegistry, type CatalogEntry } from '../../src/core/registry.js'
import { MATRIX_END, MATRIX_START, readSupportMatrix, renderSupportMatrix, replaceSupportMatrix } from '../../src/core/support-matrix.js'

const entry = (id: string, kind: 'marketplace' | 'carrier', operations: CatalogEntry['operations']): CatalogEntry => ({
  id,
  name: id.toUpperCase(),
  kind,
  auth_type: 'basic',
  auth_fields: [],
  environments: ['production'],
  operations,
  quotas: [],
})

describe('README support matrix', () => {
  it('equals what the registry catalog says (run `npm run docs:matrix` after adding a provider or operation)', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readSupportMatrix(readme)).toBe(renderSupportMatrix(createRegistry(providers).catalog()))
  })

  it('renders one row per provider, carriers after marketplaces, a mark per implemented operation', () => {
    const matrix = renderSupportMatrix([entry('zcarrier', 'carrier', ['tracking.get']), entry('amart', 'marketplace', ['orders.list', 'proxy'])])
    const rows = matrix.split('\n')
    expect(rows).toHaveLength(4)
    expect(rows[0]).toMatch(/^\| Provider \| Kind \| `orders.list` \| `orders.get` \|/)
    const marks = (ids: string[]) => operationIds.map((id) => (ids.includes(id) ? '✅' : '—')).join(' | ')
    expect(rows[2]).toBe(`| AMART (\`amart\`) | marketplace | ${marks(['orders.list', 'proxy'])} |`)
    expect(rows[3]).toBe(`| ZCARRIER (\`zcarrier\`) | carrier | ${marks(['tracking.get'])} |`)
    expect(rows[2]!.split('✅')).toHaveLength(3)
  })

  it('replaces only the block between the markers', () => {
    const readme = `intro\n${MATRIX_START}\nold\n${MATRIX_END}\noutro\n`
    const updated = replaceSupportMatrix(readme, 'new table')
    expect(updated).toBe(`intro\n${MATRIX_START}\nnew table\n${MATRIX_END}\noutro\n`)
    expect(readSupportMatrix(updated)).toBe('new table')
    expect(() => replaceSupportMatrix('no markers', 'x')).toThrow(/markers/)
  })
})
