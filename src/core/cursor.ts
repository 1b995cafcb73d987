import { base64UrlToBytes, bytesToBase64Url, fromUtf8, utf8 } from './encoding.js'
import { KopruError } from './errors.js'

/** Opaque list cursors: base64url JSON of the adapter's paging state, bound to the connection. */
export function encodeCursor(connectionId: string, state: unknown): string | null {
  if (state === null || state === undefined) return null
  return bytesToBase64Url(utf8.encode(JSON.stringify({ c: connectionId, s: state })))
}

export function decodeCursor(connectionId: string, cursor: string | undefined): unknown {
  if (cursor === undefined) return undefined
  try {
    const parsed = JSON.parse(fromUtf8.decode(base64UrlToBytes(cursor))) as { c?: unknown; s?: unknown }
    if (parsed.c === connectionId && parsed.s !== undefined) return parsed.s
  } catch {
    // falls through to the same answer as a cursor from elsewhere
  }
  throw new KopruError('invalid_request', 'cursor is not one this connection issued', {
    errors: [{ path: 'cursor', message: 'pass next_cursor back unchanged, with the same connection' }],
  })
}
