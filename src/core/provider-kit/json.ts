/**
 * A JSON number written exactly as given, e.g. `1600.00`. Some providers check the literal's decimals
 * (n11: prices with exactly two), which `JSON.stringify(1600)` cannot express.
 */
export class JsonDecimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a decimal literal: ${text}`)
  }
}

/** `JSON.stringify` that writes `JsonDecimal` values as bare number literals. */
export function stringifyJson(value: unknown): string {
  const marker = `dec${crypto.randomUUID().replace(/-/g, '')}:`
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof JsonDecimal ? marker + item.text : item))
  return text.replace(new RegExp(`"${marker}(-?\\d+(?:\\.\\d+)?)"`, 'g'), '$1')
}
