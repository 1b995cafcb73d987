/**
 * The base of links kopru hands out (reconnect links in `connection_needs_reauth`): KOPRU_PUBLIC_URL, or — when
 * unset — the base requests arrive on, which the HTTP layer reports through `observe`.
 */
export function createLinks(publicUrl: string | (() => string | undefined) | undefined) {
  const configured = typeof publicUrl === 'string' ? publicUrl.replace(/\/+$/, '') : undefined
  let observed = configured ?? 'http://127.0.0.1:8787'
  return {
    configured,
    base: () => observed,
    observe(base: string) {
      if (!configured) observed = base
    },
  }
}

export type Links = ReturnType<typeof createLinks>
