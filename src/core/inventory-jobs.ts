/**
 * Price/stock jobs (POST /v1/inventory, GET /v1/inventory/jobs/{id}): the provider's asynchronous batches
 * tracked as one job per request. Every submitted SKU appears exactly once in the job's items, whatever
 * the provider answers: results for SKUs that were not sent are ignored, SKUs the provider never reports
 * on fail with `no_result` once the provider says it is done.
 */
import type { InventoryJobRepository, InventoryJobRow } from '../db/inventory-jobs.js'
import type { InventoryItem, InventoryItemReport, InventoryItemResult, InventoryJob, InventoryJobStatus } from '../models/inventory.js'
import { KopruError } from './errors.js'
import { newId } from './ids.js'
import type { Logger } from './logger.js'
import type { RequestScope } from './request-scope.js'
import type { OperationRunner } from './pipeline.js'
import type { InventoryProgress } from './provider-kit/types.js'

const finalStatuses: readonly InventoryJobStatus[] = ['completed', 'partially_failed', 'failed']
export const isFinal = (status: InventoryJobStatus) => finalStatuses.includes(status)

const identifiers = ['sku', 'barcode'] as const

/** Refuses a request naming one sku (or one barcode) twice: which of the two should win is not knowable. */
export function assertUniqueSkus(items: readonly InventoryItem[]): void {
  const errors: { path: string; message: string }[] = []
  for (const field of identifiers) {
    const seen = new Map<string, number>()
    items.forEach((item, index) => {
      const value = item[field]
      if (value === undefined) return
      const first = seen.get(value)
      if (first === undefined) seen.set(value, index)
      else errors.push({ path: `body.items.${index}.${field}`, message: `'${value}' is already at items.${first}` })
    })
  }
  if (errors.length > 0) {
    throw new KopruError('invalid_request', 'each sku and each barcode may appear only once per inventory request', { errors: errors.slice(0, 50) })
  }
}

const identityOf = (item: Pick<InventoryItem, 'sku' | 'barcode'>) => ({ sku: item.sku ?? null, barcode: item.barcode ?? null })

/** The job's items at submission: what the provider already settled, the rest pending, in request order. */
export function initialItems(submitted: readonly InventoryItem[], settled: readonly InventoryItemReport[], log?: Logger): InventoryItemResult[] {
  const reported = indexResults(settled, submitted, log)
  return submitted.map((item, index) => reported.get(index) ?? { ...identityOf(item), status: 'pending' })
}

/**
 * Folds a provider poll into the job's items. Items already settled never change; once the provider is
 * done, an item it did not report on fails rather than staying pending forever.
 */
export function mergeProgress<T extends InventoryItemReport>(items: readonly T[], progress: InventoryProgress, log?: Logger): (T | InventoryItemResult)[] {
  const known = items.map((item) => ({ sku: item.sku ?? undefined, barcode: item.barcode ?? undefined }))
  const reported = indexResults(progress.items, known, log)
  return items.map((item, index) => {
    if (item.status !== 'pending') return item
    const result = reported.get(index)
    if (result && result.status !== 'pending') return result
    if (progress.status === 'completed') {
      return { ...identityOf(known[index]!), status: 'failed', error: { code: 'no_result', message: 'the provider finished the batch without a result for this item' } }
    }
    return item
  })
}

export function deriveJobStatus(items: readonly Pick<InventoryItemReport, 'status'>[]): InventoryJobStatus {
  if (items.some((item) => item.status === 'pending')) return 'processing'
  const failed = items.filter((item) => item.status === 'failed').length
  if (failed === 0) return 'completed'
  return failed === items.length ? 'failed' : 'partially_failed'
}

