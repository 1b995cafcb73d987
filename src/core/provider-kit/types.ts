import type { z } from 'zod'
import type { Fulfillment, FulfillmentRequest } from '../../models/fulfillment.js'
import type { InventoryItem, InventoryItemReport, InventoryJobStatus } from '../../models/inventory.js'
import type { Order, OrderStatus } from '../../models/order.js'
import type { Product } from '../../models/product.js'
import type { CreateShipmentRequest, Rate, RateRequest, Shipment, Tracker } from '../../models/shipment.js'
import type { InvoiceAttachment, InvoiceDraft, InvoicePdf, InvoiceState, TaxIdLookup } from '../../models/invoice.js'
import type { CreateContactRequest, ListContactsInput, ProviderContact } from '../../models/contact.js'
import type { Logger } from '../logger.js'
import type { FailProvider, ParsedProviderError } from '../provider-errors.js'
import type { RequestScope } from '../request-scope.js'
import type { ProviderWebhooks } from './webhooks.js'

export const operationIds = [
  'orders.list',
  'orders.get',
  'fulfillments.create',
  'products.list',
  'products.get',
  'inventory.update',
  'inventory.job',
  'shipments.create',
  'shipments.get',
  'shipments.cancel',
  'tracking.get',
  'rates.list',
  'invoices.create',
  'invoices.get',
  'invoices.cancel',
  'invoices.pdf',
  'tax_ids.lookup',
  'contacts.list',
  'contacts.get',
  'contacts.create',
  'invoices.attach',
  'proxy',
] as const
export type OperationId = (typeof operationIds)[number]

export type Environment = 'production' | 'sandbox'
export const environments: readonly Environment[] = ['production', 'sandbox']

export interface AuthField {
  /** snake_case of the provider's own field name, e.g. `api_secret`. */
  name: string
  label: string
  secret: boolean
  description?: string
}

/** A request as it is about to leave for the provider; `auth.apply` may add headers. */
export interface OutgoingRequest {
  method: string
  url: URL
  headers: Headers
}

export interface ProviderAuth<C> {
  type: 'basic' | 'api_key' | 'oauth2' | 'credentials'
  fields: AuthField[]
  /** Validates what a tenant posts as `credentials` (OAuth providers: the stored token set). */
  schema: z.ZodType<C>
  apply(request: OutgoingRequest, credentials: C): void
  /** OAuth 2.0 providers: how kopru authorizes, exchanges and refreshes (see docs/oauth.md). */
  oauth?: OAuthSpec
  /** Providers that trade the credentials for a short-lived session token first (MNG's JWT). */
  session?: SessionAuth<C>
}

/**
 * A session token obtained with the connection's credentials. Core keeps it per connection and puts it on every
 * call — operations and `/v1/proxy` — renewing it once when the provider answers 401.
 */
export interface SessionAuth<C> {
  /** Fetches a token; `request` reaches the provider with `auth.apply` but without a session. */
  obtain(input: { credentials: C; request: <T>(request: UpstreamRequest) => Promise<UpstreamResponse<T>> }): Promise<{ token: string; expiresAt: number }>
  apply(headers: Headers, token: string): void
}

/** The operator's OAuth app for a provider. */
export interface OAuthApp {
  clientId: string
  clientSecret: string
  scopes?: string[]
  /** Provider-specific app facts, e.g. eBay `ru_name`, Amazon `application_id`. */
  settings: Record<string, string>
}

/** What a token endpoint answered, normalized; `expires_at` is absolute. */
export interface OAuthTokens {
  access_token: string
  refresh_token?: string
  /** ISO 8601 UTC; absent when the provider's access token does not expire. */
  expires_at?: string
  refresh_token_expires_at?: string
  scope?: string
}

