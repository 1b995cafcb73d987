/**
 * src/db/memfs-growth.ts on PGlite's own in-memory file system: a file extended by `ftruncate` (what PostgreSQL's
 * `posix_fallocate` becomes) keeps its bytes, reads zeros where it grew, and is reallocated a logarithmic number of
 * times instead of once per extension; shrinking and growing again never shows old bytes.
 */
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memfsGrowthSource } from '../../src/db/memfs-growth.js'
import { initdbImage } from '../helpers/db.js'

type Node = { contents: Uint8Array; usedBytes: number }
let pg: PGlite
let FS: any

beforeAll(async () => {
  pg = await PGlite.create('memory://', { loadDataDir: new Blob([(await initdbImage()) as Uint8Array<ArrayBuffer>]) })
  const patch = new Function(`${memfsGrowthSource}; return amortizeMemfsGrowth`)() as (memfs: unknown) => boolean
  expect(patch(pg.Module.MEMFS)).toBe(true)
  FS = pg.Module.FS
})
afterAll(() => pg.close())

const open = (path: string) => {
  const stream = FS.open(path, 'w+')
  return { fd: stream.fd as number, node: () => FS.lookupPath(path).node as Node, close: () => FS.close(stream) }
}

describe('MEMFS growth by ftruncate', () => {
  it('reallocates a file extended 8 kB at a time a logarithmic number of times', () => {
    const file = open('/tmp/grow-many')
    let arrays = 0
    let last: Uint8Array | undefined
    for (let i = 1; i <= 1000; i++) {
      FS.ftruncate(file.fd, i * 8192)
      if (file.node().contents !== last) arrays++
      last = file.node().contents
    }
    expect(file.node().usedBytes).toBe(1000 * 8192)
    expect(FS.stat('/tmp/grow-many').size).toBe(1000 * 8192)
    // Exact reallocation made 1000 arrays (one per extension, each a copy of the whole file).
    expect(arrays).toBeLessThan(40)
    file.close()
  })

  it('copies a file written block by block past its end about twice, not eight times (MEMFS grew by ×1.125)', () => {
    const file = open('/tmp/append-many')
    const stream = FS.getStream(file.fd)
    const block = new Uint8Array(8192).fill(7)
    let copied = 0
    let last: Uint8Array | undefined
    for (let i = 0; i < 4000; i++) {
      const before = file.node().usedBytes
      FS.write(stream, block, 0, block.length, i * 8192)
      if (last && file.node().contents !== last) copied += before
      last = file.node().contents
    }
    const size = 4000 * 8192
    expect(file.node().usedBytes).toBe(size)
    expect(copied).toBeLessThan(3 * size)
    expect(file.node().contents.length).toBeLessThanOrEqual(1.5 * size + 8192)
    const bytes = FS.readFile('/tmp/append-many') as Uint8Array
    expect(bytes.every((b) => b === 7)).toBe(true)
    file.close()
  })

  it('reads zeros in a hole written past the end', () => {
    const file = open('/tmp/hole')
    const stream = FS.getStream(file.fd)
    FS.write(stream, new Uint8Array([1]), 0, 1, 0)
    FS.write(stream, new Uint8Array([2]), 0, 1, 3_000_000)
    const bytes = FS.readFile('/tmp/hole') as Uint8Array
    expect(bytes.length).toBe(3_000_001)
    expect(bytes[0]).toBe(1)
    expect(bytes[3_000_000]).toBe(2)
    expect(bytes.subarray(1, 3_000_000).every((b) => b === 0)).toBe(true)
    file.close()
  })

  it('keeps the bytes written and reads zeros where the file grew', () => {
    const file = open('/tmp/grow-keep')
    FS.write(FS.getStream(file.fd), new Uint8Array([1, 2, 3, 4, 5]), 0, 5, 0)
    FS.ftruncate(file.fd, 20_000)
    const bytes = FS.readFile('/tmp/grow-keep') as Uint8Array
    expect(bytes.length).toBe(20_000)
    expect([...bytes.subarray(0, 5)]).toEqual([1, 2, 3, 4, 5])
    expect(bytes.subarray(5).every((b) => b === 0)).toBe(true)
    file.close()
  })

  it('shrinks exactly, and growing again shows zeros, not the bytes cut off', () => {
    const file = open('/tmp/shrink-grow')
    FS.write(FS.getStream(file.fd), new Uint8Array(4096).fill(9), 0, 4096, 0)
    FS.ftruncate(file.fd, 100)
    expect(FS.stat('/tmp/shrink-grow').size).toBe(100)
    FS.ftruncate(file.fd, 4096)
    const bytes = FS.readFile('/tmp/shrink-grow') as Uint8Array
    expect(bytes.subarray(0, 100).every((b) => b === 9)).toBe(true)
    expect(bytes.subarray(100).every((b) => b === 0)).toBe(true)
    file.close()
  })
})
