import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name'),
    /** SHA-256 hex of the full key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    /** First characters of the key, so an operator can tell keys apart. */
    keyPrefix: text('key_prefix').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('api_keys_key_hash_idx').on(table.keyHash), index('api_keys_tenant_idx').on(table.tenantId)],
)

export type ConnectionStatus = 'active' | 'needs_reauth'

export const connections = pgTable(
  'connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    environment: text('environment').notNull(),
    status: text('status').$type<ConnectionStatus>().notNull().default('active'),
    /** AES-256-GCM envelope (see core/crypto.ts) of the JSON credentials. */
    credentials: text('credentials').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Non-secret facts learned while connecting (e.g. the seller id), safe to show. */
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('connections_tenant_idx').on(table.tenantId, table.createdAt)],
)

export type InventoryJobRowStatus = 'pending' | 'processing' | 'completed' | 'partially_failed' | 'failed'

/** A price/stock batch handed to a provider (POST /v1/inventory), polled until every item is settled. */
export const inventoryJobs = pgTable(
  'inventory_jobs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    status: text('status').$type<InventoryJobRowStatus>().notNull(),
    /** The provider's own batch references (InventorySubmission.refs), handed back to `inventory.job`. */
    refs: jsonb('refs').$type<unknown[]>().notNull().default([]),
    /** One entry per submitted SKU, in request order: `{sku, status, error?}`. */
    items: jsonb('items').$type<{ sku: string | null; barcode?: string | null; status: 'pending' | 'succeeded' | 'failed'; error?: { code: string | null; message: string } }[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set once the job reached a final status; the provider is not asked again after that. */
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('inventory_jobs_tenant_idx').on(table.tenantId, table.createdAt)],
)

export type IdempotencyState = 'in_flight' | 'completed'

/**
 * Exactly-once writes: the first request with a (tenant, key) inserts its row and runs; the primary key makes
 * a second instance's insert fail, so only one ever runs. Rows expire after 24 h (`expires_at`).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** What the key was first used for, e.g. `shipments.create`. */
    operation: text('operation').notNull(),
    /** SHA-256 hex of the canonical request (connection + body): a different request with the key is refused. */
    requestHash: text('request_hash').notNull(),
    state: text('state').$type<IdempotencyState>().notNull(),
    /** While in flight: the claim is held until then; an abandoned claim (crashed instance) can be taken over. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.key] }), index('idempotency_keys_expires_idx').on(table.expiresAt)],
)

/** Shipments created through kopru, so they can be read back even where the carrier is queried by reference. */
export const shipments = pgTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    /** The id the adapter answered with; handed back to its shipments.get / shipments.cancel. */
    providerId: text('provider_id').notNull(),
    reference: text('reference').notNull(),
    trackingNumber: text('tracking_number'),
    status: text('status').notNull(),
    label: jsonb('label').$type<{ format: 'PDF' | 'ZPL'; data: string } | null>(),
    /** The unified shipment as last seen (addresses, parcels, COD), without `raw`. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('shipments_connection_reference_idx').on(table.connectionId, table.reference),
    index('shipments_tenant_idx').on(table.tenantId, table.createdAt),
    index('shipments_tracking_idx').on(table.connectionId, table.trackingNumber),
  ],
)

/**
 * Invoices issued through kopru: the unified invoice as last seen, the adapter's id and state (a pending job),
 * and the reference derived from the Idempotency-Key, unique per connection (one invoice per key, ever).
 */
export const invoices = pgTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerId: text('provider_id').notNull(),
    reference: text('reference').notNull(),
    status: text('status').notNull(),
    number: text('number'),
    /** The marketplace order it was made from: `{connection_id, order_id}`. */
    orderConnectionId: text('order_connection_id'),
    orderId: text('order_id'),
    /** What the adapter asked to keep between calls (e.g. Paraşüt's trackable job id). */
    providerState: jsonb('provider_state').$type<Record<string, unknown>>().notNull(),
    /** The unified invoice without `raw`. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('invoices_connection_reference_idx').on(table.connectionId, table.reference),
    index('invoices_tenant_idx').on(table.tenantId, table.createdAt),
    index('invoices_open_idx').on(table.connectionId, table.status),
    index('invoices_order_idx').on(table.tenantId, table.orderConnectionId, table.orderId),
  ],
)

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** One outbound webhook endpoint per tenant (docs/events.md). */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** AES-256-GCM envelope of the `whsec_…` signing secret (the key is needed in clear to sign). */
  secret: text('secret').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export type EventStatus = 'pending' | 'delivered' | 'dead' | 'no_endpoint'

/**
 * The outbox: every unified event, written in the transaction of the state change that caused it,
 * then delivered by the delivery worker. `seq` orders events; `object_key` groups them for per-object ordering.
 */
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id'),
    provider: text('provider'),
    type: text('type').notNull(),
    objectKey: text('object_key').notNull(),
    occurredAt: at('occurred_at').notNull(),
    /** The event as delivered: `{id, type, occurred_at, tenant_id, connection_id, provider, data, previous?}`. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<EventStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    /** Claim of a delivery worker; an expired lease is claimable again (a killed instance's work is retried). */
    leaseOwner: text('lease_owner'),
    leaseUntil: at('lease_until'),
    lastAttemptAt: at('last_attempt_at'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: at('delivered_at'),
    createdAt: createdAt(),
  },
  (table) => [
    index('events_tenant_seq_idx').on(table.tenantId, table.seq),
    index('events_due_idx').on(table.status, table.nextAttemptAt),
    index('events_object_idx').on(table.tenantId, table.objectKey, table.seq),
  ],
)

