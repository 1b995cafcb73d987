/**
 * DESIGN.md §4: status mappings are data (tables in mapping.ts), each row tested. The mapping tests live in one
 * place, `test/mapping/<provider>.test.ts`; this says what a provider's room lacks for that to hold.
 */

/** A provider's room: its id and its source files (repository-relative path -> text). */
export interface ProviderRoom {
  id: string
  files: Record<string, string>
}

/** Files of a room that hold no mapping tables: the simulator and its sample data. */
const notMapping = /\/(simulator[^/]*|fixtures)\.ts$/

/** Names of the tables (`export const <name>Table`) a room exports. */
export const exportedTables = (text: string): string[] => [...text.matchAll(/export const (\w+Table)\b/g)].map((match) => match[1]!)

/** What is missing: the mapping module, its test, the test's import of it, a mention of each exported table. */
export function missingMappingTests(room: ProviderRoom, testText: string | undefined): string[] {
  const mapping = `providers/${room.id}/mapping.ts`
  const test = `test/mapping/${room.id}.test.ts`
  if (!(mapping in room.files)) return [`${room.id}: no ${mapping}`]
  if (testText === undefined) return [`${room.id}: no ${test}`]
  const missing: string[] = []
  if (!testText.includes(`'../../providers/${room.id}/mapping.js'`)) missing.push(`${room.id}: ${test} does not import ${mapping}`)
  for (const [path, text] of Object.entries(room.files)) {
    if (notMapping.test(path)) continue
    for (const table of exportedTables(text)) {
      if (!new RegExp(`\\b${table}\\b`).test(testText)) missing.push(`${room.id}: ${test} never names ${table} (${path})`)
    }
  }
  return missing
}

/** Test files elsewhere whose name says they test a mapping (they belong under test/mapping/). */
export const strayMappingTests = (testFiles: readonly string[]): string[] =>
  testFiles.filter((path) => /(^|\/|[-_])mappings?\.test\.tsx?$/.test(path) && !path.startsWith('test/mapping/'))
