/**
 * Call-log rows go in exactly as recorded, whatever their text holds: through COPY (PGlite) and through the one
 * JSON statement (PostgreSQL, or a client without COPY) — on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { callLogRepository, type CallLogInsert } from '../../src/db/call-log.js'
import type { Database } from '../../src/db/types.js'
import { resetDatabase, testDatabase } from '../helpers/db.js'

const awkward = ['tab\there', 'new\nline', 'carriage\rreturn', 'back\\slash \\N \\t', 'nul\u0000dropped', 'ş é 日本 😀', '', 'plain']
const stored = (text: string) => text.replace(/\u0000/g, '')

function row(i: number, value: string): CallLogInsert {
  return {
    at: new Date(Date.UTC(2026, 11, 3, 12, 0, 0, i)),
    tenantId: `ten_${value}`,
    connectionId: i % 2 ? null : `con_${value}`,
    provider: `p${value}`,
    operation: `op${value}`,
    kind: `kind${value}`,
    method: 'GET',
    host: `h${value}`,
    path: `/x/${value}`,
    status: i % 3 ? 200 + i : null,
    durationMs: i,
    attempt: i % 4,
    retryReason: i % 2 ? value : null,
    quotaWaitMs: i * 7,
    circuit: `c${value}`,
    requestId: `req_${i}_${value}`,
    errorCode: i % 2 ? null : value,
    requestBody: value,
    responseBody: i % 2 ? `{"v":${JSON.stringify(value)}}` : null,
  }
}

/** The same database through a client that cannot COPY: the repository takes the JSON statement. */
const withoutCopy = (db: Database) =>
  new Proxy(db, { get: (target, key) => (key === '$client' ? {} : Reflect.get(target, key, target)) }) as Database

describe('call log rows as stored', () => {
  beforeEach(async () => resetDatabase(await testDatabase()))

  for (const [label, client] of [['the database\'s own client', (db: Database) => db], ['the JSON statement', withoutCopy]] as const) {
    it(`keeps tabs, newlines, backslashes, nulls and any Unicode through ${label}`, async () => {
      const { db } = await testDatabase()
      const rows = awkward.map((value, i) => row(i, value))
      await callLogRepository(client(db)).insert(rows)
      const back = await callLogRepository(db).list({}, 100)
      expect(back).toHaveLength(rows.length)
      for (const original of rows) {
        const found = back.find((r) => r.requestId === stored(original.requestId))!
        const expected = Object.fromEntries(Object.entries(original).map(([k, v]) => [k, typeof v === 'string' ? stored(v) : v]))
        const { seq, ...rest } = found
        expect(seq).toBeGreaterThan(0)
        expect(rest).toEqual(expected)
      }
    })
    it(`keeps rows that outgrow a batch's first buffer, multi-byte characters at every boundary, through ${label}`, async () => {
      const { db } = await testDatabase()
      // ≈ 4 kB bodies of two-, three- and four-byte characters: the 16 kB buffer grows several times mid-character.
      const rows = Array.from({ length: 24 }, (_, i) => ({ ...row(i, `big${i}`), requestBody: 'ş'.repeat(1000 + i), responseBody: '日😀'.repeat(700 + i) }))
      await callLogRepository(client(db)).insert(rows)
      const back = await callLogRepository(db).list({}, 100)
      expect(back).toHaveLength(rows.length)
      for (const original of rows) {
        const found = back.find((r) => r.requestId === original.requestId)!
        expect([found.requestBody, found.responseBody]).toEqual([original.requestBody, original.responseBody])
      }
    })
  }
})
