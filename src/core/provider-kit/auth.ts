import { bytesToBase64, utf8 } from '../encoding.js'

const ascii = /^[\x00-\x7f]*$/

/**
 * `Basic base64(utf8(user:password))`. Made on every call (no process-wide cache of secrets); an ASCII pair,
 * the usual case, is its own UTF-8, so `btoa` encodes it without the TextEncoder round trip.
 */
export function basicAuthorization(user: string, password: string): string {
  const pair = `${user}:${password}`
  return `Basic ${ascii.test(pair) ? btoa(pair) : bytesToBase64(utf8.encode(pair))}`
}
