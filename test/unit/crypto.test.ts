import { describe, expect, it } from 'vitest'
import { createKeyring, parseKeyList, sha256Hex, timingSafeEqual } from '../../src/core/crypto.js'

const keyA = new Uint8Array(32).fill(1)
const keyB = new Uint8Array(32).fill(2)

describe('secret envelopes (AES-256-GCM)', () => {
  it('round-trips and never contains the plaintext', async () => {
    const ring = await createKeyring([keyA])
    const sealed = await ring.encrypt('{"api_secret":"s3cr3t"}')
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(sealed).not.toContain('s3cr3t')
    expect(await ring.decrypt(sealed)).toBe('{"api_secret":"s3cr3t"}')
  })

  it('uses a fresh IV each time', async () => {
    const ring = await createKeyring([keyA])
    expect(await ring.encrypt('same')).not.toBe(await ring.encrypt('same'))
  })

  it('rotates: the new first key encrypts, the old key still decrypts', async () => {
    const old = await createKeyring([keyA])
    const sealedWithOld = await old.encrypt('before rotation')
    const rotated = await createKeyring([keyB, keyA])
    expect(await rotated.decrypt(sealedWithOld)).toBe('before rotation')
    const sealedWithNew = await rotated.encrypt('after')
    expect(sealedWithNew.split('.')[1]).toBe(rotated.primaryKeyId)
    expect(rotated.primaryKeyId).not.toBe(old.primaryKeyId)
    await expect(old.decrypt(sealedWithNew)).rejects.toThrow(/no decryption key/)
  })

  it('detects tampering', async () => {
    const ring = await createKeyring([keyA])
    const sealed = await ring.encrypt('payload')
    const parts = sealed.split('.')
    const data = parts[3]!
    parts[3] = (data[0] === 'A' ? 'B' : 'A') + data.slice(1)
    await expect(ring.decrypt(parts.join('.'))).rejects.toThrow()
  })

  it('parses comma-separated base64 keys and refuses wrong sizes', () => {
    const a = btoa(String.fromCharCode(...keyA))
    const b = btoa(String.fromCharCode(...keyB))
    expect(parseKeyList(`${a}, ${b}`)).toHaveLength(2)
    expect(() => parseKeyList(btoa('short'))).toThrow(/32 bytes/)
  })
})

describe('hashing and comparison', () => {
  it('sha256Hex matches the known vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
  it('timingSafeEqual compares whole strings', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abc', 'abd')).toBe(false)
    expect(timingSafeEqual('abc', 'abcd')).toBe(false)
    expect(timingSafeEqual('', '')).toBe(true)
    expect(timingSafeEqual('', 'a')).toBe(false)
  })
})
