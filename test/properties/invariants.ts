/** What every unified object from any adapter must satisfy, whatever schema-valid data the provider sent. */
import { expect } from 'vitest'
import { addressKeys, isKopruError } from '../../src/core/provider-kit/index.js'
import type { Address, Money, Order, Product } from '../../src/models/index.js'

export const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const decimal = /^-?\d+(\.\d+)?$/

/** Runs a mapping; a KopruError is an acceptable outcome (a 4xx/5xx problem), any other exception fails. */
export function mapsOrRefuses<T>(map: () => T): T | null {
  try {
    return map()
  } catch (error) {
    if (isKopruError(error)) return null
    throw error
  }
}

/** Decimal-string money in units of the smallest digit, for exact sums. */
export const units = (money: Money, digits = 2): bigint => {
  const [whole, fraction = ''] = money.amount.replace('-', '').split('.')
  const value = BigInt(whole! + fraction.padEnd(digits, '0').slice(0, digits))
  return money.amount.startsWith('-') ? -value : value
}

export function expectMoney(money: Money | null, currency?: string) {
  if (money === null) return
  expect(money.amount).toMatch(decimal)
  expect(money.currency).toMatch(/^[A-Z]{3}$/)
  if (currency) expect(money.currency).toBe(currency)
}

function expectAddress(address: Address | null) {
  if (address === null) return
  expect(Object.keys(address).sort()).toEqual([...addressKeys].sort())
}

export function expectOrderInvariants(order: Order) {
  expect(order.created_at).toMatch(isoUtc)
  expect(order.updated_at).toMatch(isoUtc)
  for (const money of [order.subtotal, order.shipping_total, order.discount_total, order.tax_total, order.total]) expectMoney(money, order.currency)
  for (const line of order.lines ?? []) {
    expectMoney(line.unit_price, order.currency)
    expectMoney(line.total, order.currency)
    expect(Number.isInteger(line.quantity)).toBe(true)
  }
  for (const shipment of order.shipments) if (shipment.shipped_at !== null) expect(shipment.shipped_at).toMatch(isoUtc)
  expectAddress(order.shipping_address)
  expectAddress(order.billing_address)
  expect(JSON.parse(JSON.stringify(order))).toBeTruthy()
}

export function expectProductInvariants(product: Product) {
  expectMoney(product.price)
  expectMoney(product.list_price)
  if (product.updated_at !== null) expect(product.updated_at).toMatch(isoUtc)
  expect(product.quantity === null || Number.isInteger(product.quantity)).toBe(true)
}
