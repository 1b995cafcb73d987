/**
 * Per-request facts the HTTP edge knows and the upstream layer needs (the client's wait budget, the
 * client's abort signal), and facts the upstream layer learns that the edge reports (provider and
 * operation, for metrics). A value made by the `gatewayRequest` middleware (src/http/observe.ts), carried on the Hono context
 * and in `ctx`; never looked up by id, because the id is the client's to choose.
 */
import type { Context } from '@opentelemetry/api'

export interface RequestScope {
  readonly requestId: string
  /** Latest instant (epoch ms) a provider call of this request may start; absent: `maxQueueMs` from each call. */
  readonly deadline?: number
  /** Aborts when the client goes away (absent for background work). */
  readonly signal?: AbortSignal
  /** Filled once by the pipeline when the request reaches an operation. */
  readonly labels: { provider?: string; operation?: string }
  /** The request's trace context (its server span) when tracing is on; upstream attempts are its children. */
  trace?: Context
}

/** The scope of work no client waits for (polling, clean-up, start-up seeding): default budget, no signal. */
export const backgroundScope = (requestId: string): RequestScope => ({ requestId, labels: {} })

/** Records which provider operation served the request; the first one wins (later calls are its parts). */
export function labelScope(scope: RequestScope, provider: string, operation: string): void {
  if (scope.labels.provider) return
  scope.labels.provider = provider
  scope.labels.operation = operation
}
