/**
 * Calls to the GraphQL Admin API: one POST per operation with its requested cost reserved in the quota,
 * the envelope read through graphql-wire.ts. Sources: shopify.dev "GraphQL Admin API rate limits" (a
 * throttled query answers HTTP 200 with `errors[].extensions.code = "THROTTLED"` and `actualQueryCost: null`)
 * and "About the GraphQL Admin API" (top-level `errors` for malformed queries or access problems, `userErrors`
 * in mutation payloads for refused input).
 */
import type { z } from 'zod'
import { KopruError, parseWire, type oauthTokensSchema, type CostFeedback, type OperationContext } from '../../src/core/provider-kit/index.js'
import { SHOPIFY_GRAPHQL_PATH } from './api.js'
import { graphqlEnvelopeWire, type userErrorsWire } from './graphql-wire.js'
import { parseOperation, requestedQueryCost } from './query-cost.js'

const SHOPIFY = { id: 'shopify', name: 'Shopify' }

export type ShopifyCtx = OperationContext<z.infer<typeof oauthTokensSchema>>

/** The quota's reading of an answer: `extensions.cost` (null actual cost: throttled, nothing charged). */
export function readShopifyCost(body: unknown): CostFeedback | undefined {
  const cost = graphqlEnvelopeWire.safeParse(body).data?.extensions?.cost
  if (!cost) return undefined
  const { throttleStatus: status } = cost
  return { actual: cost.actualQueryCost ?? 0, available: status.currentlyAvailable, capacity: status.maximumAvailable, restorePerSecond: status.restoreRate }
}

export async function graphql<S extends z.ZodType>(ctx: ShopifyCtx, query: string, variables: Record<string, unknown>, schema: S, operation?: string): Promise<z.output<S>> {
  const { kind, name } = parseOperation(query)
  const response = await ctx.request({
    method: 'POST',
    path: SHOPIFY_GRAPHQL_PATH,
    json: { query, variables },
    cost: requestedQueryCost(query, variables),
    idempotent: kind === 'query',
    ...(operation ? { operation } : {}),
  })
  const what = name ?? 'a GraphQL answer'
  const envelope = parseWire(SHOPIFY, graphqlEnvelopeWire, response.data, what)
  const errors = envelope.errors ?? []
  if (errors.some((error) => error.extensions?.code === 'THROTTLED')) {
    const cost = envelope.extensions?.cost
    const seconds = cost ? Math.max(1, Math.ceil((cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable) / cost.throttleStatus.restoreRate)) : 1
    throw new KopruError('rate_limited', `Shopify throttled ${what}: its cost bucket cannot cover the query`, {
      provider: { id: 'shopify', code: 'THROTTLED', message: errors[0]!.message },
      headers: { 'Retry-After': String(seconds) },
    })
  }
  if (errors.length > 0) {
    const first = errors[0]!
    throw new KopruError('provider_error', `Shopify refused ${what}: ${first.message}`, {
      provider: { id: 'shopify', status: response.status, code: first.extensions?.code, message: first.message },
      errors: errors.slice(0, 10).map((error) => ({ path: error.path?.join('.') ?? what, message: error.message })),
    })
  }
  return parseWire(SHOPIFY, schema, envelope.data, what)
}

/**
 * A mutation's payload, nullable in Shopify's schema: null comes with a top-level error (already thrown by
 * `graphql`), so null without one is an answer that does not say whether the mutation ran.
 */
export function payloadOf<T>(mutation: string, payload: T | null): T {
  if (payload !== null) return payload
  throw new KopruError('provider_error', `Shopify answered ${mutation} with no result and no error: whether it was applied is unknown`, {
    provider: { id: 'shopify' },
    errors: [{ path: mutation, message: 'null without an error' }],
  })
}

/** A mutation's `userErrors` as one refusal naming Shopify's fields. */
export function refuseOnUserErrors(what: string, userErrors: z.output<typeof userErrorsWire>) {
  if (userErrors.length === 0) return
  throw new KopruError('invalid_request', `Shopify refused ${what}: ${userErrors.map((e) => e.message).join('; ')}`, {
    provider: { id: 'shopify', code: userErrors[0]!.code ?? undefined, message: userErrors[0]!.message },
    errors: userErrors.slice(0, 10).map((e) => ({ path: e.field?.join('.') ?? what, message: e.message })),
  })
}

export const toGid = (type: string, id: string) => `gid://shopify/${type}/${id}`
export const fromGid = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1)
