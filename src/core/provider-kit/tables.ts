import type { Logger } from '../logger.js'

const reported = new Set<string>()

/**
 * A provider value -> unified value table. Unknown provider values map to `fallback` and are logged once
 * per (table, value) with the provider's value, never thrown.
 */
export function lookupTable<K extends string, V>(name: string, rows: Record<K, V>, fallback: V) {
  return (providerValue: string | null | undefined, log?: Logger): V => {
    if (providerValue != null && Object.hasOwn(rows, providerValue)) return rows[providerValue as K]
    const key = `${name}:${providerValue}`
    // Only a value actually logged counts as reported (a mapping called without a logger reports nothing).
    if (log && !reported.has(key)) {
      reported.add(key)
      log.warn('unknown provider value mapped to fallback', { table: name, value: providerValue ?? null, fallback })
    }
    return fallback
  }
}

/** A table's own entry for a provider's value, never one of Object's (`constructor`, `__proto__`, `toString`). */
export function ownEntry<V>(rows: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(rows, key) ? rows[key] : undefined
}
