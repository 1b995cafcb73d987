import { describe, expect, it } from 'vitest'
import { invoiceTotals, linesFromGross, linesFromNet, spread, toKurus, type GrossLine } from '../../src/core/provider-kit/vat.js'
import { isValidTckn, isValidVkn, taxIdKind } from '../../src/core/provider-kit/tax-id.js'

const sum = (values: string[]) => values.reduce((a, b) => a + toKurus(b), 0n)

describe('VAT from VAT-inclusive marketplace prices', () => {
  // Each case: lines (gross after line discounts), payable, stated discount → expected nets and VATs.
  const cases: { name: string; lines: GrossLine[]; payable: string; discount: string; net: string[]; vat: string[]; discountShown: string[] }[] = [
    {
      name: '20 % single line',
      lines: [{ quantity: 1, vat_rate: 20, total: '120.00' }],
      payable: '120.00',
      discount: '0.00',
      net: ['100.00'],
      vat: ['20.00'],
      discountShown: ['0.00'],
    },
    {
      name: '20/10/1/0 % lines of one order (kuruş rounding on each)',
      lines: [
        { quantity: 3, vat_rate: 20, total: '269.97' },
        { quantity: 1, vat_rate: 10, total: '54.90' },
        { quantity: 2, vat_rate: 1, total: '31.98' },
        { quantity: 1, vat_rate: 0, total: '45.00' },
      ],
      payable: '401.85',
      discount: '0.00',
      // 269.97/1.2 = 224.975 → 224.98; 54.90/1.1 = 49.909 → 49.91; 31.98/1.01 = 31.6633 → 31.66.
      net: ['224.98', '49.91', '31.66', '45.00'],
      vat: ['44.99', '4.99', '0.32', '0.00'],
      discountShown: ['0.00', '0.00', '0.00', '0.00'],
    },
    {
      name: 'order-level discount spread over lines by amount',
      lines: [
        { quantity: 1, vat_rate: 20, total: '100.00' },
        { quantity: 2, vat_rate: 20, total: '200.00' },
        { quantity: 1, vat_rate: 10, total: '33.33' },
      ],
      payable: '323.33',
      discount: '10.00',
      // 10.00 over 100 / 200 / 33.33: 3.0003 / 6.0006 / 0.9996 → 3.00 / 6.00 / 1.00 (largest remainder).
      net: ['80.83', '161.67', '29.39'],
      vat: ['16.17', '32.33', '2.94'],
      discountShown: ['2.50', '5.00', '0.91'],
    },
    {
      name: 'Trendyol: line discounts already in the lines, stated only as the order discount',
      lines: [
        { quantity: 2, vat_rate: 20, total: '161.82' },
        { quantity: 1, vat_rate: 20, total: '249.90' },
      ],
      payable: '411.72',
      discount: '17.98',
      net: ['134.85', '208.25'],
      vat: ['26.97', '41.65'],
      discountShown: ['5.89', '9.10'],
    },
    {
      name: 'one kuruş lines and thirds',
      lines: [
        { quantity: 1, vat_rate: 20, total: '0.01' },
        { quantity: 3, vat_rate: 20, total: '10.00' },
      ],
      payable: '10.01',
      discount: '0.00',
      net: ['0.01', '8.33'],
      vat: ['0.00', '1.67'],
      discountShown: ['0.00', '0.00'],
    },
  ]

  for (const c of cases) {
    it(c.name, () => {
      const lines = linesFromGross(c.lines, { payable: c.payable, discount: c.discount })
      expect(lines.map((l) => l.net_total)).toEqual(c.net)
      expect(lines.map((l) => l.vat_amount)).toEqual(c.vat)
      // Every line: net + VAT is its payable gross; all lines together are the order's payable, to the kuruş.
      for (const l of lines) expect(toKurus(l.net_total) + toKurus(l.vat_amount)).toBe(toKurus(l.total))
      expect(sum(lines.map((l) => l.total))).toBe(toKurus(c.payable))
      // VAT is within one kuruş of net × rate.
      for (const l of lines) {
        const exact = (toKurus(l.net_total) * BigInt(l.vat_rate) * 10n) / 100n // tenths of a kuruş
        expect(Math.abs(Number(toKurus(l.vat_amount) * 10n - exact))).toBeLessThanOrEqual(10)
      }
      const totals = invoiceTotals(lines)
      expect(totals.total).toBe(c.payable)
      expect(sum(totals.vat_total.map((t) => t.amount))).toBe(toKurus(totals.vat_amount))
      expect(toKurus(totals.net_total) + toKurus(totals.vat_amount)).toBe(toKurus(c.payable))
      expect(toKurus(totals.subtotal) - toKurus(totals.discount_total)).toBe(toKurus(totals.net_total))
    })
  }

  it('the shown discount is net of VAT, spread in proportion and exact in sum', () => {
    const lines = linesFromGross(cases[2]!.lines, { payable: '323.33', discount: '10.00' })
    expect(lines.map((l) => l.discount)).toEqual(cases[2]!.discountShown)
  })

  it('per-rate subtotals group the lines by VAT rate, highest first', () => {
    const lines = linesFromGross(cases[1]!.lines, { payable: '401.85', discount: '0.00' })
    expect(invoiceTotals(lines).vat_total).toEqual([
      { rate: 20, taxable: '224.98', amount: '44.99' },
      { rate: 10, taxable: '49.91', amount: '4.99' },
      { rate: 1, taxable: '31.66', amount: '0.32' },
      { rate: 0, taxable: '45.00', amount: '0.00' },
    ])
  })

  it('refuses lines that add up to less than what was paid', () => {
    expect(() => linesFromGross([{ quantity: 1, vat_rate: 20, total: '10.00' }], { payable: '10.01', discount: '0' })).toThrow(RangeError)
  })

  it('spread: largest remainders take the leftover kuruş, shares always add up', () => {
    expect(spread(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n])
    expect(spread(1n, [5n, 7n])).toEqual([0n, 1n])
    for (let amount = 0n; amount < 50n; amount++) {
      expect(spread(amount, [333n, 17n, 1n, 0n]).reduce((a, b) => a + b, 0n)).toBe(amount)
    }
  })
})

