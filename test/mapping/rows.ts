import { expect } from 'vitest'

/** Every row of a mapping table, with the expected value written out (not read back from the table). */
export function everyRow<T>(table: Record<string, T>, map: (value: string) => T, expected: Record<string, T>) {
  expect(Object.keys(expected).sort()).toEqual(Object.keys(table).sort())
  for (const [value, want] of Object.entries(expected)) expect(map(value), value).toEqual(want)
}
