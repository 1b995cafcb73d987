import { afterEach, describe, expect, it, vi } from 'vitest'
import { newRequestId } from '../../src/http/request-id.js'

describe('generated request ids', () => {
  afterEach(() => vi.useRealTimers())

  it('keep the documented shape: req_ and 32 lowercase hex digits', () => {
    for (let i = 0; i < 100; i++) expect(newRequestId()).toMatch(/^req_[0-9a-f]{32}$/)
  })

  it('sort by the time they were made, so the call log index on them grows at its end', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const ids: string[] = []
    for (const at of [Date.UTC(2026, 11, 3, 10, 0, 0, 1), Date.UTC(2026, 11, 3, 10, 0, 0, 2), Date.UTC(2027, 0, 1)]) {
      vi.setSystemTime(at)
      ids.push(newRequestId())
    }
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]!.slice(4, 16)).toBe(Date.UTC(2026, 11, 3, 10, 0, 0, 1).toString(16).padStart(12, '0'))
  })

  it('stay unique within one millisecond', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.UTC(2026, 11, 3))
    const ids = new Set(Array.from({ length: 10_000 }, newRequestId))
    expect(ids.size).toBe(10_000)
  })
})
