export interface RetryOptions {
  /** Extra attempts after the first, for calls that are safe to repeat. */
  retries?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** A `Retry-After` longer than this is not waited out; the caller gets the error and the header. */
  maxRetryAfterMs?: number
  random?: () => number
}

export const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Answers worth another try when repeating is safe: throttled, or a gateway in front of the provider failed. */
export const retryableStatus = (status: number) => status === 408 || status === 429 || status === 502 || status === 503 || status === 504

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffMs(attempt: number, { baseDelayMs = 200, maxDelayMs = 5_000, random = Math.random }: RetryOptions = {}): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt))
}

/**
 * True when the failure happened before the request could reach the provider (no connection was made),
 * so even a non-idempotent write may be sent again.
 */
export function neverReachedProvider(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return true
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}
