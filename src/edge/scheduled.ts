import type { GatewayServices } from '../core/services.js'

export interface ScheduledRun {
  pruned: number
  delivered: number
  failed: number
  polled: number
  polledEvents: number
  /** Inventory jobs asked about (the settler's batch); finished ones announce `inventory.job_completed`. */
  settled: number
}

/**
 * One cron tick: what the Node entry runs on its timers (src/server.ts) — retention, outbox delivery, polling,
 * inventory-job settlement.
 * Each step claims its work with leases / `FOR UPDATE SKIP LOCKED`, so ticks, other isolates and Node instances
 * sharing the database never deliver or poll the same thing twice. A failing step does not stop the others.
 */
export async function runScheduledWork(services: GatewayServices, { maxDeliveryPasses = 20 } = {}): Promise<ScheduledRun> {
  const { delivery, poller } = services.events
  const log = services.log
  const run: ScheduledRun = { pruned: 0, delivered: 0, failed: 0, polled: 0, polledEvents: 0, settled: 0 }
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      log.error(`scheduled ${name} failed`, { error: (error as Error).message })
    }
  }
  await step('retention', async () => {
    run.pruned = await delivery.prune()
  })
  await step('delivery', async () => {
    for (let pass = 0; pass < maxDeliveryPasses; pass++) {
      const result = await delivery.runOnce()
      run.delivered += result.delivered
      run.failed += result.failed + result.dead
      if (result.claimed === 0) break
    }
  })
  await step('polling', async () => {
    const result = await poller.runOnce()
    run.polled = result.polled
    run.polledEvents = result.events
  })
  await step('inventory settlement', async () => {
    run.settled = await services.inventorySettler.runOnce()
  })
  // Events the poll and the settlement just recorded go out in this tick rather than the next.
  if (run.polledEvents > 0 || run.settled > 0) {
    await step('delivery', async () => {
      const result = await delivery.runOnce()
      run.delivered += result.delivered
    })
  }
  log.info('scheduled work', { ...run })
  return run
}
