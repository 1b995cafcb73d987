/** Where the gateway is reachable, as seen by this request (used when KOPRU_PUBLIC_URL is unset). */
export function requestBase(url: string): string {
  const parsed = new URL(url)
  const at = ['/v1/', '/connect/', '/connect', '/admin/'].map((marker) => parsed.pathname.indexOf(marker)).filter((i) => i >= 0)
  return parsed.origin + parsed.pathname.slice(0, at.length ? Math.min(...at) : 0)
}
