import { z } from 'zod'
import type { Order } from '../../models/order.js'
import { unifiedOrderFilter } from './orders.js'
import { parsePageState } from './page-state.js'
import type { ListOrdersInput, Page } from './types.js'

/**
 * Paging state of a walk over date windows, newest window first, in the provider's own epoch millis:
 * `e` the current window's end, `s` the overall lower bound, `p` the provider page inside the window,
 * `z` its page size and `o` the offset of the next row in that page.
 */
export interface WindowedPageState {
  e: number
  s: number
  p: number
  z: number
  o: number
}

const windowedPageState = z.object({
  e: z.number().int(),
  s: z.number().int(),
  p: z.number().int().min(0),
  z: z.number().int().min(1).max(1000),
  o: z.number().int().min(0),
})

export interface DateWindowWalk<Row, Item> {
  /** The decoded cursor (`ListInput.page`), or undefined for the first page. */
  page: unknown
  /** The overall range of the first page, in the provider's epoch millis (inclusive). */
  range: { from: number; to: number }
  /** The widest window the provider serves, in millis (inclusive ends, so usually `days × 86 400 000 − 1`). */
  windowMs: number
  /** Provider page size to ask for (already capped to the provider's maximum). */
  pageSize: number
  /** Items wanted in this unified page. */
  limit: number
  /** Upstream calls one unified page may spend (empty windows, rows filtered out). */
  maxCalls: number
  fetch(window: { start: number; end: number; page: number; size: number }): Promise<{ rows: Row[]; totalPages: number }>
  toItem(row: Row): Item
  /** Filters the provider cannot apply itself. */
  keep?(item: Item): boolean
}

/**
 * Walks date windows backwards (providers that refuse or silently clamp wide ranges) and the provider's
 * pages inside each window. The first call pins the overall range, so orders arriving meanwhile never
 * shift the pages; the returned `next` resumes exactly after the last row handed out.
 */
export async function walkDateWindows<Row, Item>(walk: DateWindowWalk<Row, Item>): Promise<Page<Item>> {
  let state: WindowedPageState | null = parsePageState(windowedPageState, walk.page) ?? {
    e: walk.range.to,
    s: walk.range.from,
    p: 0,
    z: walk.pageSize,
    o: 0,
  }
  const data: Item[] = []
  for (let calls = 0; state && data.length < walk.limit && calls < walk.maxCalls; calls++) {
    const windowStart: number = Math.max(state.s, state.e - walk.windowMs)
    if (windowStart > state.e) {
      state = null
      break
    }
    const { rows, totalPages } = await walk.fetch({ start: windowStart, end: state.e, page: state.p, size: state.z })
    let row: number = state.o
    for (; row < rows.length && data.length < walk.limit; row++) {
      const item = walk.toItem(rows[row]!)
      if (!walk.keep || walk.keep(item)) data.push(item)
    }
    if (row < rows.length) state = { ...state, o: row }
    else if (rows.length > 0 && state.p + 1 < totalPages) state = { ...state, p: state.p + 1, o: 0 }
    else if (windowStart > state.s) state = { e: windowStart - 1, s: state.s, p: 0, z: walk.pageSize, o: 0 }
    else state = null
  }
  return { data, next: state }
}

/** A marketplace's shipment-package list (n11, Trendyol) walked in date windows. */
export interface PackageWindowList<Row> {
  input: ListOrdersInput
  /** The overall range, in the provider's epoch millis. */
  range: { from: number; to: number }
  windowMs: number
  pageSize: number
  maxCalls: number
  /** The provider statuses that cover the unified `status` filter, when there is one. */
  statuses?: readonly string[]
  fetch(query: { startDate: number; endDate: number; page: number; size: number; status?: string }): Promise<{ content: Row[]; totalPages: number }>
  toOrder(row: Row): Order
}

/**
 * Packages by `startDate`/`endDate` window, newest first, as unified orders. The provider takes one status per
 * request, so a unified status that covers several provider statuses is filtered here instead (as are the
 * unified filters the provider cannot apply).
 */
export function listPackagesByWindow<Row>(list: PackageWindowList<Row>): Promise<Page<Order>> {
  const status = list.statuses?.length === 1 ? list.statuses[0] : undefined
  return walkDateWindows({
    page: list.input.page,
    range: list.range,
    windowMs: list.windowMs,
    pageSize: list.pageSize,
    limit: list.input.limit,
    maxCalls: list.maxCalls,
    async fetch({ start, end, page, size }) {
      const body = await list.fetch({ startDate: start, endDate: end, page, size, status })
      return { rows: body.content, totalPages: body.totalPages }
    },
    toItem: (row) => list.toOrder(row),
    keep: unifiedOrderFilter(list.input),
  })
}
