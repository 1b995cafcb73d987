/**
 * Products and price/stock through the Listings Items API 2021-08-01: getListingsItem and
 * searchListingsItems for reads, patchListingsItem (JSON Patch of `fulfillment_availability` and
 * `purchasable_offer`) per SKU for inventory.update. patchListingsItem answers each SKU synchronously
 * (ACCEPTED or INVALID with issues), so a job's items settle on submission.
 */
import { z } from 'zod'
import {
  KopruError,
  money,
  oauthTokensSchema,
  parsePageState,
  parseWire,
  requireInventoryIdentifier,
  type InventoryProgress,
  type InventorySubmission,
  type ListInput,
  type OperationContext,
  type Page,
} from '../../src/core/provider-kit/index.js'
import type { InventoryItem, InventoryItemReport, Product } from '../../src/models/index.js'
import { amazonListingItemWire, amazonListingSearchWire, amazonSubmissionWire, type AmazonListingItem } from './listings-wire.js'

type Ctx = OperationContext<z.infer<typeof oauthTokensSchema>>
const AMAZON = { id: 'amazon', name: 'Amazon' }
const INCLUDED = 'summaries,offers,fulfillmentAvailability,issues'
/** searchListingsItems: pageSize maximum 20 in the model. */
const MAX_PAGE = 20
const pageState = z.object({ t: z.string().min(1).max(4000) })
/** Offer-only patches do not need the listing's own product type; Amazon takes the generic PRODUCT. */
const OFFER_PRODUCT_TYPE = 'PRODUCT'

const sellerOf = (ctx: Ctx): string => {
  const id = ctx.connection.metadata.selling_partner_id
  if (typeof id !== 'string' || !id) throw new KopruError('invalid_request', 'this Amazon connection has no selling_partner_id; reconnect it')
  return id
}
const marketplaceOf = (ctx: Ctx): string => {
  const ids = ctx.connection.metadata.marketplace_ids
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : 'ATVPDKIKX0DER'
}
const currencyOf = (ctx: Ctx, marketplace: string): string => {
  const currencies = ctx.connection.metadata.marketplace_currencies as Record<string, string> | undefined
  return currencies?.[marketplace] ?? 'USD'
}
const itemsPath = (ctx: Ctx, sku?: string) => `/listings/2021-08-01/items/${encodeURIComponent(sellerOf(ctx))}${sku === undefined ? '' : `/${encodeURIComponent(sku)}`}`

export function toUnifiedListing(item: AmazonListingItem, marketplace: string, connectionId: string, raw: unknown): Product {
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplace) ?? item.summaries?.[0]
  const offer = item.offers?.find((o) => o.marketplaceId === marketplace && o.offerType === 'B2C')
  const quantity = item.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === 'DEFAULT')?.quantity
  const statuses = summary?.status ?? []
  return {
    id: item.sku,
    provider: 'amazon',
    connection_id: connectionId,
    sku: item.sku,
    barcode: null,
    title: summary?.itemName ?? null,
    brand: null,
    category: summary?.productType ?? null,
    price: offer ? money(offer.price.amount, offer.price.currencyCode) : null,
    list_price: null,
    quantity: quantity ?? null,
    status: statuses.includes('BUYABLE') ? 'active' : 'inactive',
    provider_status: statuses.join(',') || null,
    url: summary?.asin ? `https://www.amazon.com/dp/${summary.asin}` : null,
    images: summary?.mainImage ? [summary.mainImage.link] : [],
    attributes: summary?.asin ? { asin: summary.asin } : {},
    updated_at: summary ? summary.lastUpdatedDate : null,
    raw,
  }
}

export async function getListing(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  const marketplace = marketplaceOf(ctx)
  const response = await ctx.request({ path: itemsPath(ctx, id), query: { marketplaceIds: marketplace, includedData: INCLUDED }, quotaGroup: 'listings-get' })
  return toUnifiedListing(parseWire(AMAZON, amazonListingItemWire, response.data, 'a getListingsItem answer'), marketplace, ctx.connection.id, response.data)
}

