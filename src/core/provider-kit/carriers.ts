import { KopruError } from '../errors.js'

/**
 * A marketplace's carrier codes: unified carrier id (`yurtici`, `aras`, `mng`, …) -> the code the marketplace's
 * fulfillment API takes. `ownCodes` are further codes the marketplace documents that a caller may send as they
 * are (matched case-insensitively); anything else is a 400 naming `body.carrier` with the accepted ids.
 * `passThrough` lets unknown values through unchanged, for marketplaces that take free-text carrier names.
 */
export interface CarrierCodes<Code extends string> {
  readonly ids: readonly string[]
  /** The marketplace code for a unified id or one of its own codes. */
  toProvider(carrier: string): Code | string
  /** The unified id of a marketplace code or display name, or null when none maps to it. */
  toUnified(code: string | null | undefined): string | null
}

export function carrierCodeTable<Code extends string>(
  providerName: string,
  rows: Readonly<Record<string, Code>>,
  options: {
    ownCodes?: readonly string[]
    /** Display names the marketplace shows for its codes (read back by `toUnified`). */
    names?: Readonly<Partial<Record<Code, string>>>
    /** Further names -> unified id, e.g. a carrier's former name still on older orders. */
    aliases?: Readonly<Record<string, string>>
    passThrough?: boolean
  } = {},
): CarrierCodes<Code> {
  const ids = Object.keys(rows)
  const own = new Map([...Object.values(rows), ...(options.ownCodes ?? [])].map((code) => [code.toUpperCase(), code]))
  const unifiedOf = new Map<string, string>()
  // The first id listed for a code is its unified id (e.g. mng before dhl_ecommerce for Trendyol's DHLECOMMP).
  for (const [id, code] of Object.entries(rows)) {
    for (const key of [code, options.names?.[code]]) if (key && !unifiedOf.has(key.toUpperCase())) unifiedOf.set(key.toUpperCase(), id)
  }
  for (const [name, id] of Object.entries(options.aliases ?? {})) unifiedOf.set(name.toUpperCase(), id)
  return {
    ids,
    toProvider(carrier) {
      const value = carrier.trim()
      const id = value.toLowerCase()
      if (Object.hasOwn(rows, id)) return rows[id]!
      const code = own.get(value.toUpperCase())
      if (code) return code
      if (options.passThrough) return value
      throw new KopruError('invalid_request', `${providerName} offers no carrier '${carrier}'`, {
        errors: [{ path: 'body.carrier', message: `one of: ${ids.join(', ')} (or ${providerName}'s own code: ${[...own.values()].join(', ')})` }],
      })
    },
    toUnified(code) {
      if (!code) return null
      return unifiedOf.get(code.trim().toUpperCase()) ?? null
    },
  }
}
