import type { AccountingService } from '../accounting/service.js'
import { issuingPollResource } from '../accounting/issuing-poll.js'
import type { ConnectionService } from '../connections.js'
import { createDeliveryWorker } from '../events/delivery.js'
import { endpointRepository } from '../events/endpoints.js'
import { createInboundHandler } from '../events/inbound.js'
import { builtInPollResources, createPoller } from '../events/polling.js'
import { wallClock } from '../events/types.js'
import type { EnvSource } from '../base-urls.js'
import type { Logger } from '../logger.js'
import type { CoreOptions } from '../options.js'
import type { ContextFactory } from '../pipeline.js'
import type { Registry } from '../registry.js'
import type { GatewayServices } from '../services.js'
import type { ShippingService } from '../shipping/service.js'
import { trackingPollResource } from '../shipping/tracking-poll.js'
import type { Transport } from '../transport.js'
import type { CallLog } from '../call-log/writer.js'

interface EventsDeps {
  log: Logger
  registry: Registry
  connections: ConnectionService
  contextFor: ContextFactory
  shipping: ShippingService
  accounting: AccountingService
  transport: Transport
  env: EnvSource
  callLog?: CallLog
}

/** Events (docs/events.md): tenant endpoints, outbox delivery, polling and inbound provider webhooks. */
export function createEvents(options: CoreOptions, deps: EventsDeps): GatewayServices['events'] {
  const { db, keyring } = options
  const { log, registry, env } = deps
  const eventOptions = options.events ?? {}
  const clock = eventOptions.clock ?? wallClock
  const endpoints = endpointRepository(db, keyring, clock)
  const appSecretFor =
    eventOptions.appSecretFor ?? ((id: string) => env[`KOPRU_PROVIDER_${id.toUpperCase().replace(/-/g, '_')}_CLIENT_SECRET`] ?? null)
  return {
    clock,
    endpoints,
    allowPrivateEndpoints: eventOptions.allowPrivateEndpoints ?? false,
    inbound: createInboundHandler({ db, registry, keyring, log, clock, replayWindowMs: eventOptions.inboundReplayWindowMs, appSecretFor }),
    delivery: createDeliveryWorker({
      db,
      endpoints,
      transport: deps.transport,
      log,
      clock,
      batchSize: eventOptions.deliveryBatchSize,
      timeoutMs: eventOptions.deliveryTimeoutMs,
      leaseMs: eventOptions.deliveryLeaseMs,
      schedule: eventOptions.retrySchedule,
      retentionMs: eventOptions.eventRetentionMs,
      callLog: deps.callLog,
    }),
    poller: createPoller({
      db,
      registry,
      connections: deps.connections,
      contextFor: deps.contextFor,
      log,
      clock,
      resources: [...builtInPollResources, trackingPollResource(deps.shipping), issuingPollResource(deps.accounting)],
      intervals: eventOptions.pollIntervals,
      lookbackMs: eventOptions.pollLookbackMs,
    }),
  }
}
