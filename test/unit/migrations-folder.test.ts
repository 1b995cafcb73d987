import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileUrlPath, migrationsFolder } from '../../src/db/migrations-folder.js'

describe('the migrations folder', () => {
  it('is drizzle/ with its journal, from the sources', () => {
    expect(existsSync(join(migrationsFolder(), 'meta/_journal.json'))).toBe(true)
  })

  it('is a path Node can open from a file: URL on POSIX and on Windows (drive letter, spaces)', () => {
    expect(fileUrlPath(new URL('file:///home/a%20b/node_modules/kopru/dist/drizzle'))).toBe('/home/a b/node_modules/kopru/dist/drizzle')
    expect(fileUrlPath(new URL('file:///C:/Users/a%20b/node_modules/kopru/dist/drizzle'))).toBe('C:/Users/a b/node_modules/kopru/dist/drizzle')
  })
})
