import { z } from 'zod'
import type { OAuthTokens } from './types.js'

/** The token set kopru stores for an OAuth connection (plus provider extras added with `.extend`). */
export const oauthTokensSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_at: z.string().optional(),
  refresh_token_expires_at: z.string().optional(),
  scope: z.string().optional(),
}) satisfies z.ZodType<OAuthTokens>

/** HMAC-SHA256 as lower-case hex through WebCrypto (Shopify signs its OAuth callbacks this way). */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
  return Array.from(signature, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Epoch seconds (Etsy, eBay legacy) -> ISO 8601 UTC. */
export const epochSecondsToIso = (seconds: number | null | undefined): string | null =>
  typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null
export { timingSafeEqual } from '../crypto.js'
export { bytesToBase64Url, base64UrlToBytes } from '../encoding.js'
