/**
 * Shopify's calculated query cost (shopify.dev "GraphQL Admin API rate limits", Cost calculation): a scalar or
 * enum costs 0, an object 1, a connection 2 plus `first` times the cost of one node, a list with `first`
 * `first` times its item, and a mutation 10. The requested cost assumes every page is full; the actual cost
 * counts what came back. kopru needs the requested cost before it sends (to reserve it in the quota), so it
 * computes it from the query text the way Shopify does; the simulator reports both.
 */

export interface Selection {
  name: string
  args: Record<string, string>
  children: Selection[]
}

const token = /\s*([A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[{}():!,\[\]=]|\.\.\.)/y

function tokenize(text: string): string[] {
  const out: string[] = []
  token.lastIndex = 0
  while (token.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(token.lastIndex))) break
    const match = token.exec(text)
    if (!match) throw new SyntaxError(`unexpected GraphQL text at ${token.lastIndex}`)
    out.push(match[1]!)
  }
  return out
}

/** The operation's kind, name and top-level selections (no fragments: kopru writes its queries inline). */
export function parseOperation(text: string): { kind: 'query' | 'mutation'; name: string | null; selections: Selection[] } {
  const tokens = tokenize(text)
  let at = 0
  const kind = tokens[0] === 'mutation' ? 'mutation' : 'query'
  if (tokens[0] === 'query' || tokens[0] === 'mutation') at++
  const name = tokens[at] && /^[A-Za-z_]/.test(tokens[at]!) ? tokens[at++]! : null
  if (tokens[at] === '(') at = skipParens(tokens, at)
  const [selections, end] = parseSet(tokens, at)
  if (end !== tokens.length) throw new SyntaxError('trailing GraphQL text')
  return { kind, name, selections }
}

function skipParens(tokens: string[], at: number): number {
  let depth = 0
  do {
    if (tokens[at] === '(') depth++
    else if (tokens[at] === ')') depth--
    at++
  } while (depth > 0 && at < tokens.length)
  return at
}

function parseSet(tokens: string[], at: number): [Selection[], number] {
  if (tokens[at] !== '{') throw new SyntaxError('expected {')
  at++
  const out: Selection[] = []
  while (tokens[at] !== '}') {
    if (at >= tokens.length) throw new SyntaxError('unclosed {')
    let name = tokens[at++]!
    if (tokens[at] === ':') name = tokens[(at += 2) - 1]!
    const args: Record<string, string> = {}
    if (tokens[at] === '(') {
      const end = skipParens(tokens, at)
      for (let i = at + 1; i < end - 1; i++) if (tokens[i + 1] === ':' && /^[A-Za-z_]/.test(tokens[i]!)) args[tokens[i]!] = tokens[i + 2]!
      at = end
    }
    let children: Selection[] = []
    if (tokens[at] === '{') [children, at] = parseSet(tokens, at)
    out.push({ name, args, children })
  }
  return [out, at + 1]
}

const firstOf = (field: Selection, variables: Record<string, unknown>): number | undefined => {
  const raw = field.args.first
  if (raw === undefined) return undefined
  const value = raw.startsWith('$') ? variables[raw.slice(1)] : Number(raw)
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

const connectionParts = new Set(['nodes', 'edges'])

function fieldCost(field: Selection, variables: Record<string, unknown>): number {
  if (field.children.length === 0) return 0
  const first = firstOf(field, variables)
  const inner = field.children.reduce((sum, child) => sum + fieldCost(child, variables), 0)
  if (first === undefined) return 1 + inner
  if (field.children.some((child) => connectionParts.has(child.name))) {
    const node = field.children.filter((child) => connectionParts.has(child.name)).reduce((sum, child) => sum + fieldCost(child, variables), 0)
    return 2 + first * node
  }
  return first * (1 + inner)
}

/** What Shopify will ask for in points before running the operation. */
export function requestedQueryCost(query: string, variables: Record<string, unknown> = {}): number {
  const operation = parseOperation(query)
  if (operation.kind === 'mutation') return 10 * operation.selections.length
  return operation.selections.reduce((sum, field) => sum + fieldCost(field, variables), 0)
}

/** What the answer actually cost: connections and lists counted by what they returned. */
export function actualQueryCost(query: string, data: unknown): number {
  const operation = parseOperation(query)
  if (operation.kind === 'mutation') return 10 * operation.selections.length
  const walk = (fields: Selection[], value: unknown): number => {
    if (value === null || typeof value !== 'object') return 0
    const object = value as Record<string, unknown>
    return fields.reduce((sum, field) => {
      const child = object[field.name]
      if (field.children.length === 0 || child === null || child === undefined) return sum
      if (Array.isArray(child)) return sum + child.reduce<number>((s, item) => s + 1 + walk(field.children, item), 0)
      // A connection's own 2 points cover its pageInfo, as in the requested cost.
      const parts = field.children.filter((c) => connectionParts.has(c.name))
      return sum + (parts.length > 0 ? 2 + walk(parts, child) : 1 + walk(field.children, child))
    }, 0)
  }
  return walk(operation.selections, data)
}
