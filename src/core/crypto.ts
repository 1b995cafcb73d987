/**
 * Secrets at rest: AES-256-GCM through WebCrypto. Envelope `v1.<keyId>.<iv>.<ciphertext>` (base64url),
 * so keys can rotate: the first key of the keyring encrypts, every key decrypts.
 */
import { base64ToBytes, base64UrlToBytes, bytesToBase64Url, bytesToHex, fromUtf8, utf8 } from './encoding.js'

export interface Keyring {
  encrypt(plaintext: string): Promise<string>
  decrypt(envelope: string): Promise<string>
  readonly primaryKeyId: string
}

export async function sha256Hex(value: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(value))))
}

async function keyIdOf(raw: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw as BufferSource))).slice(0, 8)
}

export function parseKeyList(value: string): Uint8Array[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const raw = base64ToBytes(part)
      if (raw.length !== 32) throw new Error('KOPRU_ENCRYPTION_KEY entries must be base64 of exactly 32 bytes')
      return raw
    })
}

export function generateKeyBase64(): string {
  const raw = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...raw))
}

export async function createKeyring(rawKeys: Uint8Array[]): Promise<Keyring> {
  if (rawKeys.length === 0) throw new Error('at least one encryption key is required')
  const keys = new Map<string, CryptoKey>()
  const ids: string[] = []
  for (const raw of rawKeys) {
    const id = await keyIdOf(raw)
    ids.push(id)
    keys.set(id, await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']))
  }
  const primaryKeyId = ids[0]!
  const primary = keys.get(primaryKeyId)!

  return {
    primaryKeyId,
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8.encode(primaryKeyId) },
        primary,
        utf8.encode(plaintext),
      )
      return `v1.${primaryKeyId}.${bytesToBase64Url(iv)}.${bytesToBase64Url(new Uint8Array(sealed))}`
    },
    async decrypt(envelope) {
      const [version, keyId, iv, data] = envelope.split('.')
      if (version !== 'v1' || !keyId || !iv || !data) throw new Error('unrecognized secret envelope')
      const key = keys.get(keyId)
      if (!key) throw new Error(`no decryption key with id ${keyId} in KOPRU_ENCRYPTION_KEY`)
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: base64UrlToBytes(iv) as BufferSource, additionalData: utf8.encode(keyId) },
        key,
        base64UrlToBytes(data) as BufferSource,
      )
      return fromUtf8.decode(plain)
    },
  }
}

/** Constant-time comparison of two strings (for signatures and keys). */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = utf8.encode(a)
  const right = utf8.encode(b)
  let diff = left.length ^ right.length
  const length = Math.max(left.length, right.length)
  for (let i = 0; i < length; i++) diff |= (left[i % left.length] ?? 0) ^ (right[i % right.length] ?? 0)
  return diff === 0
}