export interface OAuthSpec {
  /** The consent page: a `host` of the provider (or the base URL) and a path; `{name}` is filled from `connectFields`. */
  authorize: { host?: string; path: string }
  /** The token endpoint (authorization_code and refresh_token grants). */
  token: { host?: string; path: string }
  /** How the client authenticates at the token endpoint (RFC 6749 §2.3). */
  clientAuth: 'basic' | 'post' | 'none'
  defaultScopes: string[]
  scopeSeparator?: string
  /** Refresh this long before the access token expires. */
  refreshWindowMs: number
  /** Extra token-request parameters (Shopify: `expiring=1` for expiring offline tokens). */
  tokenParams?: Record<string, string>
  /** Whether an upstream failure means the access token was refused (default: HTTP 401). */
  isTokenRejected?(failure: { status?: number; code?: string; message?: string }): boolean
  /** Callback parameter carrying the code (Amazon: `spapi_oauth_code`). */
  codeParam?: string
  /** Authorize-URL parameters beyond the standard ones, or replacing them (Amazon: `application_id`). */
  authorizeParams?(input: { app: OAuthApp; redirectUri: string; fields: Record<string, string> }): Record<string, string | null>
  /** The redirect_uri sent to the provider (eBay: the RuName); defaults to kopru's callback URL. */
  redirectUri?(input: { app: OAuthApp; callbackUrl: string }): string
  /** Fields the user enters before authorizing (Shopify: the shop domain); values must be host-safe. */
  connectFields?: { field: AuthField; schema: z.ZodType<string> }[]
  /** Checks provider-signed callback parameters (Shopify's `hmac`) and their consistency with the fields. */
  verifyCallback?(input: { params: URLSearchParams; app: OAuthApp; fields: Record<string, string> }): Promise<string | null>
  /** Non-secret facts from the callback to keep in the connection's metadata (Amazon: selling_partner_id). */
  callbackMetadata?(params: URLSearchParams, fields: Record<string, string>): Record<string, string>
  /** Secret-free extras the adapter needs next to the tokens (Etsy: the API keystring). */
  credentialExtras?(app: OAuthApp): Record<string, string>
  /** Metadata key that identifies the provider account, so a second connect re-authorizes instead of duplicating. */
  accountKey?: string
}

export interface QuotaDefinition {
  group: string
  limit: number
  intervalMs: number
  scope: 'credential' | 'app'
  description?: string
  /** Paths counted in this group when the request names none (e.g. `/v1/proxy` calls to the same endpoint). */
  paths?: RegExp
  /**
   * A cost-based quota (src/core/quotas/cost.ts) instead of a request window: a bucket of points refilled per
   * second, each request taking its `UpstreamRequest.cost` (or `defaultCost`), `read` taking the provider's
   * report of what the call cost and what is left out of the parsed answer.
   */
  cost?: {
    capacity: number
    restorePerSecond: number
    defaultCost: number
    read(body: unknown): CostFeedback | undefined
  }
}

/** What a provider's answer says about its cost bucket (Shopify: `extensions.cost`). */
export interface CostFeedback {
  /** Points actually charged; below the requested cost, the difference is given back. */
  actual?: number
  /** The provider's bucket after the call. */
  available?: number
  capacity?: number
  restorePerSecond?: number
}

export interface UpstreamRequest {
  method?: string
  /** Path below the base URL, starting with `/`. */
  path: string
  /** Named host for providers with several (e.g. Hepsiburada's order and listing hosts). */
  host?: string
  query?: Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>
  json?: unknown
  /** A body serialized by the adapter (a SOAP envelope, JSON with exact decimals, a multipart form), sent as is with `contentType`; not together with `json`. */
  body?: string | Uint8Array
  contentType?: string
  /** `json` (default) parses the answer; `text` hands the raw text back as `data` (XML, SOAP). */
  responseType?: 'json' | 'text'
  headers?: Record<string, string>
  /** Points this request takes from a cost-based quota (the provider's requested cost of a query). */
  cost?: number
  /** Label for logs, metrics and quotas; defaults to the unified operation. */
  operation?: string
  quotaGroup?: string
  /** Safe to repeat after it may have reached the provider (GETs are by default). */
  idempotent?: boolean
  timeoutMs?: number
  /** Statuses handed back to the adapter instead of being turned into errors. */
  accept?: readonly number[]
}

export interface UpstreamResponse<T = unknown> {
  status: number
  headers: Headers
  data: T
  text: string
}

export interface ConnectionInfo {
  id: string
  tenantId: string
  provider: string
  environment: Environment
  settings: Record<string, unknown>
  metadata: Record<string, unknown>
}

