/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-signature: v1,<base64 HMAC-SHA256>`
 * over `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the base64-decoded part of `whsec_<base64>`.
 */
import { base64ToBytes, bytesToBase64, utf8 } from '../encoding.js'

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export const generateWebhookSecret = (): string => `whsec_${bytesToBase64(crypto.getRandomValues(new Uint8Array(32)))}`

export function secretKeyBytes(secret: string): Uint8Array {
  if (!secret.startsWith('whsec_')) throw new Error('webhook secrets start with whsec_')
  return base64ToBytes(secret.slice('whsec_'.length))
}

export async function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretKeyBytes(secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(`${id}.${timestampSeconds}.${body}`))
  return `v1,${bytesToBase64(new Uint8Array(mac))}`
}

/** The three headers of one delivery attempt. */
export async function webhookHeaders(secret: string, id: string, timestampSeconds: number, body: string): Promise<Record<string, string>> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': await signWebhook(secret, id, timestampSeconds, body),
  }
}
