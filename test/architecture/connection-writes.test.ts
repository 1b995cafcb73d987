import { describe, expect, it } from 'vitest'
import { connectionWrites } from './connection-writes.js'
import { readSource, sourceFiles } from './source-files.js'

const OWNER = 'src/db/connections.ts'

describe('one owner per table', () => {
  it(`nothing but ${OWNER} writes the connections table`, () => {
    const files = [...sourceFiles('src'), ...sourceFiles('providers')].filter((path) => path !== OWNER)
    expect(files.flatMap((path) => connectionWrites(path, readSource(path)))).toEqual([])
  })

  it('the check sees drizzle and SQL writes', () => {
    const text = [
      'await tx.update(connections).set({ status })',
      'await db.insert(connectionsTable).values(row)',
      "await db.execute(sql`update connections set status = 'active'`)",
      'await db.execute(sql`delete from connections where id = ${id}`)',
      'await db.select().from(connections)',
      'update poll_state ps set lease_until = now() from connections c',
    ].join('\n')
    expect(connectionWrites('x.ts', text).map((hit) => hit.split(' ')[0])).toEqual(['x.ts:1', 'x.ts:2', 'x.ts:3', 'x.ts:4'])
  })
})
