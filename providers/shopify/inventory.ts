/**
 * Stock and prices over the GraphQL Admin API: SKUs are resolved to variants (`productVariants` with the
 * `sku:` search), quantities set with `inventorySetQuantities` (name `available`, at most 250 quantities per
 * call) at the connection's location, prices with `productVariantsBulkUpdate` per product. Shopify answers
 * synchronously, so every item is settled when the job is created.
 */
import { chunk, isKopruError, type InventorySubmission } from '../../src/core/provider-kit/index.js'
import type { InventoryItem as UnifiedItem, InventoryItemReport as InventoryItemResult } from '../../src/models/index.js'
import { graphql, payloadOf, type ShopifyCtx as Ctx, toGid } from './graphql.js'
import { inventorySetWire, shopDataWire, variantsBulkUpdateWire, variantsBySkuWire } from './graphql-wire.js'
import { INVENTORY_SET_MUTATION, SHOP_QUERY, VARIANTS_BULK_UPDATE_MUTATION, VARIANTS_BY_SKU_QUERY } from './queries.js'

interface Variant { id: string; productId: string; inventoryItemId: string }
/** Shopify keys stock by the variant's SKU. */
type InventoryItem = UnifiedItem & { sku: string }

const SKUS_PER_LOOKUP = 50
const QUANTITIES_PER_CALL = 250

/** A SKU as a quoted term of Shopify's search syntax. */
const skuTerm = (sku: string) => `sku:"${sku.replace(/["\\]/g, (c) => `\\${c}`)}"`

async function variantsBySku(ctx: Ctx, skus: string[]): Promise<Map<string, Variant>> {
  const found = new Map<string, Variant>()
  for (const batch of chunk(skus, SKUS_PER_LOOKUP)) {
    const { productVariants } = await graphql(ctx, VARIANTS_BY_SKU_QUERY, { first: batch.length, query: batch.map(skuTerm).join(' OR ') }, variantsBySkuWire)
    for (const node of productVariants.nodes) {
      // The search is a prefix/token match: only exact SKUs count.
      if (node.sku && batch.includes(node.sku) && !found.has(node.sku)) found.set(node.sku, { id: node.id, productId: node.product.id, inventoryItemId: node.inventoryItem.id })
    }
  }
  return found
}

/** The connection's `location_id` setting, else the shop's primary location (kept at connect time). */
export async function locationOf(ctx: Ctx): Promise<string> {
  const chosen = ctx.connection.settings.location_id ?? ctx.connection.metadata.location_id
  if (typeof chosen === 'string' && /^\d{1,20}$/.test(chosen)) return toGid('Location', chosen)
  if (typeof chosen === 'string' && chosen.startsWith('gid://shopify/Location/')) return chosen
  const { location } = await graphql(ctx, SHOP_QUERY, {}, shopDataWire)
  if (!location) throw new Error('Shopify reported no primary location')
  return location.id
}

const failed = (sku: string, code: string | null, message: string): InventoryItemResult => ({ sku, status: 'failed', error: { code, message } })
const reasonOf = (error: unknown) => (isKopruError(error) ? { code: error.provider?.code ?? error.code, message: error.message } : { code: 'internal', message: 'unexpected failure' })

/** `userErrors[].field` like `["input", "quantities", "3", "quantity"]` -> 3. */
const indexIn = (field: string[] | null | undefined, list: string) => {
  const at = field?.indexOf(list) ?? -1
  const index = at >= 0 ? Number(field![at + 1]) : NaN
  return Number.isInteger(index) ? index : undefined
}

