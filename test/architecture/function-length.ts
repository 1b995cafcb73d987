import ts from 'typescript'

export interface LongFunction {
  name: string
  line: number
  lines: number
}

const nameOf = (node: ts.Node, source: ts.SourceFile): string => {
  const named = node as ts.Node & { name?: ts.Node }
  if (named.name) return named.name.getText(source)
  const parent = node.parent
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) ) return parent.name.getText(source)
  return '(anonymous)'
}

/** Functions (declarations, expressions, arrows, methods) whose text spans more than `max` lines, nested ones included. */
export function longFunctions(path: string, text: string, max: number): LongFunction[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: LongFunction[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      if (end - start + 1 > max) found.push({ name: nameOf(node, source), line: start + 1, lines: end - start + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
