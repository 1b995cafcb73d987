import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'

describe('KOPRU_QUOTA_OVERRIDES', () => {
  it('reads per-provider, per-group overrides from JSON', () => {
    const config = loadConfig({ KOPRU_QUOTA_OVERRIDES: '{"trendyol":{"orders":{"limit":10,"intervalMs":1000}}}' })
    expect(config.KOPRU_QUOTA_OVERRIDES).toEqual({ trendyol: { orders: { limit: 10, intervalMs: 1000 } } })
    expect(loadConfig({}).KOPRU_QUOTA_OVERRIDES).toBeUndefined()
  })

  it('refuses what is not JSON or not a quota, naming the variable', () => {
    expect(() => loadConfig({ KOPRU_QUOTA_OVERRIDES: '{trendyol' })).toThrow(/KOPRU_QUOTA_OVERRIDES: must be JSON/)
    expect(() => loadConfig({ KOPRU_QUOTA_OVERRIDES: '{"trendyol":{"orders":{"limit":0,"intervalMs":1000}}}' })).toThrow(/KOPRU_QUOTA_OVERRIDES/)
  })
})
