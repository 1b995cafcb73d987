import type { Logger } from './logger.js'

/**
 * Background work on a timer (polling, inventory settlement): one pass at a time — a tick that finds the previous
 * pass still running is skipped — and `stop()` waits for the pass in flight.
 */
export function intervalRunner<T>(runOnce: () => Promise<T>, log: Logger, failure: string) {
  let timer: ReturnType<typeof setInterval> | undefined
  let running: Promise<unknown> | undefined
  return {
    runOnce,
    start(intervalMs: number) {
      timer = setInterval(() => {
        if (running) return
        running = runOnce()
          .catch((error) => log.error(failure, { error: (error as Error).message }))
          .finally(() => {
            running = undefined
          })
      }, intervalMs)
    },
    async stop() {
      if (timer) clearInterval(timer)
      await running
    },
  }
}
