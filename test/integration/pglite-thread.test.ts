import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { openPglite } from '../../src/db/pglite.js'
import { PgliteThread } from '../../src/db/pglite-thread.js'
import { initdbImage } from '../helpers/db.js'
import { callLogRepository, type CallLogInsert } from '../../src/db/call-log.js'
import { apiKeys, tenants } from '../../src/db/schema.js'
import type { DatabaseHandle } from '../../src/db/types.js'

/** The embedded database on its own thread (src/db/pglite-thread.ts) behaves as in-process PGlite did. */
describe('PGlite on a thread', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openPglite('memory://')
    await handle.migrate()
  })
  afterAll(() => handle.close())

  const count = async () => {
    const result = (await handle.db.execute(sql`select count(*)::int as n from tenants`)) as unknown as { rows: { n: number }[] }
    return result.rows[0]!.n
  }

  it('commits a transaction that resolves and rolls back one that throws, and queries outside wait for it', async () => {
    const before = await count()
    await handle.db.transaction(async (tx) => {
      await tx.insert(tenants).values({ id: 'ten_thread_a', name: 'a' })
    })
    const failing = handle.db.transaction(async (tx) => {
      await tx.insert(tenants).values({ id: 'ten_thread_b', name: 'b' })
      await new Promise((resolve) => setTimeout(resolve, 30))
      throw new Error('changed my mind')
    })
    // Sent while the transaction is open: PGlite has one session, so this waits for it to end.
    const order: string[] = []
    const outside = count().then((n) => (order.push('outside'), n))
    await expect(failing.finally(() => order.push('transaction ended'))).rejects.toThrow('changed my mind')
    expect(await outside).toBe(before + 1)
    expect(order).toEqual(['transaction ended', 'outside'])
    expect(await count()).toBe(before + 1)
  })

  it("keeps PostgreSQL's error fields across the thread (code, constraint) and typed rows (dates, json)", async () => {
    await handle.db.insert(tenants).values({ id: 'ten_thread_c', name: 'c' })
    const values = { id: 'key_thread_1', tenantId: 'ten_thread_c', keyHash: 'hash-thread', keyPrefix: 'kpr_x' }
    await handle.db.insert(apiKeys).values(values)
    const duplicate = await handle.db.insert(apiKeys).values({ ...values, id: 'key_thread_2' }).catch((error: unknown) => error)
    // drizzle wraps the driver's error; the PostgreSQL fields travel on its cause.
    const cause = ((duplicate as { cause?: Record<string, unknown> }).cause ?? duplicate) as Record<string, unknown>
    expect(cause.code).toBe('23505')
    expect(cause.constraint).toBe('api_keys_key_hash_idx')
    const [row] = await handle.db.select().from(tenants).where(sql`id = 'ten_thread_c'`)
    expect(row!.createdAt).toBeInstanceOf(Date)
  })

  it('delivers NOTIFY to a listener until it unlistens', async () => {
    const heard: string[] = []
    const unlisten = await handle.listen!('thread_test', (payload) => heard.push(payload))
    await handle.db.execute(sql`select pg_notify('thread_test', 'one')`)
    await expect.poll(() => heard).toEqual(['one'])
    await unlisten()
    await handle.db.execute(sql`select pg_notify('thread_test', 'two')`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(heard).toEqual(['one'])
  })

  it('stores call-log batches by COPY, keeping tabs, newlines, backslashes and quotes in bodies exactly', async () => {
    const repository = callLogRepository(handle.db)
    const body = 'line one\n\tindented \\ back\\slash "quoted" \\N not null\r\nend\u0000'
    const row: CallLogInsert = {
      at: new Date('2026-12-03T06:00:00.123Z'),
      tenantId: 'ten_thread_c',
      connectionId: null,
      provider: 'trendyol',
      operation: 'orders.get',
      kind: 'operation',
      method: 'GET',
      host: 'api.example',
      path: '/a\tb',
      status: null,
      durationMs: 12,
      attempt: 2,
      retryReason: 'status 503',
      quotaWaitMs: 7,
      circuit: 'half_open',
      requestId: 'req_thread_copy',
      errorCode: 'provider_unavailable',
      requestBody: body,
      responseBody: '',
    }
    await repository.insert([row, { ...row, requestId: 'req_thread_copy_2', status: 200, requestBody: null }])
    const [second, first] = await repository.list({ tenantId: 'ten_thread_c' }, 10)
    expect(second!.requestId).toBe('req_thread_copy_2')
    expect(first).toMatchObject({ ...row, requestBody: body.replace('\u0000', ''), responseBody: '' })
    expect(second!.requestBody).toBeNull()
  })

  it('patches its in-memory file system so a growing table is not copied at every extension', async () => {
    // src/db/memfs-growth.ts; a PGlite whose MEMFS no longer has the functions it replaces fails here, not silently.
    const thread = await PgliteThread.start('memory://', await initdbImage())
    try {
      expect(thread.memfsGrowthAmortized).toBe(true)
    } finally {
      await thread.close()
    }
  })

  it('COPYs batches sent at once each whole, reports a bad one with PostgreSQL\'s error, and leaves no file behind', async () => {
    const thread = await PgliteThread.start('memory://', await initdbImage())
    const rows = (sql: string) => thread.query(sql).then((result) => (result as { rows: Record<string, unknown>[] }).rows)
    try {
      await thread.exec('create table copied (batch int, line int, note text)')
      // Sent together; each has a file of its own on the thread (PGlite runs one statement at a time today, so this
      // checks that every batch lands whole rather than catching a race on one shared file).
      const batch = (n: number) => Array.from({ length: 300 }, (_, i) => `${n}\t${i}\tçğış ✓ ${n}-${i}\n`).join('')
      expect(await Promise.all([1, 2, 3].map((n) => thread.copyFrom('copied', ['batch', 'line', 'note'], new TextEncoder().encode(batch(n)))))).toEqual([300, 300, 300])
      expect(await rows('select batch, count(*)::int as n, count(distinct note)::int as notes from copied group by batch order by batch')).toEqual(
        [1, 2, 3].map((batch) => ({ batch, n: 300, notes: 300 })),
      )
      expect(await rows("select note from copied where batch = 2 and line = 7")).toEqual([{ note: 'çğış ✓ 2-7' }])
      const bad = thread.copyFrom('copied', ['batch', 'line', 'note'], new TextEncoder().encode('4\tnot a number\tx\n'))
      await expect(bad).rejects.toMatchObject({ code: '22P02' })
      expect(await rows("select count(*)::int as n from copied where batch = 4")).toEqual([{ n: 0 }])
      expect(await rows("select name from pg_ls_dir('/tmp') as name where name like 'kopru-copy%'")).toEqual([])
    } finally {
      await thread.close()
    }
  })

  describe('WAL (PGlite has no checkpointer of its own: src/db/wal-checkpoints.ts)', () => {
    const walBytes = async (thread: PgliteThread) =>
      ((await thread.query('select sum(size)::float8 as bytes from pg_ls_waldir()')) as { rows: { bytes: number }[] }).rows[0]!.bytes
    const written = async (thread: PgliteThread) =>
      ((await thread.query("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 as bytes")) as { rows: { bytes: number }[] }).rows[0]!.bytes
    const redo = async (thread: PgliteThread) =>
      ((await thread.query('select redo_lsn::text as lsn from pg_control_checkpoint()')) as { rows: { lsn: string }[] }).rows[0]!.lsn
    const write20MB = (thread: PgliteThread) =>
      thread.exec("insert into wal_filler select repeat(md5(g::text), 32) from generate_series(1, 20000) g; truncate wal_filler")

    it('stays at a few segments however much is written, where it kept every byte before', async () => {
      const thread = await PgliteThread.start('memory://', await initdbImage(), { checkEveryMs: 3_600_000, checkpointBytes: 8 * 1024 * 1024 })
      try {
        await thread.exec('create table wal_filler (x text)')
        const start = await written(thread)
        for (let i = 0; i < 10; i++) {
          await write20MB(thread)
          expect(await thread.checkpointIfDue()).toBe(true)
        }
        expect(await thread.checkpointIfDue()).toBe(false)
        expect((await written(thread)) - start).toBeGreaterThan(200 * 1024 * 1024)
        // A few 16 MB segments recycled (48 MB measured); without checkpoints every byte written stayed.
        expect(await walBytes(thread)).toBeLessThanOrEqual(64 * 1024 * 1024)
      } finally {
        await thread.close()
      }
    })

    it('checkpoints on its own timer once the threshold is passed', async () => {
      const thread = await PgliteThread.start('memory://', await initdbImage(), { checkEveryMs: 50, checkpointBytes: 4 * 1024 * 1024 })
      try {
        await thread.exec('create table wal_filler (x text)')
        const before = await redo(thread)
        await write20MB(thread)
        await expect.poll(() => redo(thread), { timeout: 5_000 }).not.toBe(before)
      } finally {
        await thread.close()
      }
    })
  })

  it('answers every pending call with an error once closed, never hangs', async () => {
    const other = await openPglite('memory://')
    await other.close()
    await expect(other.db.execute(sql`select 1`)).rejects.toThrow()
  })
})
