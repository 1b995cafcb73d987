import Bottleneck from 'bottleneck'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { QuotaSlot, QuotaTicket, SlidingWindow } from './window.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

export interface AcquireEnvironment {
  metrics: GatewayMetrics
  log: Logger
  /** Longest a slot may be held (request timeout and then some); a crashed holder frees it after this. */
  maxHoldMs: number
  onIdle(window: SlidingWindow): void
}

/** A slot of `window` for `ticket`: at once when one is free, else queued (fairly, by tenant) until its deadline. */
export async function acquireSlot(window: SlidingWindow, ticket: QuotaTicket, env: AcquireEnvironment): Promise<QuotaSlot> {
  const enqueued = Date.now()
  const estimate = window.estimateWait(enqueued)
  if (enqueued + estimate > ticket.deadline) {
    throw window.rateLimited(ticket, estimate, 'the provider quota cannot serve this request within its wait budget')
  }
  if (window.canTakeAtOnce(enqueued)) {
    const slot = window.grant(() => {}, enqueued)
    env.metrics.quotaWait.observe({ provider: window.provider, group: window.group }, 0)
    return slot
  }
  return queued(window, ticket, env, enqueued)
}

function queued(window: SlidingWindow, ticket: QuotaTicket, env: AcquireEnvironment, enqueued: number): Promise<QuotaSlot> {
  const tenantWaiting = window.enqueue(ticket.tenantId)
  let state: 'queued' | 'started' | 'abandoned' = 'queued'
  return new Promise<QuotaSlot>((resolve, reject) => {
    const abandon = () => {
      state = 'abandoned'
      window.leaveQueue(ticket.tenantId)
      env.onIdle(window)
    }
    const giveUp = setTimeout(() => {
      if (state !== 'queued') return
      abandon()
      reject(window.rateLimited(ticket, window.estimateWait(Date.now()), 'no quota slot freed up within the wait budget'))
    }, Math.max(0, ticket.deadline - enqueued))

    const job = () =>
      new Promise<void>((done) => {
        const take = () => {
          if (state === 'abandoned') return done()
          // Local mode: the one job Bottleneck let through waits here for a held slot to free up.
          if (!window.clustered && window.holds.size >= window.limit) return void window.gate.push(take)
          clearTimeout(giveUp)
          state = 'started'
          window.leaveQueue(ticket.tenantId)
          const slot = window.grant(window.clustered ? done : () => {}, enqueued)
          if (!window.clustered) done()
          const pause = window.pausedUntil - Date.now()
          if (pause > 0 && window.pausedUntil > ticket.deadline) {
            slot.release(false)
            return reject(window.rateLimited(ticket, pause, 'the provider asked for a pause longer than the wait budget'))
          }
          void sleep(pause).then(() => {
            slot.waitedMs = Date.now() - enqueued
            env.metrics.quotaWait.observe({ provider: window.provider, group: window.group }, slot.waitedMs / 1000)
            resolve(slot)
          })
        }
        take()
      })

    window
      .limiter()
      .schedule({ priority: Math.min(9, tenantWaiting), expiration: window.intervalMs + env.maxHoldMs }, job)
      .catch((error: unknown) => {
        if (state === 'queued') {
          clearTimeout(giveUp)
          abandon()
          reject(new KopruError('internal', 'the quota store failed', { cause: error }))
        } else if (!(error instanceof Bottleneck.BottleneckError)) {
          env.log.error('quota job failed', { limiter: window.key, error: String(error) })
        }
      })
  })
}