export interface OperationContext<C = unknown> {
  provider: ProviderDefinition<C>
  connection: ConnectionInfo
  credentials: C
  requestId: string
  /** The request this call serves (wait budget, client's abort signal); pass it on, never look it up. */
  scope: RequestScope
  log: Logger
  request<T = unknown>(request: UpstreamRequest): Promise<UpstreamResponse<T>>
  /** A classified failure to throw (`throw ctx.fail('duplicate', ...)`); the gateway fills the provider and decides the code. */
  fail: FailProvider
  /** State this connection's adapter keeps between calls (session tokens, reference lists); dropped when the connection is deleted. */
  cache: ConnectionCache
}

/** A per-connection loading cache: entries expire, concurrent loads of one key share one call, failures are not kept. */
export interface ConnectionCache {
  get<V>(key: string, load: () => Promise<{ value: V; expiresAt?: number }>): Promise<V>
  /** Drops `key` — only while it still holds `value`, when given. */
  delete(key: string, value?: unknown): void
}

export interface Page<T> {
  data: T[]
  /** The provider's own paging state for the next page; the gateway makes it an opaque cursor. */
  next: unknown
}

export interface ListInput {
  limit: number
  /** The decoded paging state an adapter returned as `next`, or undefined for the first page. */
  page?: unknown
}

export interface ListOrdersInput extends ListInput {
  status?: OrderStatus
  createdAfter?: Date
  createdBefore?: Date
  updatedAfter?: Date
}

/**
 * What an asynchronous provider batch looks like to the gateway: the provider's own references
 * (e.g. Trendyol batchRequestIds) to poll later, and the items the provider already answered for.
 */
export interface InventorySubmission {
  /** Provider batch references, JSON-serializable; stored with the job and handed to `inventory.job`. */
  refs: unknown[]
  /** Items already settled (refused before sending, or answered synchronously). */
  settled: InventoryItemReport[]
}

export interface InventoryProgress {
  /** `processing` while the provider is still working on any batch. */
  status: Extract<InventoryJobStatus, 'processing' | 'completed'>
  items: InventoryItemReport[]
}

export interface Operations<C> {
  'orders.list'?: (ctx: OperationContext<C>, input: ListOrdersInput) => Promise<Page<Order>>
  'orders.get'?: (ctx: OperationContext<C>, input: { id: string }) => Promise<Order>
  'fulfillments.create'?: (ctx: OperationContext<C>, input: { orderId: string; fulfillment: FulfillmentRequest }) => Promise<Fulfillment>
  'products.list'?: (ctx: OperationContext<C>, input: ListInput) => Promise<Page<Product>>
  'products.get'?: (ctx: OperationContext<C>, input: { id: string }) => Promise<Product>
  /** Splits to the provider's own batch limits and submits; items never silently dropped. */
  'inventory.update'?: (ctx: OperationContext<C>, input: { items: InventoryItem[] }) => Promise<InventorySubmission>
  /** Polls the provider for the batches of a job. */
  'inventory.job'?: (ctx: OperationContext<C>, input: { refs: unknown[] }) => Promise<InventoryProgress>
  'shipments.create'?: (ctx: OperationContext<C>, input: { shipment: CreateShipmentRequest & { reference: string } }) => Promise<Shipment>
  'shipments.get'?: (ctx: OperationContext<C>, input: { id: string }) => Promise<Shipment>
  'shipments.cancel'?: (ctx: OperationContext<C>, input: { id: string }) => Promise<Shipment>
  /** `reference` is given when kopru created the shipment (for carriers that track by their reference). */
  'tracking.get'?: (ctx: OperationContext<C>, input: { trackingNumber: string; reference?: string }) => Promise<Tracker>
  'rates.list'?: (ctx: OperationContext<C>, input: { request: RateRequest }) => Promise<Rate[]>
  /** Accounting: submits the invoice and starts its issuance; answers while it is still `issuing` where the provider is asynchronous. */
  'invoices.create'?: (ctx: OperationContext<C>, input: { invoice: InvoiceDraft }) => Promise<InvoiceState>
  /** `state` is what the adapter kept from earlier answers (e.g. the pending job). */
  'invoices.get'?: (ctx: OperationContext<C>, input: { id: string; state: Record<string, unknown> }) => Promise<InvoiceState>
  'invoices.cancel'?: (ctx: OperationContext<C>, input: { id: string; state: Record<string, unknown> }) => Promise<InvoiceState>
  'invoices.pdf'?: (ctx: OperationContext<C>, input: { id: string; state: Record<string, unknown> }) => Promise<InvoicePdf>
  /** Whether a VKN/TCKN is a registered e-Fatura user (GİB's user list, through the provider). */
  'tax_ids.lookup'?: (ctx: OperationContext<C>, input: { taxId: string }) => Promise<Omit<TaxIdLookup, 'kind'>>
  /** Accounting: the provider's customers and suppliers, filtered by tax id or name where given. */
  'contacts.list'?: (ctx: OperationContext<C>, input: ListContactsInput) => Promise<Page<ProviderContact>>
  'contacts.get'?: (ctx: OperationContext<C>, input: { id: string }) => Promise<ProviderContact>
  /** Creates the contact once: one already kept under the same tax id (and name) is answered instead of a second. */
  'contacts.create'?: (ctx: OperationContext<C>, input: { contact: CreateContactRequest }) => Promise<ProviderContact>
  /** Marketplaces: sends an issued invoice (its link, or the file where links are not taken) for an order or package. */
  'invoices.attach'?: (
    ctx: OperationContext<C>,
    input: { orderId: string; invoice: { url: string; number: string; issued_at: string } },
  ) => Promise<InvoiceAttachment>
}