/** What kopru last saw of a provider object (polling and inbound webhooks): events only for real changes. */
export const observedObjects = pgTable(
  'observed_objects',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** SHA-256 of the unified object (without `raw`). */
    fingerprint: text('fingerprint').notNull(),
    /** The object's status fields, to tell a status change from another update. */
    status: jsonb('status').$type<Record<string, unknown>>().notNull(),
    /** The provider's `updated_at` of the version seen; older versions (late or replayed) are ignored. */
    objectUpdatedAt: at('object_updated_at'),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.objectType, table.objectId] })],
)

/** Per connection and resource: the polling cursor, the next due time and a lease for multi-instance polling. */
export const pollState = pgTable(
  'poll_state',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    cursor: jsonb('cursor').$type<Record<string, unknown>>(),
    nextPollAt: at('next_poll_at').notNull(),
    leaseUntil: at('lease_until'),
    lastPolledAt: at('last_polled_at'),
    lastError: text('last_error'),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.resource] })],
)

/** A webhook kopru registered at the provider for a connection, with the credential the provider sends back. */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  connectionId: text('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  provider: text('provider').notNull(),
  /** The provider's id of the registration (for deletion). */
  remoteId: text('remote_id'),
  /** AES-256-GCM envelope of the shared secret the provider presents on delivery. */
  secret: text('secret').notNull(),
  createdAt: createdAt(),
})

/** Inbound deliveries already accepted, per connection: a replay is refused. Pruned after the replay window. */
export const inboundDeliveries = pgTable(
  'inbound_deliveries',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    deliveryKey: text('delivery_key').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.deliveryKey] }), index('inbound_deliveries_received_idx').on(table.receivedAt)],
)

export const connectSessions = pgTable(
  'connect_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    environment: text('environment').notNull(),
    redirectUrl: text('redirect_url'),
    /** Set when the session re-authorizes an existing connection. */
    connectionId: text('connection_id'),
    /** SHA-256 of the OAuth `state`; the state itself only travels through the browser. */
    stateHash: text('state_hash'),
    /** Encrypted PKCE code verifier (same envelope as credentials). */
    codeVerifier: text('code_verifier'),
    /** What the user entered before authorizing (e.g. the Shopify shop domain); not secret. */
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    stateExpiresAt: timestamp('state_expires_at', { withTimezone: true, mode: 'date' }),
    stateUsedAt: timestamp('state_used_at', { withTimezone: true, mode: 'date' }),
    completedConnectionId: text('completed_connection_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('connect_sessions_state_idx').on(table.stateHash), index('connect_sessions_tenant_idx').on(table.tenantId)],
)

/** The operator's OAuth app per provider (PUT /admin/providers/{provider}/oauth-app); env vars are the fallback. */
export const oauthApps = pgTable('oauth_apps', {
  provider: text('provider').primaryKey(),
  clientId: text('client_id').notNull(),
  /** Encrypted client secret. */
  clientSecret: text('client_secret').notNull(),
  scopes: jsonb('scopes').$type<string[]>(),
  /** Provider-specific app facts (eBay RuName, Amazon application id); not secret. */
  settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
  updatedAt: updatedAt(),
})

/**
 * Demo mode on a shared PostgreSQL: the simulators of the instance that seeded the demo tenant. The other demo
 * instances send sandbox calls there too, so every instance uses the tokens those simulators minted.
 */
export const demoSimulators = pgTable('demo_simulators', {
  id: integer('id').primaryKey(),
  urls: jsonb('urls').$type<Record<string, string>>().notNull(),
  updatedAt: updatedAt(),
})

/**
 * The call log: one row per upstream attempt (docs/observability.md). No foreign keys: rows are written in
 * batches off the response path and must not fail because a connection was deleted meanwhile.
 */
export const callLog = pgTable(
  'call_log',
  {
    /** Newest last; the key is (tenant, seq) so one index serves tenant reads (see docs/observability.md). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    at: at('at').notNull(),
    tenantId: text('tenant_id').notNull(),
    connectionId: text('connection_id'),
    provider: text('provider').notNull(),
    operation: text('operation').notNull(),
    /** What kind of exchange: `operation`, `proxy`, `session`, `webhook_delivery`, … */
    kind: text('kind').notNull(),
    method: text('method').notNull(),
    host: text('host').notNull(),
    /** The URL path only; the query string (where credentials may travel) is never stored. */
    path: text('path').notNull(),
    /** HTTP status, or null when no answer came (timeout, unreachable). */
    status: integer('status'),
    durationMs: integer('duration_ms').notNull(),
    attempt: integer('attempt').notNull(),
    retryReason: text('retry_reason'),
    quotaWaitMs: integer('quota_wait_ms').notNull().default(0),
    circuit: text('circuit').notNull(),
    requestId: text('request_id').notNull(),
    errorCode: text('error_code'),
    /** Only with the connection's `settings.log_bodies`; redacted and capped. */
    requestBody: text('request_body'),
    responseBody: text('response_body'),
  },
  (table) => [
    primaryKey({ name: 'call_log_tenant_seq_pk', columns: [table.tenantId, table.seq] }),
    index('call_log_request_idx').on(table.requestId),
  ],
)

/** Connection lifecycle events (`connection.needs_reauth`, ...); the events outbox can route these. */
export const schema = {
  tenants,
  apiKeys,
  connections,
  inventoryJobs,
  idempotencyKeys,
  shipments,
  invoices,
  webhookEndpoints,
  events,
  observedObjects,
  pollState,
  webhookSubscriptions,
  inboundDeliveries,
  connectSessions,
  oauthApps,
  demoSimulators,
  callLog,
}
