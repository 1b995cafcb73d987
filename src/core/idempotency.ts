import type { IdempotencyRepository } from '../db/idempotency.js'
import { bytesToHex } from './encoding.js'
import { KopruError } from './errors.js'

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000

export type Claim =
  /** This caller owns the key and must run the write; `resumed` when it took over an abandoned claim. */
  | { kind: 'owner'; resumed: boolean }
  /** The write already ran: answer exactly what was answered the first time. */
  | { kind: 'replay'; status: number; body: unknown }

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export async function sha256Hex(text: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))
}

export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/

/**
 * Tenant-scoped idempotency keys stored in the database. The claim is insert-first: the table's primary key on
 * (tenant, key) lets exactly one request — on any instance — own a key. An in-flight claim carries a lease
 * (`locked_until`); a claim whose owner died can be taken over once the lease ran out, by compare-and-set.
 */
export function createIdempotency({
  repository,
  leaseMs = 120_000,
  ttlMs = IDEMPOTENCY_TTL_MS,
  purgeEvery = 500,
  now = () => new Date(),
}: {
  repository: IdempotencyRepository
  leaseMs?: number
  ttlMs?: number
  purgeEvery?: number
  now?: () => Date
}) {
  let claims = 0
  return {
    async claim(input: { tenantId: string; key: string; operation: string; requestHash: string }): Promise<Claim> {
      const at = now()
      // Expired rows of other keys are swept now and then, off no one's critical path but this one's.
      if (++claims % purgeEvery === 0) await repository.purgeExpired(at)
      await repository.deleteExpired(input.tenantId, input.key, at)
      const inserted = await repository.insert({
        tenantId: input.tenantId,
        key: input.key,
        operation: input.operation,
        requestHash: input.requestHash,
        state: 'in_flight',
        lockedUntil: new Date(at.getTime() + leaseMs),
        createdAt: at,
        expiresAt: new Date(at.getTime() + ttlMs),
      })
      if (inserted) return { kind: 'owner', resumed: false }
      const row = await repository.get(input.tenantId, input.key)
      // Released or expired between our insert and read: the caller may simply try again.
      if (!row) throw new KopruError('conflict', 'a request with this Idempotency-Key just finished failing; retry it', { retryable: true })
      if (row.operation !== input.operation || row.requestHash !== input.requestHash) {
        throw new KopruError('idempotency_mismatch', 'this Idempotency-Key was already used with a different request', {
          errors: [{ path: 'header.Idempotency-Key', message: 'reuse a key only to retry the identical request' }],
        })
      }
      if (row.state === 'completed') return { kind: 'replay', status: row.responseStatus ?? 200, body: row.responseBody }
      if (row.lockedUntil.getTime() <= at.getTime()) {
        const taken = await repository.takeOver(input.tenantId, input.key, row.lockedUntil, new Date(at.getTime() + leaseMs))
        if (taken) return { kind: 'owner', resumed: true }
      }
      // The honest wait: the owner may still finish sooner, but a dead owner's claim frees only when its lease ends.
      const waitSeconds = Math.max(1, Math.ceil((row.lockedUntil.getTime() - at.getTime()) / 1000))
      throw new KopruError('conflict', 'a request with this Idempotency-Key is still in flight; retry after it finished', {
        retryable: true,
        headers: { 'Retry-After': String(waitSeconds) },
      })
    },
    complete: (tenantId: string, key: string, status: number, body: unknown) => repository.complete(tenantId, key, status, body),
    /** Gives the key back after a failure that created nothing, so the client can retry with it. */
    release: (tenantId: string, key: string) => repository.release(tenantId, key),
  }
}

export type Idempotency = ReturnType<typeof createIdempotency>

export interface StoredAnswer {
  status: number
  body: unknown
  replayed: boolean
}

/**
 * Runs a write at most once per (tenant, key): a replay answers the stored answer; the owner runs `write`
 * (told whether it took over an abandoned claim, whose first owner may have reached the provider). A failure
 * releases the key so the client can retry; once `write` answered, the answer is stored for every retry.
 */
export async function runExactlyOnce(
  idempotency: Idempotency,
  input: { tenantId: string; key: string; operation: string; requestHash: string; onReleaseError(error: Error): void },
  write: (claim: { resumed: boolean }) => Promise<{ status: number; body: unknown }>,
): Promise<StoredAnswer> {
  const { tenantId, key } = input
  const claim = await idempotency.claim(input)
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true }
  let answer: { status: number; body: unknown }
  try {
    answer = await write({ resumed: claim.resumed })
  } catch (error) {
    await idempotency.release(tenantId, key).catch(input.onReleaseError)
    throw error
  }
  // From here the write happened and is stored: should completing the key fail, the claim is not released but
  // left to lapse, and the retry that takes it over finds the stored result.
  await idempotency.complete(tenantId, key, answer.status, answer.body)
  return { ...answer, replayed: false }
}
