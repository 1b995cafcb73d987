/** Absolute path of drizzle/, resolved lazily so bundlers for the edge never touch it. */
export function migrationsFolder(): string {
  const url = new URL('../../drizzle', import.meta.url)
  return decodeURIComponent(url.pathname)
}