describe('VAT from net prices', () => {
  it('VAT is net × rate rounded half up per line; discount comes off before VAT', () => {
    const lines = linesFromNet([
      { quantity: 3, vat_rate: 20, unit_price: '33.33', discount: '0.00' },
      { quantity: 1, vat_rate: 10, unit_price: '100.00', discount: '12.35' },
    ])
    expect(lines.map((l) => [l.net_total, l.vat_amount, l.total])).toEqual([
      ['99.99', '20.00', '119.99'],
      ['87.65', '8.77', '96.42'],
    ])
    expect(invoiceTotals(lines)).toMatchObject({ subtotal: '199.99', discount_total: '12.35', net_total: '187.64', vat_amount: '28.77', total: '216.41' })
  })
})

describe('tax ids', () => {
  it.each([
    ['1234567808', true],
    ['1234567816', true],
    ['1234567809', false],
    ['123456780', false],
    ['12345678a8', false],
  ])('VKN %s valid: %s', (vkn, valid) => expect(isValidVkn(vkn)).toBe(valid))

  it.each([
    ['10000000146', true],
    ['10000000147', false],
    ['01000000146', false],
    ['1000000014', false],
  ])('TCKN %s valid: %s', (tckn, valid) => expect(isValidTckn(tckn)).toBe(valid))

  it('knows the kind, and accepts GİB’s unknown-consumer placeholder', () => {
    expect(taxIdKind('1234567808')).toBe('vkn')
    expect(taxIdKind('10000000146')).toBe('tckn')
    expect(taxIdKind('11111111111')).toBe('tckn')
    expect(taxIdKind('1234567809')).toBeNull()
  })
})
