/**
 * products.list/get on eBay through Sell Inventory getInventoryItems (limit ≤ 200, offset) and
 * getInventoryItem/{sku}: a product is a seller inventory item keyed by SKU. Its price lives on the SKU's
 * offers (not read here), so `price` is null.
 */
import { z } from 'zod'
import { KopruError, parsePageState, parseWire, type ListInput, type OperationContext, type Page } from '../../src/core/provider-kit/index.js'
import type { Product } from '../../src/models/index.js'
import { ebayInventoryItemWire, ebayInventoryItemsWire, type EbayInventoryItemRead } from './wire.js'

const EBAY = { id: 'ebay', name: 'eBay' }
const offsetState = z.object({ o: z.number().int().min(0) })

export function toUnifiedProduct(item: EbayInventoryItemRead, connectionId: string, raw: unknown = item): Product {
  return {
    id: item.sku,
    provider: 'ebay',
    connection_id: connectionId,
    sku: item.sku,
    barcode: item.product?.ean?.[0] ?? item.product?.upc?.[0] ?? null,
    title: item.product?.title ?? item.sku,
    brand: item.product?.brand ?? null,
    category: null,
    price: null,
    list_price: null,
    quantity: item.availability?.shipToLocationAvailability?.quantity ?? null,
    status: 'active',
    provider_status: item.condition ?? null,
    url: null,
    images: item.product?.imageUrls ?? [],
    attributes: {},
    updated_at: null,
    raw,
  }
}

export async function listEbayProducts<C>(ctx: OperationContext<C>, input: ListInput): Promise<Page<Product>> {
  const offset = parsePageState(offsetState, input.page)?.o ?? 0
  const response = await ctx.request({ path: '/sell/inventory/v1/inventory_item', query: { limit: Math.min(input.limit, 200), offset } })
  const page = parseWire(EBAY, ebayInventoryItemsWire, response.data, 'a getInventoryItems answer')
  const items = page.inventoryItems ?? []
  const raws = (response.data as { inventoryItems?: unknown[] }).inventoryItems ?? []
  return { data: items.map((item, i) => toUnifiedProduct(item, ctx.connection.id, raws[i])), next: page.next && items.length > 0 ? { o: offset + items.length } : null }
}

export async function getEbayProduct<C>(ctx: OperationContext<C>, { id }: { id: string }): Promise<Product> {
  // eBay SKUs: up to 50 characters, alphanumeric.
  if (!/^[0-9A-Za-z._-]{1,50}$/.test(id)) throw new KopruError('not_found', `eBay has no inventory item '${id}'`)
  const response = await ctx.request({ path: `/sell/inventory/v1/inventory_item/${encodeURIComponent(id)}` })
  return toUnifiedProduct(parseWire(EBAY, ebayInventoryItemWire, response.data, 'a getInventoryItem answer'), ctx.connection.id, response.data)
}
