/**
 * The program of the embedded database's thread (src/db/pglite-thread.ts), run with `new Worker(source, { eval:
 * true })`: kept as plain JavaScript text so it runs the same from the TypeScript sources (tsx, vitest), the
 * `npm start` bundle and the published package, none of which would ship a separate worker file otherwise.
 *
 * Messages in: `{ id, op: 'query' | 'exec' | 'copy' | 'begin' | 'end' | 'listen' | 'unlisten' | 'checkpointIfDue' | 'close', … }`; answers out:
 * `{ id, value }` or `{ id, error }`; notifications `{ notify: listenerId, payload }`. A transaction is held open
 * inside PGlite's own `transaction()` until its `end` arrives, so PGlite's locking is exactly as in-process.
 */
import { memfsGrowthSource } from './memfs-growth.js'
import { walCheckpointSource } from './wal-checkpoints.js'

export const pgliteThreadSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
${memfsGrowthSource}
${walCheckpointSource}
const rollback = Symbol('rollback')

function serializeError(error) {
  const out = { name: error && error.name, message: error && error.message, stack: error && error.stack }
  if (error && typeof error === 'object') {
    for (const key of Object.keys(error)) {
      const value = error[key]
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value
    }
  }
  return out
}

async function main() {
  const { PGlite, types } = await import(workerData.pgliteUrl)
  const startParams = [...PGlite.defaultStartParams, ...workerData.startParams]
  const pg = await PGlite.create(workerData.dataDir, { startParams, ...(workerData.image && { loadDataDir: new Blob([workerData.image]) }) })
  const memfsGrowth = amortizeMemfsGrowth(pg.Module.MEMFS)
  const wal = boundWal(pg, workerData.wal)
  const keep = (value) => value
  // drizzle-orm/pglite asks for these types as text (its session.js); functions cannot cross threads.
  const textParsers = {
    [types.TIMESTAMP]: keep, [types.TIMESTAMPTZ]: keep, [types.INTERVAL]: keep, [types.DATE]: keep,
    1231: keep, 1115: keep, 1185: keep, 1187: keep, 1182: keep,
  }
  // A file per call (two may wait for PGlite at once), removed whether the COPY succeeded or not.
  const copyBytes = async (id, table, bytes) => {
    const copyFile = '/tmp/kopru-copy-' + id
    pg.Module.FS.writeFile(copyFile, bytes, { canOwn: true })
    try {
      return (await pg.query('copy ' + table + " from '" + copyFile + "'")).affectedRows
    } finally {
      pg.Module.FS.unlink(copyFile)
    }
  }
  const transactions = new Map()
  const listeners = new Map()
  const target = (m) => {
    if (m.tx === undefined) return pg
    const open = transactions.get(m.tx)
    if (!open) throw new Error('Transaction is closed')
    return open.tx
  }
  // settled resolves to the transaction's error (undefined when it committed or was rolled back on request).
  const begin = (m) => new Promise((started, failed) => {
    const open = { started: false }
    open.settled = pg.transaction(async (tx) => {
      open.tx = tx
      const commit = await new Promise((finish) => { open.finish = finish; open.started = true; started(m.id) })
      if (!commit) throw rollback
    }).then(() => undefined, (error) => (error === rollback ? undefined : error))
    open.settled.then((error) => {
      if (error && !open.started) { transactions.delete(m.id); failed(error) }
    })
    transactions.set(m.id, open)
  })
  const ops = {
    query: (m) => target(m).query(m.sql, m.params, { rowMode: m.rowMode, parsers: m.textDates ? textParsers : undefined }),
    exec: (m) => target(m).exec(m.sql),
    copy: (m) => copyBytes(m.id, m.table, m.bytes),
    begin,
    async end(m) {
      const open = transactions.get(m.tx)
      transactions.delete(m.tx)
      if (!open) throw new Error('Transaction is closed')
      open.finish(m.commit)
      const error = await open.settled
      if (error) throw error
      return null
    },
    async listen(m) {
      const stop = await pg.listen(m.channel, (payload) => parentPort.postMessage({ notify: m.id, payload }))
      listeners.set(m.id, stop)
      return m.id
    },
    async unlisten(m) {
      const stop = listeners.get(m.listener)
      listeners.delete(m.listener)
      if (stop) await stop()
      return null
    },
    checkpointIfDue: () => wal.check(),
    async close() {
      wal.stop()
      await pg.close()
      return null
    },
  }
  parentPort.on('message', (m) => {
    Promise.resolve()
      .then(() => ops[m.op](m))
      .then((value) => parentPort.postMessage({ id: m.id, value }), (error) => parentPort.postMessage({ id: m.id, error: serializeError(error) }))
  })
  parentPort.postMessage({ ready: true, memfsGrowth })
}

main().catch((error) => parentPort.postMessage({ fatal: serializeError(error) }))
`