export interface SimulatorHandle {
  /** The fetch handler of the simulator's Hono app. */
  fetch(request: Request): Response | Promise<Response>
}

export interface ProviderDefinition<C = any> {
  id: string
  name: string
  kind: ProviderKind
  /** The provider's public website (marketplaces: where the buyer bought, for e-Arşiv internet-sale facts). */
  website?: string
  auth: ProviderAuth<C>
  baseUrls: Record<Environment, string>
  hosts?: Record<string, Record<Environment, string>>
  quotas: QuotaDefinition[]
  operations: Operations<C>
  /** Whether `ANY /v1/proxy/*` may reach this provider (and on which host). */
  proxy?: { host?: string }
  /** Checks credentials against the provider when a connection is created; returns metadata to keep. */
  verifyCredentials(ctx: OperationContext<C>): Promise<Record<string, unknown> | void>
  /**
   * Carriers: finds the one shipment created with `reference` (cargoKey / IntegrationCode / referenceId),
   * or null. The gateway calls it when a create's answer was lost, instead of blindly creating again.
   */
  findShipmentByReference?(ctx: OperationContext<C>, input: { reference: string }): Promise<Shipment | null>
  /**
   * Accounting: finds the one invoice submitted with `reference` (derived from the Idempotency-Key), or null — so
   * a lost create answer is reconciled instead of issuing a second invoice (a duplicate is a tax problem). Given
   * the invoice, it may finish what the lost attempt started (e.g. issue the e-document of a stored draft).
   */
  findInvoiceByReference?(ctx: OperationContext<C>, input: { reference: string; invoice: InvoiceDraft }): Promise<InvoiceState | null>
  /** Accounting: what the provider takes (currencies in ISO 4217), checked before any call. */
  accounting?: { currencies: readonly string[] }
  /**
   * Reads an error answer: the provider's own code and message and, where the answer says more than its HTTP
   * status, what it means (`kind`) and which fields it named. The gateway maps the kind to a problem code.
   */
  parseError?(response: UpstreamResponse): ParsedProviderError
  /** Inbound webhooks: verification, translation, and registration at the provider (src/core/events). */
  webhooks?: ProviderWebhooks<C>
  /** Builds the in-memory simulator; the demo and the tests run it as a real HTTP server. */
  simulator?: () => Promise<unknown>
}

export type ProviderKind = 'marketplace' | 'carrier' | 'accounting'

export const defineProvider = <C>(definition: ProviderDefinition<C>): ProviderDefinition<C> => definition
