/**
 * Exact VAT arithmetic for invoices, in integer kuruş (BigInt): no float ever touches an amount.
 *
 * Marketplace prices include VAT. A line's payable gross `p` is split as `net = round(p / (1 + r))` (half up)
 * and `vat = p - net`, so net + VAT is the buyer's price to the kuruş, and `vat` differs from `net × r` by at
 * most one kuruş (GİB's validators accept that rounding). Discounts are spread over lines in proportion to their
 * amounts with the largest-remainder method, so the shares add up exactly. See docs/accounting.md.
 */

/** KDV rates in force since 2023-07-10 (Presidential decree 7346): 1, 10, 20 and exempt 0. */
export const vatRates = [0, 1, 10, 20] as const
export type VatRate = (typeof vatRates)[number]

export const isVatRate = (value: number): value is VatRate => (vatRates as readonly number[]).includes(value)

export interface InvoiceLineAmounts {
  quantity: number
  /** Net unit price before discount; up to 4 decimals (it is a quotient). */
  unit_price: string
  vat_rate: VatRate
  /** Net discount on the whole line. */
  discount: string
  /** Net after discount (the VAT base, UBL LineExtensionAmount). */
  net_total: string
  vat_amount: string
  /** What the buyer pays for the line, VAT included. */
  total: string
}

export interface VatSubtotal {
  rate: VatRate
  taxable: string
  amount: string
}

export interface InvoiceTotals {
  /** Σ net before discounts. */
  subtotal: string
  discount_total: string
  net_total: string
  vat_total: VatSubtotal[]
  vat_amount: string
  total: string
}

export function toKurus(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim())
  if (!match) throw new RangeError(`not an amount with at most 2 decimals: ${amount}`)
  const units = BigInt(match[2]! + (match[3] ?? '').padEnd(2, '0'))
  return match[1] === '-' ? -units : units
}

export function formatUnits(units: bigint, digits = 2): string {
  const negative = units < 0n
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0')
  return `${negative ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/** a / b rounded half up, for a ≥ 0 and b > 0. */
const roundDiv = (a: bigint, b: bigint): bigint => (2n * a + b) / (2n * b)

/** Splits `amount` over `weights` in proportion, exactly: the largest remainders get the leftover kuruş. */
export function spread(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n)
  if (amount === 0n || total === 0n) return weights.map(() => 0n)
  const shares = weights.map((w) => (amount * w) / total)
  let left = amount - shares.reduce((a, b) => a + b, 0n)
  const order = weights
    .map((w, index) => ({ index, remainder: (amount * w) % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const { index } of order) {
    if (left === 0n) break
    shares[index]! += 1n
    left -= 1n
  }
  return shares
}

/** Net unit price with 4 decimals, trailing zeros beyond the second dropped. */
function unitPrice(netBefore: bigint, quantity: number): string {
  const text = formatUnits(roundDiv(netBefore * 100n, BigInt(quantity)), 4)
  return text.replace(/(\.\d\d\d?)0$/, '$1').replace(/(\.\d\d)0$/, '$1')
}

function line(quantity: number, rate: VatRate, payable: bigint, grossDiscount: bigint): InvoiceLineAmounts {
  const divisor = BigInt(100 + rate)
  const net = roundDiv(payable * 100n, divisor)
  const discount = roundDiv(grossDiscount * 100n, divisor)
  return {
    quantity,
    unit_price: unitPrice(net + discount, quantity),
    vat_rate: rate,
    discount: formatUnits(discount),
    net_total: formatUnits(net),
    vat_amount: formatUnits(payable - net),
    total: formatUnits(payable),
  }
}

export interface GrossLine {
  quantity: number
  vat_rate: VatRate
  /** The line's amount VAT included, after the line's own discounts. */
  total: string
}

/**
 * Lines from VAT-inclusive marketplace amounts. `payable` is what the buyer paid for these lines; when it is
 * below the lines' sum the difference is an order-level discount taken off the lines. `discount` is the
 * order's whole stated discount (gross), shown on the lines; at least the order-level part is shown.
 */
export function linesFromGross(lines: readonly GrossLine[], { payable, discount }: { payable: string; discount: string }): InvoiceLineAmounts[] {
  const amounts = lines.map((l) => toKurus(l.total))
  const sum = amounts.reduce((a, b) => a + b, 0n)
  const orderLevel = sum - toKurus(payable)
  if (orderLevel < 0n) throw new RangeError(`the lines add up to ${formatUnits(sum)}, less than the payable ${payable}`)
  const taken = spread(orderLevel, amounts)
  const payables = amounts.map((amount, i) => amount - taken[i]!)
  const stated = toKurus(discount)
  const shown = spread(stated > orderLevel ? stated : orderLevel, payables)
  return lines.map((l, i) => line(l.quantity, l.vat_rate, payables[i]!, shown[i]!))
}

export interface NetLine {
  quantity: number
  vat_rate: VatRate
  /** Net unit price, at most 2 decimals. */
  unit_price: string
  /** Net discount on the whole line. */
  discount: string
}

/** Lines from net prices (an accountant's input): VAT = round(net × rate) per line. */
export function linesFromNet(lines: readonly NetLine[]): InvoiceLineAmounts[] {
  return lines.map((l) => {
    const before = toKurus(l.unit_price) * BigInt(l.quantity)
    const discount = toKurus(l.discount)
    const net = before - discount
    if (net < 0n) throw new RangeError('a discount larger than the line')
    const vat = roundDiv(net * BigInt(l.vat_rate), 100n)
    return {
      quantity: l.quantity,
      unit_price: formatUnits(toKurus(l.unit_price)),
      vat_rate: l.vat_rate,
      discount: formatUnits(discount),
      net_total: formatUnits(net),
      vat_amount: formatUnits(vat),
      total: formatUnits(net + vat),
    }
  })
}

export function invoiceTotals(lines: readonly InvoiceLineAmounts[]): InvoiceTotals {
  const byRate = new Map<VatRate, { taxable: bigint; amount: bigint }>()
  let discount = 0n
  let net = 0n
  let vat = 0n
  for (const l of lines) {
    const entry = byRate.get(l.vat_rate) ?? { taxable: 0n, amount: 0n }
    entry.taxable += toKurus(l.net_total)
    entry.amount += toKurus(l.vat_amount)
    byRate.set(l.vat_rate, entry)
    discount += toKurus(l.discount)
    net += toKurus(l.net_total)
    vat += toKurus(l.vat_amount)
  }
  return {
    subtotal: formatUnits(net + discount),
    discount_total: formatUnits(discount),
    net_total: formatUnits(net),
    vat_total: [...byRate.entries()]
      .sort(([a], [b]) => b - a)
      .map(([rate, t]) => ({ rate, taxable: formatUnits(t.taxable), amount: formatUnits(t.amount) })),
    vat_amount: formatUnits(vat),
    total: formatUnits(net + vat),
  }
}
