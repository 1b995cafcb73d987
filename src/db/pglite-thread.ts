import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { types } from '@electric-sql/pglite'
import { pgliteThreadSource } from './pglite-thread-source.js'
import { walCheckpointDefaults, walStartParams } from './wal-checkpoints.js'

interface QueryOptions {
  rowMode?: 'array' | 'object'
  parsers?: Record<number, (value: string) => unknown>
}

interface Answer {
  id?: number
  value?: unknown
  error?: Record<string, unknown>
  notify?: number
  payload?: string
  ready?: boolean
  memfsGrowth?: boolean
  fatal?: Record<string, unknown>
}

/** The types drizzle-orm/pglite reads as text (session.js); the thread applies the same parsers itself. */
const textTypes = new Set([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182])

/** A PGlite error as it crossed the thread: the same message and fields (`code`, `constraint`, `detail`, …). */
function reviveError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message ?? 'database error'))
  Object.assign(error, fields)
  return error
}

function textDates(parsers: QueryOptions['parsers']): boolean {
  if (!parsers) return false
  for (const key of Object.keys(parsers)) {
    if (!textTypes.has(Number(key))) throw new Error(`PGlite thread: a parser for type ${key} cannot cross threads`)
  }
  return true
}

/**
 * Embedded PostgreSQL on a thread of its own: PGlite is PostgreSQL compiled to WebAssembly and runs wherever it is
 * called, so in-process every insert, index update and query plan ran on the event loop between requests (the
 * call log alone cost ≈ 20–30 µs of CPU per upstream exchange, bench/RESULTS.md). The thread answers the calls
 * drizzle-orm/pglite makes (`query`, `transaction`), plus `exec` and `listen`; results and errors cross by
 * structured clone. Node only.
 */
export class PgliteThread {
  readonly #worker: Worker
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  readonly #listeners = new Map<number, (payload: string) => void>()
  #next = 1
  #closed = false
  /** Whether the thread's in-memory file system grows files amortised (src/db/memfs-growth.ts). */
  readonly memfsGrowthAmortized: boolean

  private constructor(worker: Worker, memfsGrowthAmortized: boolean) {
    this.#worker = worker
    this.memfsGrowthAmortized = memfsGrowthAmortized
    worker.on('message', (answer: Answer) => this.#receive(answer))
    worker.on('error', (error) => this.#failAll(error))
    worker.on('exit', () => this.#failAll(new Error('PGlite thread exited')))
    worker.unref()
  }

  /**
   * `image`: a data directory as PGlite's `dumpDataDir` wrote it, to start `memory://` from instead of initdb.
   * `wal`: when the thread checks the WAL written since the last checkpoint, and how much asks for one
   * (src/db/wal-checkpoints.ts).
   */
  static start(dataDir: string, image?: Uint8Array, wal = walCheckpointDefaults): Promise<PgliteThread> {
    const pgliteUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href
    const startParams = walStartParams(dataDir.startsWith('memory://'))
    const worker = new Worker(pgliteThreadSource, { eval: true, workerData: { dataDir, pgliteUrl, image, startParams, wal } })
    return new Promise((resolve, reject) => {
      const onReady = (answer: Answer) => {
        if (!answer.ready && !answer.fatal) return
        worker.off('message', onReady).off('error', reject)
        if (answer.ready) return resolve(new PgliteThread(worker, answer.memfsGrowth === true))
        reject(reviveError(answer.fatal!))
        void worker.terminate()
      }
      worker.on('message', onReady).on('error', reject)
    })
  }

  #receive(answer: Answer) {
    if (answer.notify !== undefined) return this.#listeners.get(answer.notify)?.(answer.payload ?? '')
    const pending = answer.id === undefined ? undefined : this.#pending.get(answer.id)
    if (!pending) return
    this.#pending.delete(answer.id!)
    // Referenced only while an answer is awaited: an idle database does not keep the process alive.
    if (this.#pending.size === 0) this.#worker.unref()
    if (answer.error) pending.reject(reviveError(answer.error))
    else pending.resolve(answer.value)
  }

  #failAll(error: Error) {
    this.#closed = true
    for (const pending of this.#pending.values()) pending.reject(error)
    this.#pending.clear()
  }

  #call<T>(message: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('PGlite thread is closed'))
    return this.#send(this.#next++, message, transfer)
  }

  #send<T>(id: number, message: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<T> {
    if (this.#pending.size === 0) this.#worker.ref()
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.#worker.postMessage({ ...message, id }, transfer)
    })
  }

  #queryIn(tx: number | undefined) {
    return (sql: string, params?: unknown[], options?: QueryOptions) =>
      this.#call({ op: 'query', tx, sql, params: params ?? [], rowMode: options?.rowMode, textDates: textDates(options?.parsers) })
  }

  query = this.#queryIn(undefined)

  exec(sql: string): Promise<unknown[]> {
    return this.#call({ op: 'exec', sql })
  }

  /** Checkpoints now if the WAL since the last checkpoint passed the threshold (the thread also checks on a timer). */
  checkpointIfDue(): Promise<boolean> {
    return this.#call({ op: 'checkpointIfDue' })
  }

  /**
   * `COPY table (columns) FROM` text-format rows (tab-separated, `\N` for null, already escaped): PostgreSQL's
   * cheapest way in, for the call log's batches. The UTF-8 `bytes` are taken over (their buffer is transferred, no
   * copy: the caller must not use them again) and reach PostgreSQL as a file of the thread's in-memory file system —
   * PGlite's `/dev/blob` would copy them twice more and then byte by byte.
   */
  copyFrom(table: string, columns: readonly string[], bytes: Uint8Array): Promise<number> {
    const names = columns.map((column) => `"${column}"`).join(', ')
    return this.#call({ op: 'copy', table: `"${table}" (${names})`, bytes }, [bytes.buffer as ArrayBuffer])
  }

  /** Runs `fn` inside one transaction held open on the thread: committed when it resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: { query: PgliteThread['query']; exec(sql: string): Promise<unknown[]> }) => Promise<T>): Promise<T> {
    const tx = await this.#call<number>({ op: 'begin' })
    let result: T
    try {
      result = await fn({ query: this.#queryIn(tx), exec: (sql) => this.#call({ op: 'exec', tx, sql }) })
    } catch (error) {
      await this.#call({ op: 'end', tx, commit: false })
      throw error
    }
    await this.#call({ op: 'end', tx, commit: true })
    return result
  }

  /** LISTEN on `channel`; resolves to the unsubscribe. */
  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = this.#next++
    this.#listeners.set(listener, onMessage)
    try {
      await this.#send(listener, { op: 'listen', channel })
    } catch (error) {
      this.#listeners.delete(listener)
      throw error
    }
    return async () => {
      this.#listeners.delete(listener)
      await this.#call({ op: 'unlisten', listener })
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    await this.#call({ op: 'close' })
    this.#closed = true
    await this.#worker.terminate()
  }
}
