import { LRUCache } from 'lru-cache'

/**
 * Failed console sign-ins, counted per client address and per tenant key prefix in fixed windows. Over either
 * limit, sign-in is refused without looking at the key until the window ends. Successes are neither counted nor
 * slowed. State lives in the instance the console was built with (per process on Node, per isolate at the edge).
 */
export interface SignInLimits {
  /** Failures one client address may make per window (default 10). */
  perAddress: number
  /** Failures with one tenant key prefix (`kpr_live_abcd`), from any address, per window (default 30). */
  perKeyPrefix: number
  windowMs: number
}

export const defaultSignInLimits: SignInLimits = { perAddress: 10, perKeyPrefix: 30, windowMs: 15 * 60_000 }

/** What a sign-in attempt is counted under. */
export interface SignInSubject {
  address: string
  key: string
}

interface Window {
  failures: number
  endsAt: number
}

/** The first 13 characters of a tenant key (`kpr_live_` and four of its own), as `keyPrefix` stores them. */
export const keyPrefixOf = (key: string) => (key.startsWith('kpr_live_') ? key.slice(0, 13) : undefined)

export function createSignInThrottle({ now = Date.now, limits = defaultSignInLimits }: { now?: () => number; limits?: SignInLimits } = {}) {
  // Bounded: a flood of addresses evicts the oldest windows rather than growing without end.
  const windows = new LRUCache<string, Window>({ max: 20_000 })
  const bucketsOf = ({ address, key }: SignInSubject): [string, number][] => {
    const prefix = keyPrefixOf(key.trim())
    return prefix ? [[`a:${address}`, limits.perAddress], [`k:${prefix}`, limits.perKeyPrefix]] : [[`a:${address}`, limits.perAddress]]
  }
  const current = (bucket: string): Window | undefined => {
    const window = windows.get(bucket)
    if (window && window.endsAt <= now()) {
      windows.delete(bucket)
      return undefined
    }
    return window
  }
  return {
    /** Seconds until this subject may try again, or undefined when it may try now. */
    retryAfter(subject: SignInSubject): number | undefined {
      let waitMs = 0
      for (const [bucket, limit] of bucketsOf(subject)) {
        const window = current(bucket)
        if (window && window.failures >= limit) waitMs = Math.max(waitMs, window.endsAt - now())
      }
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : undefined
    },
    failed(subject: SignInSubject) {
      for (const [bucket] of bucketsOf(subject)) {
        const window = current(bucket)
        if (window) window.failures++
        else windows.set(bucket, { failures: 1, endsAt: now() + limits.windowMs })
      }
    },
  }
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>
