import { describe, expect, it } from 'vitest'
import { longFunctions } from './function-length.js'
import { readSource, sourceFiles } from './source-files.js'

const MAX_LINES = 80

describe('short modules', () => {
  it(`no function in src/ spans more than ${MAX_LINES} lines`, () => {
    const offenders = sourceFiles('src').flatMap((path) =>
      longFunctions(path, readSource(path), MAX_LINES).map((f) => `${path}:${f.line} ${f.name} (${f.lines} lines)`),
    )
    expect(offenders).toEqual([])
  })

  it('the check sees a long function, a long arrow and a long method', () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const v${i} = ${i}`).join('\n')
    const text = `function a() {\n${body}\n}\nconst b = () => {\n${body}\n}\nconst o = { m() {\n${body}\n} }\nfunction short() { return 1 }\n`
    expect(longFunctions('x.ts', text, MAX_LINES).map((f) => f.name)).toEqual(['a', 'b', 'm'])
  })
})
