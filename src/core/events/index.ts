/**
 * Events: inbound provider webhooks, polling sync, the outbox and signed outbound delivery (docs/events.md).
 *
 * The API other features call: `recordEvent(tx, {type, tenantId, connectionId, provider, objectType, objectId, data})`
 * inside the transaction of the state change, or `observe(tx, {connection, object})` when they hold a provider
 * object whose changes should be announced (shipment tracking polls, for example).
 */
export * from './types.js'
export { recordEvent, objectKeyOf, rowsOf, type Executor } from './outbox.js'
export { recordConnectionLifecycleEvent, type ConnectionLifecycleEvent } from './connection-events.js'
export { observe, observationRules, fingerprintOf, stableJson } from './observe.js'
export { createDeliveryWorker, defaultRetrySchedule, type DeliveryWorker, type DeliveryWorkerOptions } from './delivery.js'
export { createPoller, ordersResource, builtInPollResources, type PollResource, type Poller, type PollerOptions } from './polling.js'
export { createInboundHandler, inboundWebhookUrl, providerForSegment, type AppSecretResolver, type InboundHandler } from './inbound.js'
export { endpointRepository, validateEndpointUrl, type EndpointRepository } from './endpoints.js'
export { generateWebhookSecret, signWebhook, webhookHeaders } from './signing.js'
