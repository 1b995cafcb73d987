import { describe, expect, it } from 'vitest'
import { assertUniqueSkus, deriveJobStatus, initialItems, mergeProgress } from '../../src/core/inventory-jobs.js'
import { chunk, submitInBatches } from '../../src/core/provider-kit/index.js'
import { KopruError } from '../../src/core/errors.js'

const fail = (sku: string, message = 'no') => ({ sku, barcode: null, status: 'failed' as const, error: { code: null, message } })
const item = (sku: string, status: 'pending' | 'succeeded') => ({ sku, barcode: null, status })

describe('inventory job machinery', () => {
  it('starts with every submitted SKU once, settled ones as the provider said, in request order', () => {
    const items = initialItems(
      [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 1 }, { sku: 'c', quantity: 1 }],
      [fail('c', 'too big'), { sku: 'zz', status: 'succeeded' }, fail('c', 'second answer ignored')],
    )
    expect(items).toEqual([item('a', 'pending'), item('b', 'pending'), fail('c', 'too big')])
  })

  it('merges a poll: settled items never change, unknown SKUs are ignored, missing ones fail once the provider is done', () => {
    const items = [item('a', 'pending'), item('b', 'pending'), fail('c')]
    const partial = mergeProgress(items, { status: 'processing', items: [{ sku: 'a', status: 'succeeded' }, { sku: 'c', status: 'succeeded' }, { sku: 'x', status: 'succeeded' }] })
    expect(partial).toEqual([item('a', 'succeeded'), item('b', 'pending'), fail('c')])
    expect(deriveJobStatus(partial)).toBe('processing')
    const done = mergeProgress(partial, { status: 'completed', items: [] })
    expect(done[1]).toMatchObject({ sku: 'b', status: 'failed', error: { code: 'no_result' } })
    expect(deriveJobStatus(done)).toBe('partially_failed')
  })

  it('gives a failed item without a reason a generic one', () => {
    const merged = mergeProgress([item('a', 'pending')], { status: 'completed', items: [{ sku: 'a', status: 'failed' }] })
    expect(merged).toEqual([{ sku: 'a', barcode: null, status: 'failed', error: { code: null, message: 'the provider refused this item without a reason' } }])
  })

  it('derives the job status from its items', () => {
    expect(deriveJobStatus([item('a', 'succeeded')])).toBe('completed')
    expect(deriveJobStatus([fail('a'), fail('b')])).toBe('failed')
    expect(deriveJobStatus([fail('a'), item('b', 'succeeded')])).toBe('partially_failed')
    expect(deriveJobStatus([fail('a'), item('b', 'pending')])).toBe('processing')
  })

  it('refuses duplicate SKUs with the path of each repeat', () => {
    expect(() => assertUniqueSkus([{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 1 }])).not.toThrow()
    expect(() => assertUniqueSkus([{ sku: 'a', quantity: 1 }, { sku: 'a', quantity: 1 }])).toThrow(KopruError)
    expect(() => assertUniqueSkus([{ barcode: 'a', quantity: 1 }, { sku: 'a', quantity: 1 }])).not.toThrow()
    try {
      assertUniqueSkus([{ barcode: 'x', sku: 'a', quantity: 1 }, { barcode: 'x', sku: 'b', quantity: 1 }])
      expect.unreachable()
    } catch (error) {
      expect((error as KopruError).errors).toEqual([{ path: 'body.items.1.barcode', message: "'x' is already at items.0" }])
    }
  })

  it('matches provider reports by barcode or by sku and shows the request item with both identifiers', () => {
    const submitted = [{ sku: 'S1', barcode: 'B1', quantity: 1 }, { barcode: 'B2', quantity: 1 }, { sku: 'S3', quantity: 1 }]
    const start = initialItems(submitted, [{ barcode: 'B2', status: 'failed', error: { code: 'x', message: 'refused' } }])
    expect(start).toEqual([
      { sku: 'S1', barcode: 'B1', status: 'pending' },
      { sku: null, barcode: 'B2', status: 'failed', error: { code: 'x', message: 'refused' } },
      { sku: 'S3', barcode: null, status: 'pending' },
    ])
    const merged = mergeProgress(start, { status: 'completed', items: [{ barcode: 'B1', status: 'succeeded' }, { sku: 'S3', status: 'succeeded' }, { barcode: 'S3', status: 'failed' }] })
    expect(merged).toEqual([
      { sku: 'S1', barcode: 'B1', status: 'succeeded' },
      start[1],
      { sku: 'S3', barcode: null, status: 'succeeded' },
    ])
  })

  it('chunks to the provider limit and settles a later refused batch as failed', async () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(() => chunk([1], 0)).toThrow(RangeError)
    const items = Array.from({ length: 5 }, (_, i) => ({ sku: `s${i}` }))
    let call = 0
    const submission = await submitInBatches(items, 2, async (batch) => {
      if (++call === 2) throw new KopruError('provider_unavailable', 'down', { provider: { id: 'p', code: 'maintenance' } })
      return batch.map((item) => item.sku).join(',')
    })
    expect(submission.refs).toEqual(['s0,s1', 's4'])
    expect(submission.settled).toEqual([
      { sku: 's2', barcode: null, status: 'failed', error: { code: 'maintenance', message: 'down' } },
      { sku: 's3', barcode: null, status: 'failed', error: { code: 'maintenance', message: 'down' } },
    ])
    await expect(submitInBatches(items, 2, async () => Promise.reject(new Error('first')))).rejects.toThrow('first')
  })
})
