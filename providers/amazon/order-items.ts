/** getOrderItems of Orders v0, followed over every NextToken page. */
import { KopruError, oauthTokensSchema, parseWire, type OperationContext } from '../../src/core/provider-kit/index.js'
import type { z } from 'zod'
import { amazonOrderItemsPageWire, type AmazonOrderItem } from './wire.js'

type Ctx = OperationContext<z.infer<typeof oauthTokensSchema>>
const AMAZON = { id: 'amazon', name: 'Amazon' }
/** getOrderItems pages (NextToken) kopru follows for one order before it gives up on the answer. */
const MAX_ITEM_PAGES = 50

/** getOrderItems pages with NextToken; an order's lines are all of its pages. */
export async function orderItems(ctx: Ctx, id: string): Promise<{ items: AmazonOrderItem[]; raw: unknown[] }> {
  const items: AmazonOrderItem[] = []
  const raw: unknown[] = []
  let next: string | undefined
  for (let page = 0; page < MAX_ITEM_PAGES; page++) {
    const response = await ctx.request({ path: `/orders/v0/orders/${id}/orderItems`, query: { NextToken: next }, quotaGroup: 'orderItems' })
    const { payload } = parseWire(AMAZON, amazonOrderItemsPageWire, response.data, 'a getOrderItems answer')
    items.push(...payload.OrderItems)
    raw.push(...(response.data as { payload: { OrderItems: unknown[] } }).payload.OrderItems)
    next = payload.NextToken || undefined
    if (!next) return { items, raw }
  }
  throw new KopruError('provider_error', `Amazon kept answering getOrderItems with a NextToken after ${MAX_ITEM_PAGES} pages`, {
    provider: { id: 'amazon' },
    errors: [{ path: 'payload.NextToken', message: `still present after ${MAX_ITEM_PAGES} pages` }],
  })
}

