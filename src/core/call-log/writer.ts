import type { CallLogBatch, CallLogInsert, CallLogRepository } from '../../db/call-log.js'
import type { Logger } from '../logger.js'

export interface CallLogOptions {
  /** `KOPRU_CALL_LOG=off` records nothing. */
  enabled?: boolean
  /** How long records wait in memory before one batched insert. */
  flushMs?: number
  /** A batch this large is written at once. */
  batchSize?: number
  /** `KOPRU_CALL_LOG_RETENTION_DAYS` (default 7). */
  retentionDays?: number
  /** Size bound: the newest this many rows are kept (`KOPRU_CALL_LOG_MAX_ROWS`, default 1 000 000). */
  maxRows?: number
  /**
   * Records waiting beyond this — in the batch being filled and in batches queued for a slow database — are dropped
   * (and counted) rather than growing memory.
   */
  maxPending?: number
}

const hourMs = 3_600_000

/**
 * Collects one record per upstream attempt in memory, encoded for its batch, and writes them in batches on a
 * timer, so the response path only encodes one line. Retention and the size bound are applied at most hourly.
 */
export function createCallLog(repository: CallLogRepository, log: Logger, options: CallLogOptions = {}) {
  const enabled = options.enabled ?? true
  const flushMs = options.flushMs ?? 1_000
  const batchSize = options.batchSize ?? 500
  const maxPending = options.maxPending ?? 20_000
  const retentionMs = (options.retentionDays ?? 7) * 24 * hourMs
  const maxRows = options.maxRows ?? 1_000_000
  // `queued`: rows of batches handed to `write` and not yet stored; with `pending.rows` bounded by `maxPending`.
  // The first batch is made at the first record, not here: which kind it is depends on the database client, and
  // the Worker's exists only inside an invocation (src/edge/invocation.ts), never while the gateway is built.
  const state = { pending: undefined as CallLogBatch | undefined, queued: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined, dropped: 0, prunedAt: 0, writing: Promise.resolve() }

  async function write(batch: CallLogBatch) {
    try {
      await repository.insertBatch(batch)
      if (Date.now() - state.prunedAt >= hourMs) {
        state.prunedAt = Date.now()
        await repository.prune(new Date(Date.now() - retentionMs), maxRows)
      }
    } catch (error) {
      log.warn('call log write failed', { rows: batch.rows, error: (error as Error).message })
    } finally {
      state.queued -= batch.rows
    }
  }

  function flush(): Promise<void> {
    if (state.timer) clearTimeout(state.timer)
    state.timer = undefined
    const batch = state.pending
    if (batch && batch.rows > 0) {
      state.pending = repository.batch(batch)
      state.queued += batch.rows
      state.writing = state.writing.then(() => write(batch))
    }
    return state.writing
  }

  return {
    enabled,
    push(record: CallLogInsert) {
      if (!enabled) return
      const pending = (state.pending ??= repository.batch())
      if (pending.rows + state.queued >= maxPending) {
        state.dropped++
        return
      }
      pending.add(record)
      if (pending.rows >= batchSize) void flush()
      else if (!state.timer) {
        state.timer = setTimeout(() => void flush(), flushMs)
        ;(state.timer as { unref?: () => void }).unref?.()
      }
    },
    /** Writes what is pending (tests, shutdown); resolves when it is stored. */
    flush,
    get dropped() {
      return state.dropped
    },
  }
}

export type CallLog = ReturnType<typeof createCallLog>
