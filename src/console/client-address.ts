import type { Context } from 'hono'

/**
 * The address a console request came from. With `clientIpHeader` (KOPRU_CLIENT_IP_HEADER: the operator says a
 * proxy in front of kopru sets it, e.g. `cf-connecting-ip` at Cloudflare, `x-real-ip` behind nginx), that
 * header's last entry, the one the trusted proxy appended. Otherwise the connection's remote address on Node
 * (@hono/node-server's `incoming` socket, read without importing Node). Neither: `unknown`, one shared bucket.
 */
export function clientAddressOf(c: Context, clientIpHeader: string | undefined): string {
  if (clientIpHeader) {
    const entry = c.req.header(clientIpHeader)?.split(',').pop()?.trim()
    if (entry) return entry.slice(0, 64)
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming
  const remote = incoming?.socket?.remoteAddress
  return typeof remote === 'string' && remote ? remote : 'unknown'
}
