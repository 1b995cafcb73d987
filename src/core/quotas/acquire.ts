import Bottleneck from 'bottleneck'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { LocalWaiter, QuotaSlot, QuotaTicket, SlidingWindow } from './window.js'

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

/** After a slot was granted: waits out a pause the provider asked for, or gives up when it outlasts the budget. */
function settle(window: SlidingWindow, ticket: QuotaTicket, env: AcquireEnvironment, slot: QuotaSlot, enqueued: number): Promise<QuotaSlot> {
  const pause = window.pausedUntil - Date.now()
  if (pause > 0 && window.pausedUntil > ticket.deadline) {
    slot.release(false)
    return Promise.reject(window.rateLimited(ticket, pause, 'the provider asked for a pause longer than the wait budget'))
  }
  const granted = () => {
    slot.waitedMs = Date.now() - enqueued
    env.metrics.quotaWait.observe({ provider: window.provider, group: window.group }, slot.waitedMs / 1000)
    return slot
  }
  // No pause: no timer turn either (under CPU load a zero timeout is late too).
  return pause > 0 ? sleep(pause).then(granted) : Promise.resolve(granted())
}

function queued(window: SlidingWindow, ticket: QuotaTicket, env: AcquireEnvironment, enqueued: number): Promise<QuotaSlot> {
  return window.clustered ? queuedClustered(window, ticket, env, enqueued) : queuedLocally(window, ticket, env, enqueued)
}

/** One process: the window's own queue hands out slots as their timestamps pass. */
function queuedLocally(window: SlidingWindow, ticket: QuotaTicket, env: AcquireEnvironment, enqueued: number): Promise<QuotaSlot> {
  const priority = Math.min(9, window.enqueue(ticket.tenantId))
  return new Promise<QuotaSlot>((resolve, reject) => {
    const waiter: LocalWaiter = {
      priority,
      take(at) {
        clearTimeout(giveUp)
        window.leaveQueue(ticket.tenantId)
        settle(window, ticket, env, window.grant(() => {}, enqueued, at), enqueued).then(resolve, reject)
      },
    }
    const giveUp = setTimeout(() => {
      if (!window.abandon(waiter)) return
      window.leaveQueue(ticket.tenantId)
      env.onIdle(window)
      reject(window.rateLimited(ticket, window.estimateWait(Date.now()), 'no quota slot freed up within the wait budget'))
    }, Math.max(0, ticket.deadline - enqueued))
    window.wait(waiter)
  })
}

/** Several processes (Redis): Bottleneck's clustered count of running jobs is the count of held slots. */
function queuedClustered(window: SlidingWindow, ticket: QuotaTicket, env: AcquireEnvironment, enqueued: number): Promise<QuotaSlot> {
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
        if (state === 'abandoned') return done()
        clearTimeout(giveUp)
        state = 'started'
        window.leaveQueue(ticket.tenantId)
        settle(window, ticket, env, window.grant(done, enqueued), enqueued).then(resolve, reject)
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
