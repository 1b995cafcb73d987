import { describe, expect, it } from 'vitest'
import { carrierCodeTable, KopruError } from '../../src/core/provider-kit/index.js'

describe('carrierCodeTable (provider-kit, for every marketplace adapter)', () => {
  const table = carrierCodeTable('Shop', { yurtici: 'YK', mng: 'DHLE', dhl_ecommerce: 'DHLE' }, { ownCodes: ['XPRESS'], names: { YK: 'Yurtiçi Kargo' }, aliases: { 'MNG Kargo': 'mng' } })

  it('maps unified ids and the marketplace own codes, case- and space-insensitively', () => {
    expect(table.toProvider('yurtici')).toBe('YK')
    expect(table.toProvider(' MNG ')).toBe('DHLE')
    expect(table.toProvider('dhl_ecommerce')).toBe('DHLE')
    expect(table.toProvider('xpress')).toBe('XPRESS')
    expect(table.toProvider('yk')).toBe('YK')
  })

  it('reads codes, display names and aliases back; the first id listed wins for a shared code', () => {
    expect(table.toUnified('DHLE')).toBe('mng')
    expect(table.toUnified('yurtiçi kargo')).toBe('yurtici')
    expect(table.toUnified('MNG Kargo')).toBe('mng')
    expect(table.toUnified(null)).toBeNull()
    expect(table.toUnified('??')).toBeNull()
  })

  it('refuses an unknown carrier with a 400 on body.carrier listing what works, unless told to pass through', () => {
    try {
      table.toProvider('fedex')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(KopruError)
      expect((error as KopruError).code).toBe('invalid_request')
      expect((error as KopruError).errors).toEqual([{ path: 'body.carrier', message: "one of: yurtici, mng, dhl_ecommerce (or Shop's own code: YK, DHLE, XPRESS)" }])
    }
    expect(carrierCodeTable('Free', { aras: 'ARAS' }, { passThrough: true }).toProvider('Kargoİst')).toBe('Kargoİst')
  })
})
