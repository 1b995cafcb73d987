/** What an embedding app (or an entry: src/server.ts, src/worker.ts) passes to `createGateway` / `createCore`. */
import type { QuotaStore } from './quotas/store.js'
import type { CallLogOptions } from './call-log/writer.js'
import type { EnvSource } from './base-urls.js'
import type { ConnectionEventRecorder } from './connection-events.js'
import type { Keyring } from './crypto.js'
import type { AppSecretResolver } from './events/inbound.js'
import type { Clock } from './events/types.js'
import type { Logger } from './logger.js'
import type { GatewayMetrics } from './metrics.js'
import type { ProviderDefinition } from './provider-kit/types.js'
import type { QuotaDatastore, QuotaLimitersOptions } from './quotas/limiters.js'
import type { QuotaOverrides } from './quotas/overrides.js'
import type { BreakerOptions } from './resilience/breaker.js'
import type { RetryOptions } from './resilience/retry.js'
import type { Transport } from './transport.js'
import type { Database } from '../db/types.js'
import type { TracingOptions } from './tracing/tracing.js'

export interface CoreOptions {
  db: Database
  keyring: Keyring
  adminKey: string
  providers?: readonly ProviderDefinition[] | undefined
  /** Where `KOPRU_PROVIDER_<ID>_BASE_URL` and friends are read from (process.env, Worker bindings). */
  env?: EnvSource | undefined
  /** Base URLs of built-in simulators; used for the sandbox environment in demo mode. */
  simulatorUrls?: Record<string, string> | undefined
  transport?: Transport | undefined
  logger?: Logger | undefined
  upstreamTimeoutMs?: number | undefined
  maxBodyBytes?: number | undefined
  /** Pauses between reconciliation lookups after a carrier's create answer was lost. */
  reconcileDelaysMs?: readonly number[] | undefined
  /**
   * KOPRU_PUBLIC_URL: base of connect links, the OAuth redirect URI and provider webhook registrations. A string
   * is used everywhere; a function (the Node entry's own listen address when none is configured) only for webhook
   * registration, while connect links then follow the base requests arrive on.
   */
  publicUrl?: string | (() => string | undefined) | undefined
  /** Clock for token expiry, connect sessions and the console's sign-in throttle (tests move it). */
  now?: (() => number) | undefined
  /** Where connection lifecycle events go (default: the events outbox, in the same transaction). */
  recordConnectionEvent?: ConnectionEventRecorder | undefined
  /** `off` lifts provider quotas (throughput benchmarks, accounts with negotiated limits); `KOPRU_QUOTAS`. */
  quotas?: 'on' | 'off' | undefined
  /** Longest a call waits for a quota slot before `rate_limited` (`KOPRU_MAX_QUEUE_MS`, default 10 s). */
  maxQueueMs?: number | undefined
  /** Shared limiter state across processes (Bottleneck on Redis), from src/node/redis-quotas.ts. */
  quotaDatastore?: QuotaDatastore | undefined
  /** Another home for the quota windows (the Workers entry: a Durable Object per quota key); wins over quotaDatastore. */
  quotaStore?: QuotaStore | undefined
  /** The call log of upstream exchanges (docs/observability.md). */
  callLog?: CallLogOptions | undefined
  /**
   * OpenTelemetry spans per request and per upstream attempt (docs/observability.md): `true` uses the globally
   * registered tracer provider, or pass one. Off by default: nothing is traced and nothing costs.
   */
  tracing?: boolean | TracingOptions | undefined
  /** Operator overrides of declared quotas: `{ trendyol: { orders: { limit: 100, intervalMs: 10_000 } } }`. */
  quotaOverrides?: QuotaOverrides | undefined
  limiters?: Pick<QuotaLimitersOptions, 'maxLimiters' | 'idleMs'> | undefined
  breaker?: BreakerOptions | undefined
  retry?: RetryOptions | undefined
  metrics?: GatewayMetrics | undefined
  /** Events: delivery, polling and inbound webhooks (docs/events.md). */
  events?: EventOptions | undefined
  /** The Node entry's start-up state: a reason while it is still seeding, then null (`/ready` is 503 until then). */
  notReady?: (() => string | null) | undefined
}

export interface EventOptions {
  /** The clock of delivery, polling and replay checks; tests move it. */
  clock?: Clock | undefined
  deliveryBatchSize?: number | undefined
  deliveryTimeoutMs?: number | undefined
  deliveryLeaseMs?: number | undefined
  /** Wait after each failed attempt; one more attempt than entries, then `dead`. */
  retrySchedule?: readonly number[] | undefined
  /** Finished events are kept this long (default 30 days). */
  eventRetentionMs?: number | undefined
  /** Polling interval per resource (`orders`, …) in ms. */
  pollIntervals?: Record<string, number> | undefined
  pollLookbackMs?: number | undefined
  /** Inbound replay window (provider timestamps older than this are refused). */
  inboundReplayWindowMs?: number | undefined
  /** Let tenants point their webhook endpoint at loopback/private addresses (default false; the Node entry allows it outside production). */
  allowPrivateEndpoints?: boolean | undefined
  /** The operator's app secret for app-signed webhooks (Shopify); default `KOPRU_PROVIDER_<ID>_CLIENT_SECRET`. */
  appSecretFor?: AppSecretResolver | undefined
}
