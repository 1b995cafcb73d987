import { encodeCursor } from '../core/cursor.js'

/** `raw` is opt-in (`?include=raw`): strip it from every unified object otherwise. */
export function withRaw<T extends { raw?: unknown }>(item: T, include: string | undefined): T {
  if (include === 'raw') return item
  const { raw: _raw, ...rest } = item
  return rest as T
}

export function pageResponse<T extends { raw?: unknown }>(
  connectionId: string,
  page: { data: T[]; next: unknown },
  include: string | undefined,
  filters?: Record<string, unknown>,
) {
  return {
    data: page.data.map((item) => withRaw(item, include)),
    next_cursor: encodeCursor(connectionId, page.next, filters),
  }
}
