/** Absolute path of drizzle/, resolved lazily so bundlers for the edge never touch it. */
export function migrationsFolder(): string {
  return fileUrlPath(new URL('../../drizzle', import.meta.url))
}

/**
 * A file: URL's path without node:url (this module is in the Worker bundle too): percent-decoded, and on Windows
 * without the slash before the drive letter (`file:///C:/app/…` is `C:/app/…`, not `/C:/app/…`).
 */
export function fileUrlPath(url: URL): string {
  const path = decodeURIComponent(url.pathname)
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path
}
