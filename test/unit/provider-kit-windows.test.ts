import { describe, expect, it } from 'vitest'
import { JsonDecimal, parseProviderTime, stringifyJson, walkDateWindows } from '../../src/core/provider-kit/index.js'

const DAY = 86_400_000

/** A fake provider: rows at given times, windows served newest first in pages. */
function fakeProvider(times: number[]) {
  const calls: { start: number; end: number; page: number; size: number }[] = []
  return {
    calls,
    async fetch(window: { start: number; end: number; page: number; size: number }) {
      calls.push(window)
      const rows = times.filter((t) => t >= window.start && t <= window.end).sort((a, b) => b - a)
      return { rows: rows.slice(window.page * window.size, window.page * window.size + window.size), totalPages: Math.ceil(rows.length / window.size) }
    },
  }
}

describe('walkDateWindows', () => {
  const times = [1, 2, 3, 11, 12, 25, 26, 27, 28, 29].map((d) => d * DAY)
  const walk = (provider: ReturnType<typeof fakeProvider>, page: unknown, limit: number, keep?: (t: number) => boolean) =>
    walkDateWindows({
      page,
      range: { from: 0, to: 30 * DAY },
      windowMs: 10 * DAY - 1,
      pageSize: 2,
      limit,
      maxCalls: 10,
      fetch: provider.fetch,
      toItem: (t: number) => t / DAY,
      keep,
    })

  it('hands out every row exactly once, newest window first, across pages and windows', async () => {
    const provider = fakeProvider(times)
    const seen: number[] = []
    let page: unknown
    for (let i = 0; i < 20; i++) {
      const result = await walk(provider, page, 3)
      seen.push(...result.data)
      page = result.next
      if (!page) break
      page = JSON.parse(JSON.stringify(page))
    }
    expect(seen).toEqual([29, 28, 27, 26, 25, 12, 11, 3, 2, 1])
    expect(provider.calls.every((call) => call.end - call.start <= 10 * DAY - 1)).toBe(true)
  })

  it('applies the filter without losing the place, and stops on the lower bound', async () => {
    const provider = fakeProvider(times)
    const result = await walk(provider, undefined, 50, (t) => t % 2 === 1)
    expect(result.data).toEqual([29, 27, 25, 11, 3, 1])
    expect(result.next).toBeNull()
  })

  it('refuses a forged cursor', async () => {
    await expect(walk(fakeProvider(times), { e: 'x' }, 3)).rejects.toMatchObject({ code: 'invalid_request' })
  })
})

describe('stringifyJson', () => {
  it('writes JsonDecimal as bare literals and everything else like JSON.stringify', () => {
    expect(stringifyJson({ a: new JsonDecimal('1600.00'), b: [new JsonDecimal('-0.50')], c: 'x"y', d: 1 })).toBe('{"a":1600.00,"b":[-0.50],"c":"x\\"y","d":1}')
    expect(() => new JsonDecimal('1e5')).toThrow(RangeError)
  })
})

describe('dd-MM-yyyy HH:mm:ss (n11 task details)', () => {
  it('reads Istanbul wall-clock time', () => {
    expect(parseProviderTime('20-11-2026 21:30:00')?.toISOString()).toBe('2026-11-20T18:30:00.000Z')
  })
})
