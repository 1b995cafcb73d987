/** What every mapped payload must satisfy, whatever the provider sent within its own schema. */
import { expect } from 'vitest'
import { isKopruError } from '../../src/core/provider-kit/index.js'
import { Order } from '../../src/models/order.js'
import { Product } from '../../src/models/product.js'
import type { Money } from '../../src/models/common.js'

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

export function expectIsoUtc(value: string | null | undefined) {
  if (value == null) return
  expect(value).toMatch(isoUtc)
  expect(new Date(value).toISOString()).toBe(value)
}

/** How many runs reached the end of the mapping, so a property cannot pass by refusing everything. */
export const tally = { mapped: 0, refused: 0, reset() { this.mapped = 0; this.refused = 0 } }

/** Runs a mapping; the only failure allowed is a 502 provider_error that names the provider's field. */
export function mapsOrRefuses<T>(run: () => T): T | undefined {
  try {
    const result = run()
    tally.mapped++
    return result
  } catch (error) {
    tally.refused++
    if (!isKopruError(error)) throw error
    expect(error.code).toBe('provider_error')
    expect(error.errors?.[0]?.path).toBeTruthy()
    return undefined
  }
}

/** A decimal string as an integer count of 10^-digits units. */
export const units = (m: Money, digits: number) => {
  const [whole = '0', fraction = ''] = m.amount.replace('-', '').split('.')
  const value = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits))
  return m.amount.startsWith('-') ? -value : value
}
const digitsOf = (m: Money) => m.amount.split('.')[1]?.length ?? 0

export function expectUnifiedOrder(order: Order, { exactLines = false } = {}) {
  const parsed = Order.safeParse(order)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  expectIsoUtc(order.created_at)
  expectIsoUtc(order.updated_at)
  for (const shipment of order.shipments) expectIsoUtc(shipment.shipped_at)
  for (const address of [order.shipping_address, order.billing_address]) {
    if (address) expect(Object.keys(address).sort()).toEqual(['city', 'company', 'country_code', 'district', 'email', 'line1', 'line2', 'name', 'phone', 'postal_code', 'state'])
  }
  for (const line of order.lines ?? []) {
    expect(line.total.currency).toBe(line.unit_price.currency)
    // A zero-quantity line (a cancelled unit) keeps the provider's figures as they are.
    if (line.quantity === 0) continue
    const digits = Math.max(digitsOf(line.total), digitsOf(line.unit_price))
    const drift = units(line.unit_price, digits) * BigInt(line.quantity) - units(line.total, digits)
    // The unit price is the line total over the quantity, rounded half up: off by at most half a unit per piece.
    if (exactLines || line.quantity <= 1) expect(drift).toBe(0n)
    else expect(drift < 0n ? -drift : drift).toBeLessThanOrEqual(BigInt(line.quantity))
  }
}

export function expectUnifiedProduct(product: Product) {
  const parsed = Product.safeParse(product)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  expectIsoUtc(product.updated_at)
}

/** Exact sum of amounts of one currency, as a decimal string with `digits` places. */
export function sumUnits(amounts: Money[], digits: number) {
  return amounts.reduce((sum, m) => sum + units(m, digits), 0n)
}
