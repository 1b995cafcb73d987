/** Listings through filterProducts (GET /integration/product/sellers/{sellerId}/products). */
import { z } from 'zod'
import { KopruError, parsePageState, type ListInput, type Page } from '../../src/core/provider-kit/index.js'
import type { Product } from '../../src/models/index.js'
import { readAnswer, sellerPath, type Ctx } from './context.js'
import { toUnifiedProduct } from './mapping.js'
import { trendyolProductPage } from './wire.js'

/** Trendyol page number and size; the size is pinned on the first call so pages never shift. */
const pageState = z.object({ p: z.number().int().min(0), z: z.number().int().min(1).max(200) })

async function filterProducts(ctx: Ctx, query: Record<string, string | number>) {
  const response = await ctx.request({ path: `${sellerPath(ctx, 'product')}/products`, query, quotaGroup: 'products' })
  const body = readAnswer(trendyolProductPage, response)
  // The listings as Trendyol sent them (each product's `raw`), beside the parsed ones.
  return { ...body, sent: (response.data as { content: unknown[] }).content }
}

export async function listProducts(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const state = parsePageState(pageState, input.page) ?? { p: 0, z: input.limit }
  const body = await filterProducts(ctx, { page: state.p, size: state.z })
  const data = body.content.map((product, i) => toUnifiedProduct(product, ctx.connection.id, ctx.log, body.sent[i]))
  const more = state.p + 1 < body.totalPages && body.content.length > 0
  return { data, next: more ? { p: state.p + 1, z: state.z } : null }
}

/** A listing by barcode: the only unique key filterProducts can be asked for. */
export async function getProduct(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  const body = await filterProducts(ctx, { barcode: id, page: 0, size: 1 })
  const index = body.content.findIndex((candidate) => candidate.barcode === id)
  if (index < 0) throw new KopruError('not_found', `Trendyol has no listing with barcode '${id}'`)
  return toUnifiedProduct(body.content[index]!, ctx.connection.id, ctx.log, body.sent[index])
}
