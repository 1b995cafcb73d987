import type { z } from 'zod'
import type { Fulfillment, FulfillmentRequest } from '../../models/fulfillment.js'
import type { InventoryItem, InventoryItemResult, InventoryJobStatus } from '../../models/inventory.js'
import type { Order, OrderStatus } from '../../models/order.js'
import type { Product } from '../../models/product.js'
import type { CreateShipmentRequest, Rate, RateRequest, Shipment, Tracker } from '../../models/shipment.js'
import type { Logger } from '../logger.js'

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
  /** Validates what a tenant posts as `credentials`. */
  schema: z.ZodType<C>
  apply(request: OutgoingRequest, credentials: C): void
}

export interface QuotaDefinition {
  group: string
  limit: number
  intervalMs: number
  scope: 'credential' | 'app'
  description?: string
  /** Paths counted in this group when the request names none (e.g. `/v1/proxy` calls to the same endpoint). */
  paths?: RegExp
}

export interface UpstreamRequest {
  method?: string
  /** Path below the base URL, starting with `/`. */
  path: string
  /** Named host for providers with several (e.g. Hepsiburada's order and listing hosts). */
  host?: string
  query?: Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>
  json?: unknown
  headers?: Record<string, string>
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
  log: Logger
  request<T = unknown>(request: UpstreamRequest): Promise<UpstreamResponse<T>>
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
  settled: InventoryItemResult[]
}

export interface InventoryProgress {
  /** `processing` while the provider is still working on any batch. */
  status: Extract<InventoryJobStatus, 'processing' | 'completed'>
  items: InventoryItemResult[]
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
  'tracking.get'?: (ctx: OperationContext<C>, input: { trackingNumber: string }) => Promise<Tracker>
  'rates.list'?: (ctx: OperationContext<C>, input: { request: RateRequest }) => Promise<Rate[]>
}

export interface SimulatorHandle {
  /** The fetch handler of the simulator's Hono app. */
  fetch(request: Request): Response | Promise<Response>
}

export interface ProviderDefinition<C = any> {
  id: string
  name: string
  kind: 'marketplace' | 'carrier'
  auth: ProviderAuth<C>
  baseUrls: Record<Environment, string>
  hosts?: Record<string, Record<Environment, string>>
  quotas: QuotaDefinition[]
  operations: Operations<C>
  /** Whether `ANY /v1/proxy/*` may reach this provider (and on which host). */
  proxy?: { host?: string }
  /** Checks credentials against the provider when a connection is created; returns metadata to keep. */
  verifyCredentials(ctx: OperationContext<C>): Promise<Record<string, unknown> | void>
  /** Pulls the provider's own error code and message out of an error response. */
  parseError?(response: UpstreamResponse): { code?: string; message?: string }
  /** Builds the in-memory simulator; the demo and the tests run it as a real HTTP server. */
  simulator?: () => Promise<unknown>
}

export const defineProvider = <C>(definition: ProviderDefinition<C>): ProviderDefinition<C> => definition
