import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))

/** Every TypeScript file below `dir` (relative to the repository root), as repository-relative paths. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(root, full))
    }
  }
  walk(join(root, dir))
  return out.sort()
}

export const readSource = (path: string) => readFileSync(join(root, path), 'utf8')
