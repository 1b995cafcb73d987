import { intervalRunner } from './interval-runner.js'
import { backgroundScope } from './request-scope.js'
import type { InventoryJobRepository } from '../db/inventory-jobs.js'
import type { InventoryJobService } from './inventory-jobs.js'
import type { Logger } from './logger.js'

/**
 * Settles inventory jobs in the background, like outbox delivery: each pass asks the provider about the
 * jobs still waiting on it (oldest first) through the same path as `GET /v1/inventory/jobs/{id}`, so a job
 * nobody reads still finishes and announces `inventory.job_completed`. Several instances may run it: a
 * final state is stored once (the repository never overwrites one), so a job is announced once.
 */
export function createInventorySettler({
  repository,
  jobs,
  log,
  batchSize = 20,
}: {
  repository: Pick<InventoryJobRepository, 'unfinished'>
  jobs: Pick<InventoryJobService, 'get'>
  log: Logger
  batchSize?: number
}) {
  async function runOnce(): Promise<number> {
    const rows = await repository.unfinished(batchSize)
    for (const row of rows) {
      try {
        await jobs.get(row.tenantId, row.id, backgroundScope(`req_settle_${row.id}`), log)
      } catch (error) {
        // A provider hiccup or a connection that needs re-authorization: try again on a later pass.
        log.warn('inventory job not settled this pass', { job_id: row.id, connection_id: row.connectionId, error: (error as Error).message })
      }
    }
    return rows.length
  }

  return intervalRunner(runOnce, log, 'inventory settle pass failed')
}

export type InventorySettler = ReturnType<typeof createInventorySettler>
