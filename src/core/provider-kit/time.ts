/**
 * Turkey has kept UTC+3 all year since 2016, so Istanbul wall-clock times convert with a fixed offset.
 */
export const ISTANBUL_OFFSET_MINUTES = 180

/** Epoch millis that encode a wall-clock time *as if* it were UTC (a common Turkish API quirk) -> real instant. */
export const localEpochToUtc = (millis: number, offsetMinutes = ISTANBUL_OFFSET_MINUTES): Date =>
  new Date(millis - offsetMinutes * 60_000)

/** The inverse: a real instant -> epoch millis of its wall-clock time read as UTC. */
export const utcToLocalEpoch = (date: Date, offsetMinutes = ISTANBUL_OFFSET_MINUTES): number =>
  date.getTime() + offsetMinutes * 60_000

type Part = 'y' | 'M' | 'd' | 'h' | 'm' | 's' | 'f'

const localPatterns: { regex: RegExp; order: Part[] }[] = [
  // 2026-11-20T21:30:00, 2026-11-20 21:30:00(.735) — Hepsiburada sends milliseconds
  { regex: /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/, order: ['y', 'M', 'd', 'h', 'm', 's', 'f'] },
  // 20.11.2026 21:30:00, 20-11-2026 21:30:00 (n11 task details)
  { regex: /^(\d{2})[.-](\d{2})[.-](\d{4})(?: (\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?$/, order: ['d', 'M', 'y', 'h', 'm', 's', 'f'] },
  // 20261120213000 / 20261120
  { regex: /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/, order: ['y', 'M', 'd', 'h', 'm', 's'] },
]

/** Fraction digits -> whole milliseconds (`.7` = 700, `.735` = 735, `.7351234` = 735). */
const millisOf = (digits: string): number => Number(digits.padEnd(3, '0').slice(0, 3))

/**
 * A provider timestamp -> UTC Date, fractions of a second kept (to the millisecond). Strings with an explicit
 * offset or `Z` are honored; strings without one are read as local time at `offsetMinutes`. Returns null for
 * what is not a timestamp (including impossible dates such as 31.02).
 */
export function parseProviderTime(value: string | null | undefined, offsetMinutes = ISTANBUL_OFFSET_MINUTES): Date | null {
  if (!value) return null
  const text = value.trim()
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) && text.includes('T')) {
    const date = new Date(text)
    return Number.isNaN(date.getTime()) ? null : date
  }
  for (const { regex, order } of localPatterns) {
    const match = regex.exec(text)
    if (!match) continue
    const parts: Record<Part, number> = { y: 0, M: 1, d: 1, h: 0, m: 0, s: 0, f: 0 }
    order.forEach((key, i) => {
      const part = match[i + 1]
      if (part !== undefined) parts[key] = key === 'f' ? millisOf(part) : Number(part)
    })
    if (!isWallClock(parts)) return null
    const utc = Date.UTC(parts.y, parts.M - 1, parts.d, parts.h, parts.m, parts.s, parts.f) - offsetMinutes * 60_000
    return Number.isNaN(utc) ? null : new Date(utc)
  }
  return null
}

/** A real calendar date and time of day: Date.UTC would silently roll month 13 or hour 25 over. */
function isWallClock({ y, M, d, h, m, s }: { y: number; M: number; d: number; h: number; m: number; s: number }): boolean {
  const days = new Date(Date.UTC(y, M, 0)).getUTCDate()
  return y >= 1900 && y <= 9999 && M >= 1 && M <= 12 && d >= 1 && d <= days && h <= 23 && m <= 59 && s <= 59
}

export const isoOrNull = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null)
