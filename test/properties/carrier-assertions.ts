import { expect } from 'vitest'
import { isKopruError } from '../../src/core/provider-kit/index.js'

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Runs a mapping on generated data: it may refuse with a KopruError, never with anything else. */
export function mapsOrRefuses<T>(run: () => T): T | undefined {
  try {
    return run()
  } catch (error) {
    if (!isKopruError(error)) throw error
    expect(error.code).toBe('provider_error')
    return undefined
  }
}

/** Every timestamp of a unified shipment / tracker is ISO 8601 UTC with `Z`. */
export function expectUtcTimes(value: { created_at?: string; tracking?: unknown } | Record<string, unknown>) {
  const times: string[] = []
  const walk = (node: unknown, key = '') => {
    if (Array.isArray(node)) node.forEach((item) => walk(item))
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k)
    else if (typeof node === 'string' && /(_at|estimated_delivery)$/.test(key)) times.push(node)
  }
  walk(value)
  for (const time of times) {
    expect(time).toMatch(ISO_UTC)
    expect(new Date(time).toISOString()).toBe(time)
  }
}
