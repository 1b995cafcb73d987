const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Random base62 string from WebCrypto; 22 characters carry ~131 bits. */
export function randomToken(length = 22): string {
  let out = ''
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      // 248 is the largest multiple of 62 below 256: rejecting above it keeps the draw uniform.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62]
    }
  }
  return out
}

export const newId = (prefix: string): string => `${prefix}_${randomToken(20)}`
