/** Products and variants over the GraphQL Admin API. */
import { KopruError, parsePageState, type ListInput, type Page } from '../../src/core/provider-kit/index.js'
import type { Product } from '../../src/models/index.js'
import { z } from 'zod'
import { graphql, type ShopifyCtx as Ctx, toGid } from './graphql.js'
import { productDataWire, productsDataWire } from './graphql-wire.js'
import { gqlToUnifiedProduct } from './graphql-mapping.js'
import { pageSizeWithinCost } from './orders.js'
import { PRODUCT_QUERY, PRODUCTS_QUERY } from './queries.js'

const cursorState = z.object({ a: z.string().min(1).max(1000) })
const shopOf = (ctx: Ctx) => String(ctx.connection.metadata.shop)
const currencyOf = (ctx: Ctx) => (typeof ctx.connection.metadata.currency === 'string' ? ctx.connection.metadata.currency : 'USD')

export async function listProducts(ctx: Ctx, input: ListInput): Promise<Page<Product>> {
  const state = parsePageState(cursorState, input.page)
  const { products } = await graphql(ctx, PRODUCTS_QUERY, { first: pageSizeWithinCost(PRODUCTS_QUERY, input.limit), after: state?.a ?? null }, productsDataWire)
  return {
    data: products.nodes.map((p) => gqlToUnifiedProduct(p, ctx.connection.id, shopOf(ctx), currencyOf(ctx), ctx.log)),
    next: products.pageInfo.hasNextPage && products.pageInfo.endCursor ? { a: products.pageInfo.endCursor } : null,
  }
}

export async function getProduct(ctx: Ctx, { id }: { id: string }): Promise<Product> {
  if (!/^\d{1,20}$/.test(id)) throw new KopruError('not_found', `Shopify has no product '${id}'`)
  const { product } = await graphql(ctx, PRODUCT_QUERY, { id: toGid('Product', id) }, productDataWire)
  if (!product) throw new KopruError('not_found', `Shopify has no product '${id}'`)
  return gqlToUnifiedProduct(product, ctx.connection.id, shopOf(ctx), currencyOf(ctx), ctx.log)
}