/** Provider reports by the index of the request item they name (by barcode when they carry one, else by sku). */
function indexResults(results: readonly InventoryItemReport[], known: readonly Pick<InventoryItem, 'sku' | 'barcode'>[], log?: Logger) {
  const positions = { sku: new Map<string, number>(), barcode: new Map<string, number>() }
  known.forEach((item, index) => {
    for (const field of identifiers) if (item[field] !== undefined) positions[field].set(item[field]!, index)
  })
  const byIndex = new Map<number, InventoryItemResult>()
  for (const result of results) {
    const index = result.barcode != null ? positions.barcode.get(result.barcode) : result.sku != null ? positions.sku.get(result.sku) : undefined
    if (index === undefined) {
      log?.warn('provider reported an inventory result for an item the job did not send; ignored', { sku: result.sku ?? null, barcode: result.barcode ?? null })
      continue
    }
    // The first settled answer wins; a later pending one does not undo it.
    const previous = byIndex.get(index)
    if (!previous || previous.status === 'pending') byIndex.set(index, normalize(result, known[index]!))
  }
  return byIndex
}

const normalize = (result: InventoryItemReport, item: Pick<InventoryItem, 'sku' | 'barcode'>): InventoryItemResult =>
  result.status === 'failed'
    ? { ...identityOf(item), status: 'failed', error: result.error ?? { code: null, message: 'the provider refused this item without a reason' } }
    : { ...identityOf(item), status: result.status }

export function jobView(row: InventoryJobRow): InventoryJob {
  return {
    id: row.id,
    provider: row.provider,
    connection_id: row.connectionId,
    status: row.status,
    // jsonb does not keep key order; answer in the documented order.
    items: row.items.map(({ sku, barcode, status, error }) => {
      const identity = { sku: sku ?? null, barcode: barcode ?? null }
      return error ? { ...identity, status, error: { code: error.code, message: error.message } } : { ...identity, status }
    }),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

export function createInventoryJobService({ repository, runner }: { repository: InventoryJobRepository; runner: OperationRunner }) {
  return {
    async submit(tenantId: string, connectionId: string | undefined, items: InventoryItem[], scope: RequestScope, log: Logger): Promise<InventoryJob> {
      assertUniqueSkus(items)
      const { result, connection } = await runner.run(tenantId, connectionId, 'inventory.update', { items }, scope)
      const jobItems = initialItems(items, result.settled, log)
      // Without a batch to poll there is nothing left to wait for: what was not settled has no result.
      const resolved = result.refs.length === 0 ? mergeProgress(jobItems, { status: 'completed', items: [] }, log) : jobItems
      const status = deriveJobStatus(resolved)
      const now = new Date()
      const row = await repository.create({
        id: newId('job'),
        tenantId,
        connectionId: connection.info.id,
        provider: connection.provider.id,
        status,
        refs: result.refs,
        items: resolved,
        createdAt: now,
        updatedAt: now,
        finishedAt: isFinal(status) ? now : null,
      }, jobView)
      return jobView(row)
    },

    /** The job as it stands; while not final, asks the provider once and stores what changed. */
    async get(tenantId: string, id: string, scope: RequestScope, log: Logger, connectionId?: string): Promise<InventoryJob> {
      const row = await repository.get(tenantId, id)
      if (!row || (connectionId !== undefined && connectionId !== row.connectionId)) {
        throw new KopruError('not_found', `no inventory job '${id}'`)
      }
      if (row.finishedAt || isFinal(row.status)) return jobView(row)
      const { result } = await runner.run(tenantId, row.connectionId, 'inventory.job', { refs: row.refs }, scope)
      const items = mergeProgress(row.items, result, log)
      const status = deriveJobStatus(items)
      const changed = status !== row.status || items.some((item, index) => item !== row.items[index])
      if (!changed) return jobView(row)
      const stored = await repository.progress(tenantId, id, { status, items, finishedAt: isFinal(status) ? new Date() : null }, jobView)
      // Another poller finished it meanwhile: its stored state is the answer.
      return jobView(stored ?? (await repository.get(tenantId, id))!)
    },
  }
}

export type InventoryJobService = ReturnType<typeof createInventoryJobService>
