/** drizzle writes to the `connections` table object, or raw SQL writing the table. */
const writes = [
  /\.(insert|update|delete)\(\s*(connections|connectionsTable|schema\.connections)\s*\)/,
  /\b(insert\s+into|update|delete\s+from)\s+"?connections"?\b(?!\s*\.)/i,
]

/** The lines of `text` that write the connections table. */
export function connectionWrites(path: string, text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => writes.some((pattern) => pattern.test(line)))
    .map(({ n, line }) => `${path}:${n} ${line.trim()}`)
}
