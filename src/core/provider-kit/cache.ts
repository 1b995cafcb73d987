/**
 * A small in-process cache for what adapters fetch and reuse (session tokens, reference lists): entries expire,
 * concurrent loads of one key share a single call (single flight), and a failed load is not cached.
 */
export function createLoadingCache<V>({ max = 1000, defaultTtlMs = 3600_000, now = () => Date.now() } = {}) {
  const entries = new Map<string, { value: V; expiresAt: number }>()
  const loading = new Map<string, Promise<V>>()
  return {
    async get(key: string, load: () => Promise<{ value: V; expiresAt?: number }>): Promise<V> {
      const hit = entries.get(key)
      if (hit && hit.expiresAt > now()) return hit.value
      const pending = loading.get(key)
      if (pending) return pending
      const promise = load()
        .then(({ value, expiresAt }) => {
          if (entries.size >= max) entries.delete(entries.keys().next().value!)
          entries.set(key, { value, expiresAt: expiresAt ?? now() + defaultTtlMs })
          return value
        })
        .finally(() => loading.delete(key))
      loading.set(key, promise)
      return promise
    },
    /** Drops `key` — only if it still holds `value`, when given (another caller may have refreshed it already). */
    delete(key: string, value?: V) {
      if (value === undefined || entries.get(key)?.value === value) entries.delete(key)
    },
  }
}

/** A comparison key for Turkish place names: Turkish-aware lower case, diacritics folded ("İSTANBUL" = "istanbul", "Kadikoy" = "Kadıköy"). */
export function turkishKey(name: string): string {
  return name
    .trim()
    .toLocaleLowerCase('tr')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
}
