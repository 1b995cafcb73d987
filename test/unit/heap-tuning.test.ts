import v8 from 'node:v8'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { givenNodeFlags, serverHeapFlags, tuneHeapForServer } from '../../src/node/heap-tuning.js'

describe('heap tuning of the Node server', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lets the old generation grow to twice what survived, not V8 default of up to 4x', () => {
    expect(serverHeapFlags([])).toEqual(['--heap-growing-percent=100'])
  })

  it("leaves an operator's own flag alone, spelt with dashes or underscores", () => {
    expect(serverHeapFlags(['--heap-growing-percent=50'])).toEqual([])
    expect(serverHeapFlags(['--heap_growing_percent=20', '--enable-source-maps'])).toEqual([])
    expect(serverHeapFlags(['--max-old-space-size=512'])).toEqual(['--heap-growing-percent=100'])
  })

  it("counts a flag given in NODE_OPTIONS as the operator's, beside the command line", () => {
    const given = givenNodeFlags({ NODE_OPTIONS: '--enable-source-maps  --heap-growing-percent=30' }, ['--inspect'])
    expect(given).toEqual(['--inspect', '--enable-source-maps', '--heap-growing-percent=30'])
    expect(serverHeapFlags(given)).toEqual([])
    expect(serverHeapFlags(givenNodeFlags({}, []))).toEqual(['--heap-growing-percent=100'])
  })

  it('hands the flags to V8 in this process', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {})
    expect(tuneHeapForServer([])).toEqual(['--heap-growing-percent=100'])
    expect(set).toHaveBeenCalledWith('--heap-growing-percent=100')
    set.mockClear()
    tuneHeapForServer(['--heap-growing-percent=10'])
    expect(set).not.toHaveBeenCalled()
  })
})
