/**
 * Parts of a provider definition that several adapters write the same way: the OAuth 2.0 auth block (token set as
 * credentials, Bearer header), credentials that travel inside request bodies (SOAP carriers), kopru's own quota
 * ceiling where a provider publishes none, and the unified operation ids of conventionally named adapter functions.
 */
import type { z } from 'zod'
import { oauthTokensSchema } from './oauth.js'
import type { AuthField, OAuthSpec, OAuthTokens, OperationContext, Operations, OutgoingRequest, ProviderAuth, QuotaDefinition } from './types.js'

/** The credentials of an OAuth 2.0 connection (the stored token set) and an operation context over them. */
export type OAuthCredentials = OAuthTokens
export type OAuthContext = OperationContext<OAuthCredentials>

/** `Authorization: Bearer <access_token>`. */
export function bearerToken({ headers }: OutgoingRequest, credentials: { access_token: string }): void {
  headers.set('authorization', `Bearer ${credentials.access_token}`)
}

/** Refresh this long before an access token expires unless the provider's tokens want another margin. */
export const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000

/**
 * OAuth 2.0: no fields for the tenant to type (the consent flow fills the token set), the kit's token-set schema
 * unless the adapter keeps extras next to the tokens, and the Bearer header unless the provider wants another;
 * no scopes and a five-minute refresh margin unless the spec says otherwise.
 */
export function oauth2Auth<C extends OAuthTokens = OAuthTokens>(
  oauth: Omit<OAuthSpec, 'defaultScopes' | 'refreshWindowMs'> & Partial<Pick<OAuthSpec, 'defaultScopes' | 'refreshWindowMs'>>,
  { schema = oauthTokensSchema as unknown as z.ZodType<C>, apply = bearerToken }: { schema?: z.ZodType<C>; apply?: ProviderAuth<C>['apply'] } = {},
): ProviderAuth<C> {
  return { type: 'oauth2', fields: [], schema, apply, oauth: { defaultScopes: [], refreshWindowMs: DEFAULT_REFRESH_WINDOW_MS, ...oauth } }
}

/** Credentials the adapter puts inside each request body (SOAP logins): nothing goes on the HTTP request itself. */
export function bodyCredentials<C>(fields: AuthField[], schema: z.ZodType<C>): ProviderAuth<C> {
  return { type: 'credentials', fields, schema, apply() {} }
}

/** kopru's own ceiling per credential for a provider that publishes no rate limit. */
export function ownCeiling(limit: number, intervalMs = 1000): QuotaDefinition[] {
  return [{ group: 'default', limit, intervalMs, scope: 'credential', description: 'no published limit; kopru ceiling' }]
}

/** The unified operation each conventional adapter function name stands for. */
const operationOfName = {
  listOrders: 'orders.list',
  getOrder: 'orders.get',
  createFulfillment: 'fulfillments.create',
  listProducts: 'products.list',
  getProduct: 'products.get',
  updateInventory: 'inventory.update',
  inventoryJob: 'inventory.job',
  attachInvoice: 'invoices.attach',
  createShipment: 'shipments.create',
  getShipment: 'shipments.get',
  cancelShipment: 'shipments.cancel',
  getTracking: 'tracking.get',
  listRates: 'rates.list',
} as const satisfies Record<string, keyof Operations<unknown>>

/** Adapter functions by their conventional names (`listOrders`, `createShipment`, …). */
export type NamedOperations<C> = { [Name in keyof typeof operationOfName]?: Operations<C>[(typeof operationOfName)[Name]] }

/**
 * A provider's operations under their unified names, from functions named by convention, so an adapter lists
 * what it has — `operationsOf({ listOrders, getOrder, createFulfillment })` — instead of spelling the ids again.
 */
export function operationsOf<C>(named: NamedOperations<C>): Operations<C> {
  const entries = Object.entries(named).filter(([, operation]) => operation !== undefined)
  return Object.fromEntries(entries.map(([name, operation]) => [operationOfName[name as keyof typeof operationOfName], operation])) as Operations<C>
}