async function setQuantities(ctx: Ctx, rows: { item: InventoryItem; variant: Variant }[], locationId: string): Promise<InventoryItemResult[]> {
  const results: InventoryItemResult[] = []
  for (const batch of chunk(rows, QUANTITIES_PER_CALL)) {
    const input = {
      name: 'available',
      reason: 'correction',
      ignoreCompareQuantity: true,
      quantities: batch.map(({ item, variant }) => ({ inventoryItemId: variant.inventoryItemId, locationId, quantity: item.quantity })),
    }
    try {
      const payload = payloadOf('inventorySetQuantities', (await graphql(ctx, INVENTORY_SET_MUTATION, { input }, inventorySetWire, 'inventory.update')).inventorySetQuantities)
      const byIndex = new Map(payload.userErrors.map((e) => [indexIn(e.field, 'quantities'), e]))
      // Shopify applies the whole call or none of it: one refused quantity fails its batch.
      for (const [index, { item }] of batch.entries()) {
        const own = byIndex.get(index)
        const any = payload.userErrors[0]
        results.push(own ? failed(item.sku, own.code ?? null, own.message) : any ? failed(item.sku, any.code ?? null, `not applied: Shopify refused the batch (${any.message})`) : { sku: item.sku, status: 'succeeded' })
      }
    } catch (error) {
      const { code, message } = reasonOf(error)
      for (const { item } of batch) results.push(failed(item.sku, code, message))
    }
  }
  return results
}

async function setPrices(ctx: Ctx, rows: { item: InventoryItem; variant: Variant }[]): Promise<InventoryItemResult[]> {
  const byProduct = new Map<string, typeof rows>()
  for (const row of rows) byProduct.set(row.variant.productId, [...(byProduct.get(row.variant.productId) ?? []), row])
  const results: InventoryItemResult[] = []
  for (const [productId, group] of byProduct) {
    const variants = group.map(({ item, variant }) => ({ id: variant.id, ...(item.price ? { price: item.price } : {}), ...(item.list_price ? { compareAtPrice: item.list_price } : {}) }))
    try {
      const payload = payloadOf('productVariantsBulkUpdate', (await graphql(ctx, VARIANTS_BULK_UPDATE_MUTATION, { productId, variants }, variantsBulkUpdateWire, 'inventory.update')).productVariantsBulkUpdate)
      for (const [index, { item }] of group.entries()) {
        const own = payload.userErrors.find((e) => indexIn(e.field, 'variants') === index) ?? payload.userErrors.find((e) => indexIn(e.field, 'variants') === undefined)
        results.push(own ? failed(item.sku, own.code ?? null, own.message) : { sku: item.sku, status: 'succeeded' })
      }
    } catch (error) {
      const { code, message } = reasonOf(error)
      for (const { item } of group) results.push(failed(item.sku, code, message))
    }
  }
  return results
}

/** One result per SKU: failed if either its price or its stock update failed. */
function merge(items: InventoryItem[], ...parts: InventoryItemResult[][]): InventoryItemResult[] {
  const bySku = new Map<string, InventoryItemResult>()
  for (const result of parts.flat()) if (result.sku && bySku.get(result.sku)?.status !== 'failed') bySku.set(result.sku, result)
  return items.map((item) => bySku.get(item.sku) ?? failed(item.sku, 'internal', 'no result'))
}

export async function updateInventory(ctx: Ctx, input: { items: UnifiedItem[] }): Promise<InventorySubmission> {
  const items = input.items.filter((item): item is InventoryItem => item.sku !== undefined)
  const barcodeOnly = input.items
    .filter((item) => item.sku === undefined)
    .map((item) => ({ barcode: item.barcode ?? null, status: 'failed' as const, error: { code: 'invalid_request', message: 'Shopify keys stock and prices by SKU: give the variant\'s sku' } }))
  if (items.length === 0) return { refs: [], settled: barcodeOnly }
  const variants = await variantsBySku(ctx, [...new Set(items.map((item) => item.sku))])
  const unknown = items.filter((item) => !variants.has(item.sku)).map((item) => failed(item.sku, 'not_found', `Shopify has no variant with SKU '${item.sku}'`))
  const known = items.flatMap((item) => (variants.has(item.sku) ? [{ item, variant: variants.get(item.sku)! }] : []))
  const stock = known.filter(({ item }) => item.quantity !== undefined)
  const prices = known.filter(({ item }) => item.price !== undefined || item.list_price !== undefined)
  const quantities = stock.length ? await setQuantities(ctx, stock, await locationOf(ctx)) : []
  return { refs: [], settled: [...merge(items, unknown, quantities, await setPrices(ctx, prices)), ...barcodeOnly] }
}

export const inventoryJob = async () => ({ status: 'completed' as const, items: [] })