export async function listListings(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const marketplace = marketplaceOf(ctx)
  const state = parsePageState(pageState, input.page)
  const query = { marketplaceIds: marketplace, includedData: INCLUDED, pageSize: Math.min(input.limit, MAX_PAGE), pageToken: state?.t }
  const response = await ctx.request({ path: itemsPath(ctx), query, quotaGroup: 'listings-search' })
  const page = parseWire(AMAZON, amazonListingSearchWire, response.data, 'a searchListingsItems answer')
  const raws = (response.data as { items: unknown[] }).items
  const next = page.pagination?.nextToken
  return { data: page.items.map((item, i) => toUnifiedListing(item, marketplace, ctx.connection.id, raws[i])), next: next ? { t: next } : null }
}

export function listingPatches(item: InventoryItem, marketplace: string, currency: string) {
  const patches: { op: 'replace'; path: string; value: Record<string, unknown>[] }[] = []
  if (item.quantity !== undefined) {
    patches.push({ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: item.quantity }] })
  }
  if (item.price !== undefined || item.list_price !== undefined) {
    const offer: Record<string, unknown> = { marketplace_id: marketplace, currency }
    if (item.price !== undefined) offer.our_price = [{ schedule: [{ value_with_tax: Number(item.price) }] }]
    patches.push({ op: 'replace', path: '/attributes/purchasable_offer', value: [offer] })
  }
  if (item.list_price !== undefined) patches.push({ op: 'replace', path: '/attributes/list_price', value: [{ marketplace_id: marketplace, currency, value: Number(item.list_price) }] })
  return patches
}

async function patchOne(ctx: Ctx, item: InventoryItem & { sku: string }, marketplace: string): Promise<InventoryItemReport> {
  const response = await ctx.request({
    method: 'PATCH',
    path: itemsPath(ctx, item.sku),
    query: { marketplaceIds: marketplace },
    json: { productType: OFFER_PRODUCT_TYPE, patches: listingPatches(item, marketplace, currencyOf(ctx, marketplace)) },
    quotaGroup: 'listings-patch',
    accept: [400, 404],
  })
  if (response.status >= 400) {
    const first = (response.data as { errors?: { code?: string; message?: string }[] } | null)?.errors?.[0]
    return { sku: item.sku, status: 'failed', error: { code: first?.code ?? String(response.status), message: first?.message ?? `Amazon answered ${response.status}` } }
  }
  const answer = parseWire(AMAZON, amazonSubmissionWire, response.data, 'a patchListingsItem answer')
  if (answer.status !== 'INVALID') return { sku: item.sku, status: 'succeeded' }
  const errors = (answer.issues ?? []).filter((issue) => issue.severity === 'ERROR')
  const first = errors[0] ?? answer.issues?.[0]
  return { sku: item.sku, status: 'failed', error: { code: first?.code ?? 'INVALID', message: errors.map((e) => e.message).join('; ') || 'Amazon did not accept the submission' } }
}

export async function updateListings(ctx: Ctx, input: { items: InventoryItem[] }): Promise<InventorySubmission> {
  const items = requireInventoryIdentifier(input.items, 'sku', 'Amazon')
  const marketplace = marketplaceOf(ctx)
  const settled: InventoryItemReport[] = []
  for (const [index, item] of items.entries()) {
    try {
      settled.push(await patchOne(ctx, item, marketplace))
    } catch (error) {
      // Nothing patched yet: the request fails as a whole. Otherwise the patched SKUs must stay on the job.
      if (index === 0) throw error
      const code = error instanceof KopruError ? error.code : 'internal'
      const message = `not sent: ${error instanceof Error ? error.message : String(error)}`
      for (const rest of items.slice(index)) settled.push({ sku: rest.sku, status: 'failed', error: { code, message } })
      break
    }
  }
  return { refs: [], settled }
}

/** Every item settled at submission (patchListingsItem is synchronous): nothing is left to poll. */
export async function listingsJob(_ctx: Ctx, _input: { refs: unknown[] }): Promise<InventoryProgress> {
  return { status: 'completed', items: [] }
}
