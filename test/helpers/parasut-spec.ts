/**
 * Paraşüt's "Paraşüt - API V4" document (test/fixtures/specs/parasut/swagger.yaml, kept verbatim) for the
 * spec checker. Four of its definitions are not valid JSON Schema and ajv refuses the whole document; they are
 * mended in memory as the document evidently means them (listed in test/fixtures/specs/parasut/README.md):
 * `CompanyAttributes.logo` and `ProfileAttributes.avatar` are a one-element list of a schema (→ that schema),
 * `SalesInvoiceAttributes.e_document_accounts.items` has `type: Number` (→ `number`), and
 * `StockUpdateDetailAttributes.old_total_inventory` has `required: true` on a property (→ dropped). One more is
 * valid but says something else than it means: `EArchiveFormAttributes.internet_sale.payment_date` has
 * `pattern: YYYY-MM-DD` (a regex matching only those letters) beside `format: date` (→ the pattern dropped).
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { loadSpec } from './spec-check.js'

type Json = Record<string, any>

export function repairParasutDocument(document: Json) {
  const definitions = document.definitions as Json
  for (const [model, property] of [
    ['CompanyAttributes', 'logo'],
    ['ProfileAttributes', 'avatar'],
  ] as const) {
    const value = definitions[model].properties[property]
    if (Array.isArray(value)) definitions[model].properties[property] = value[0]
  }
  const accounts = definitions.SalesInvoiceAttributes.properties.e_document_accounts.items
  if (accounts.type === 'Number') accounts.type = 'number'
  const inventory = definitions.StockUpdateDetailAttributes.properties.old_total_inventory
  if (inventory.required === true) delete inventory.required
  const paymentDate = definitions.EArchiveFormAttributes.allOf[1].properties.internet_sale.properties.payment_date
  if (paymentDate.pattern === 'YYYY-MM-DD') delete paymentDate.pattern
}

/** The checker for Paraşüt: bodies as sent (no type coercion), no undeclared or readOnly body properties. */
export const parasutSpec = () => loadSpec('parasut/swagger.yaml', { undeclared: true, exact: true, repair: repairParasutDocument })

/**
 * The document lists the values of `include`, `sort` and some filters only in their descriptions
 * ("*Available: id, issue_date, …*"): a recorded request's values (a `-` sort prefix aside) must be among them.
 */
export function unavailableValues(request: { method: string; url: string }): string[] {
  const url = new URL(request.url)
  const operation = availableLists().find((entry) => entry.method === request.method && entry.regex.test(url.pathname))
  if (!operation) return []
  return [...url.searchParams.entries()].flatMap(([name, value]) => {
    const available = operation.lists[name]
    if (!available) return []
    return value
      .split(',')
      .map((item) => (name === 'sort' ? item.trim().replace(/^-/, '') : item.trim()))
      .filter((item) => !available.includes(item))
      .map((item) => `${request.method} ${operation.template}: ${name}=${item} is not among the document's "Available: ${available.join(', ')}"`)
  })
}

let lists: { method: string; template: string; regex: RegExp; lists: Record<string, string[]> }[] | undefined
function availableLists() {
  if (lists) return lists
  const document = parse(readFileSync(new URL('../fixtures/specs/parasut/swagger.yaml', import.meta.url), 'utf8')) as Json
  lists = Object.entries(document.paths as Json).flatMap(([template, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      regex: new RegExp(`^${document.basePath}${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      lists: Object.fromEntries(
        ((op as Json).parameters ?? [])
          .map((p: Json) => [p.name, /Available: \*?([^*]+)\*/.exec(p.description ?? '')?.[1]] as const)
          .filter((entry: readonly [string, string | undefined]) => entry[1])
          .map(([name, text]: readonly [string, string]) => [name, text.split(',').map((value) => value.trim())]),
      ),
    })),
  )
  return lists
}
