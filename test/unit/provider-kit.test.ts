import { describe, expect, it } from 'vitest'
import {
  localEpochToUtc,
  lookupTable,
  money,
  multiplyMoney,
  parseProviderTime,
  subtractMoney,
  sumMoney,
  toDecimalString,
  turkishPhoneToE164,
  e164ToTurkishNational,
  utcToLocalEpoch,
} from '../../src/core/provider-kit/index.js'
import { createLogger } from '../../src/core/logger.js'

describe('money as decimal strings', () => {
  it.each([
    [129.9, 'TRY', '129.90'],
    [0.1, 'TRY', '0.10'],
    ['1.005', 'TRY', '1.01'],
    ['12,5', 'TRY', '12.50'],
    [1500, 'JPY', '1500'],
    [-3.456, 'TRY', '-3.46'],
    [null, 'TRY', '0.00'],
  ] as const)('money(%s, %s) = %s', (amount, currency, expected) => {
    expect(money(amount, currency)).toEqual({ amount: expected, currency })
  })

  it('sums and multiplies exactly where floats would drift', () => {
    expect(sumMoney([money(0.1, 'TRY'), money(0.2, 'TRY')], 'TRY').amount).toBe('0.30')
    expect(multiplyMoney(money('19.99', 'TRY'), 3).amount).toBe('59.97')
    expect(subtractMoney(money(816.36, 'TRY'), money(759.21, 'TRY')).amount).toBe('57.15')
    expect(() => sumMoney([money(1, 'EUR')], 'TRY')).toThrow(/currency/)
  })

  it('refuses what is not a number', () => {
    expect(() => toDecimalString('abc')).toThrow(RangeError)
  })

  it('keeps the exact rules on the fast paths: negative zero, non-finite and huge numbers, amounts past 2^53', () => {
    expect(toDecimalString(-0.004)).toBe('0.00')
    expect(toDecimalString(-0.4, 0)).toBe('0')
    expect(toDecimalString(-0.005)).toBe('-0.01')
    for (const value of [Number.NaN, Infinity, -Infinity, 1e21]) expect(() => toDecimalString(value)).toThrow(RangeError)
    expect(multiplyMoney({ amount: '99999999999999.99', currency: 'TRY' }, 3).amount).toBe('299999999999999.97')
    expect(subtractMoney({ amount: '-99999999999999999.99', currency: 'TRY' }, { amount: '0.01', currency: 'TRY' }).amount).toBe('-100000000000000000.00')
    expect(subtractMoney({ amount: '0.50', currency: 'TRY' }, { amount: '0.50', currency: 'TRY' }).amount).toBe('0.00')
    expect(() => multiplyMoney({ amount: '2.00', currency: 'TRY' }, 1.5)).toThrow(RangeError)
  })
})

describe('time zones', () => {
  it('reads Turkish wall-clock epoch millis as UTC+3', () => {
    const localAsUtc = Date.UTC(2026, 10, 20, 21, 30)
    expect(localEpochToUtc(localAsUtc).toISOString()).toBe('2026-11-20T18:30:00.000Z')
    expect(utcToLocalEpoch(new Date('2026-11-20T18:30:00Z'))).toBe(localAsUtc)
  })

  it.each([
    ['2026-11-20T21:30:00', '2026-11-20T18:30:00.000Z'],
    ['2026-11-20 21:30', '2026-11-20T18:30:00.000Z'],
    ['20.11.2026 21:30:00', '2026-11-20T18:30:00.000Z'],
    ['20261120213000', '2026-11-20T18:30:00.000Z'],
    ['2026-11-20T21:30:00+03:00', '2026-11-20T18:30:00.000Z'],
    ['2026-11-20T18:30:00Z', '2026-11-20T18:30:00.000Z'],
    // Hepsiburada: offset-less Istanbul wall clock with milliseconds (issue 11, item 10)
    ['2026-03-02T09:15:17.735', '2026-03-02T06:15:17.735Z'],
    ['2026-03-02 09:15:17.7', '2026-03-02T06:15:17.700Z'],
    ['2026-03-02T09:15:17.7359999', '2026-03-02T06:15:17.735Z'],
    ['02.03.2026 09:15:17.735', '2026-03-02T06:15:17.735Z'],
    ['2026-03-02T09:15:17.735+03:00', '2026-03-02T06:15:17.735Z'],
  ])('parseProviderTime(%s) = %s', (input, expected) => {
    expect(parseProviderTime(input)?.toISOString()).toBe(expected)
  })

  it('returns null for what is not a time', () => {
    expect(parseProviderTime('yesterday')).toBeNull()
    expect(parseProviderTime(undefined)).toBeNull()
    expect(parseProviderTime('2026-02-31T10:00:00')).toBeNull()
    expect(parseProviderTime('2026-11-20T25:00:00')).toBeNull()
  })
})

describe('phones', () => {
  it.each([
    ['05551234567', '+905551234567'],
    ['5551234567', '+905551234567'],
    ['+90 555 123 45 67', '+905551234567'],
    ['+49 30 1234567', '+49301234567'],
    ['+90 212', '+90 212'],
  ])('%s -> %s', (input, expected) => expect(turkishPhoneToE164(input)).toBe(expected))
  it('converts back to the national form', () => expect(e164ToTurkishNational('+905551234567')).toBe('05551234567'))
})

describe('lookup tables', () => {
  it('maps known values and logs an unknown one once, with the provider value', () => {
    const lines: string[] = []
    const log = createLogger({ sink: (line) => lines.push(line) })
    const table = lookupTable('test.table', { A: 1, B: 2 }, 0)
    expect(table('A', log)).toBe(1)
    expect(table('Z', log)).toBe(0)
    expect(table('Z', log)).toBe(0)
    expect(table(null, log)).toBe(0)
    const warnings = lines.filter((line) => line.includes('unknown provider value'))
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain('"value":"Z"')
  })
})

describe('basicAuthorization', () => {
  it('encodes user:password as UTF-8 then base64 (RFC 7617), ASCII or not', async () => {
    const { basicAuthorization } = await import('../../src/core/provider-kit/auth.js')
    // RFC 7617 §2's example, and a pair with non-ASCII characters (base64 of its UTF-8 bytes, checked with Buffer).
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')
    expect(basicAuthorization('şirket', 'gizli-ü')).toBe(`Basic ${Buffer.from('şirket:gizli-ü', 'utf8').toString('base64')}`)
  })
})
