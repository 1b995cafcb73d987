import { base64UrlToBytes, bytesToBase64Url, fromUtf8, utf8 } from './encoding.js'
import { KopruError } from './errors.js'
import { canonicalJson } from './idempotency.js'

/** The filters a list was asked with, in a form two equal queries share (keys sorted, unset ones dropped). */
export const filterFingerprint = (filters: Record<string, unknown> = {}) => canonicalJson(filters)

/**
 * Opaque list cursors: base64url JSON of the adapter's paging state, bound to the connection and to the
 * filters of the query that issued them — the state of one filter's pages means nothing under another.
 */
export function encodeCursor(connectionId: string, state: unknown, filters?: Record<string, unknown>): string | null {
  if (state === null || state === undefined) return null
  return bytesToBase64Url(utf8.encode(JSON.stringify({ c: connectionId, f: filterFingerprint(filters), s: state })))
}

export function decodeCursor(connectionId: string, cursor: string | undefined, filters?: Record<string, unknown>): unknown {
  if (cursor === undefined) return undefined
  let parsed: { c?: unknown; f?: unknown; s?: unknown } = {}
  try {
    parsed = JSON.parse(fromUtf8.decode(base64UrlToBytes(cursor))) as typeof parsed
  } catch {
    // falls through to the same answer as a cursor from elsewhere
  }
  if (parsed.c !== connectionId || parsed.s === undefined) {
    throw new KopruError('invalid_request', 'cursor is not one this connection issued', {
      errors: [{ path: 'query.cursor', message: 'pass next_cursor back unchanged, with the same connection' }],
    })
  }
  assertSameFilters(parsed.f, filters)
  return parsed.s
}

/** A cursor reused with other filters is refused, never silently applied to the wrong list. */
export function assertSameFilters(issuedFor: unknown, filters: Record<string, unknown> | undefined): void {
  if (issuedFor === filterFingerprint(filters)) return
  throw new KopruError('invalid_request', 'cursor was issued for a query with other filters', {
    errors: [{ path: 'query.cursor', message: 'repeat the filters of the query that returned this cursor, or drop the cursor' }],
  })
}
