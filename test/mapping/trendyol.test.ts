import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { toTrendyolProduct, type ProductSpec } from '../../providers/trendyol/fixtures.js'
import {
  batchCreatedAt,
  mapTrendyolBatchItemStatus,
  mapTrendyolProductState,
  mapTrendyolStatus,
  toTrendyolInventoryItem,
  toUnifiedAddress,
  toUnifiedLine,
  toUnifiedOrder,
  toUnifiedProduct,
  trendyolBatchItemStatusTable,
  trendyolBatchProgress,
  trendyolBatchStatusTable,
  trendyolCargoCode,
  trendyolCargoNameTable,
  trendyolCargoProviderTable,
  trendyolCarriers,
  trendyolProductState,
  trendyolProductStateTable,
  trendyolStatusTable,
} from '../../providers/trendyol/mapping.js'
import type { TrendyolPackage } from '../../providers/trendyol/types.js'

const capture = () => {
  const lines: string[] = []
  return { lines, log: createLogger({ level: 'debug', sink: (line) => lines.push(line) }) }
}

describe('Trendyol package status table, every row', () => {
  const expected: Record<string, [string, string, string]> = {
    Awaiting: ['open', 'unfulfilled', 'pending'],
    Created: ['open', 'unfulfilled', 'paid'],
    Picking: ['open', 'processing', 'paid'],
    Invoiced: ['open', 'processing', 'paid'],
    Shipped: ['open', 'shipped', 'paid'],
    AtCollectionPoint: ['open', 'shipped', 'paid'],
    Delivered: ['completed', 'delivered', 'paid'],
    UnDelivered: ['open', 'undeliverable', 'paid'],
    Returned: ['completed', 'returned', 'refunded'],
    Cancelled: ['cancelled', 'cancelled', 'refunded'],
    UnSupplied: ['cancelled', 'cancelled', 'refunded'],
    Repackaged: ['cancelled', 'cancelled', 'paid'],
    UnPacked: ['cancelled', 'cancelled', 'paid'],
    Repack: ['cancelled', 'cancelled', 'paid'],
  }
  it('has exactly the expected rows', () => expect(Object.keys(trendyolStatusTable).sort()).toEqual(Object.keys(expected).sort()))
  for (const [status, [order, fulfillment, payment]] of Object.entries(expected)) {
    it(`${status} -> ${order}/${fulfillment}/${payment}`, () => expect(mapTrendyolStatus(status)).toEqual({ status: order, fulfillment, payment }))
  }
  it('maps an unknown status to open/processing/unknown and logs it once', () => {
    const { lines, log } = capture()
    expect(mapTrendyolStatus('Teleported', log)).toEqual({ status: 'open', fulfillment: 'processing', payment: 'unknown' })
    mapTrendyolStatus('Teleported', log)
    expect(lines.filter((line) => line.includes('Teleported'))).toHaveLength(1)
  })
})

describe('Trendyol listing state', () => {
  const expected: Record<string, string> = {
    OnSale: 'active',
    NotOnSale: 'inactive',
    PendingApproval: 'pending_approval',
    Rejected: 'rejected',
    Blacklisted: 'rejected',
    Archived: 'inactive',
    Locked: 'inactive',
  }
  it('has exactly the expected rows', () => expect(Object.keys(trendyolProductStateTable).sort()).toEqual(Object.keys(expected).sort()))
  for (const [state, status] of Object.entries(expected)) it(`${state} -> ${status}`, () => expect(mapTrendyolProductState(state)).toBe(status))

  it('derives the state from the flags, strongest first', () => {
    const base = { barcode: 'b', approved: true, onSale: true }
    expect(trendyolProductState(base)).toBe('OnSale')
    expect(trendyolProductState({ ...base, onSale: false })).toBe('NotOnSale')
    expect(trendyolProductState({ ...base, approved: false, onSale: false })).toBe('PendingApproval')
    expect(trendyolProductState({ ...base, archived: true })).toBe('Archived')
    expect(trendyolProductState({ ...base, locked: true })).toBe('Locked')
    expect(trendyolProductState({ ...base, rejected: true, archived: true })).toBe('Rejected')
    expect(trendyolProductState({ ...base, blacklisted: true, rejected: true })).toBe('Blacklisted')
    expect(trendyolProductState({ barcode: 'b' })).toBeNull()
  })
})

describe('toUnifiedProduct', () => {
  const spec: ProductSpec = {
    barcode: '8680000000017',
    stockCode: 'STK-17',
    title: 'Bakır Cezve',
    brand: 'Karaca',
    category: 'Mutfak',
    quantity: 12,
    salePrice: 389.9,
    listPrice: 449.9,
    createdAt: Date.UTC(2026, 10, 20, 18, 30),
  }
  it('translates a filterProducts listing with values', () => {
    const product = toUnifiedProduct(toTrendyolProduct(spec), 'conn_1')
    expect(product).toMatchObject({
      id: '8680000000017',
      sku: 'STK-17',
      barcode: '8680000000017',
      title: 'Bakır Cezve',
      brand: 'Karaca',
      category: 'Mutfak',
      price: { amount: '389.90', currency: 'TRY' },
      list_price: { amount: '449.90', currency: 'TRY' },
      quantity: 12,
      status: 'active',
      provider_status: 'OnSale',
      attributes: { Beden: 'Tek Ebat', Renk: 'Çok Renkli' },
      updated_at: '2026-11-20T18:30:00.000Z',
    })
    expect(product.images).toHaveLength(1)
  })
  it('never crashes on a listing with only a barcode: safe values, logged once', () => {
    const { lines, log } = capture()
    const product = toUnifiedProduct({ barcode: 'bare-1', images: [{ url: null }], attributes: [{ attributeName: 'x' }] }, 'conn_1', log)
    expect(product).toMatchObject({ id: 'bare-1', sku: null, title: '', price: null, list_price: null, quantity: null, status: 'inactive', provider_status: null, url: null, images: [], attributes: {}, updated_at: null })
    expect(lines.filter((line) => line.includes('trendyol.product_state'))).toHaveLength(1)
  })
})

describe('price and stock batches', () => {
  it('builds Trendyol items with only the fields given', () => {
    expect(toTrendyolInventoryItem({ barcode: 'b1', quantity: 0 })).toEqual({ barcode: 'b1', quantity: 0 })
    expect(toTrendyolInventoryItem({ barcode: 'b1', price: '112.85', list_price: '113.85' })).toEqual({ barcode: 'b1', salePrice: 112.85, listPrice: 113.85 })
  })

  const itemStatuses: Record<string, string> = { SUCCESS: 'succeeded', FAILED: 'failed', IN_PROGRESS: 'pending' }
  it('has exactly the expected item status rows', () => expect(Object.keys(trendyolBatchItemStatusTable).sort()).toEqual(Object.keys(itemStatuses).sort()))
  for (const [status, unified] of Object.entries(itemStatuses)) it(`item ${status} -> ${unified}`, () => expect(mapTrendyolBatchItemStatus(status)).toBe(unified))
  it('maps an unknown item status to pending', () => expect(mapTrendyolBatchItemStatus('QUEUED')).toBe('pending'))

  const batchStatuses: Record<string, boolean> = { IN_PROGRESS: false, PROCESSING: false, COMPLETED: true, FAILED: true, PARTIALLY_COMPLETED: true }
  it('has exactly the expected batch status rows', () => expect(trendyolBatchStatusTable).toEqual(batchStatuses))
  for (const [status, done] of Object.entries(batchStatuses)) {
    it(`batch ${status} -> done=${done}`, () => expect(trendyolBatchProgress({ batchRequestId: 'x', status, items: [] }, ['a']).done).toBe(done))
  }

  it('reads item results, joining failureReasons, and decides completion from items when there is no batch status', () => {
    const batch = {
      batchRequestId: 'c57e3453-2c00-11f0-aa3a-be9298facace-1746718627',
      items: [
        { requestItem: { barcode: 'a', quantity: 1 }, status: 'SUCCESS', failureReasons: [] },
        { requestItem: { barcode: 'b', quantity: 1 }, status: 'FAILED', failureReasons: ['r1', 'r2'] },
        { requestItem: { barcode: 'c' }, status: 'FAILED', failureReasons: [] },
      ],
    }
    expect(trendyolBatchProgress(batch, ['a', 'b', 'c'])).toEqual({
      done: true,
      items: [
        { barcode: 'a', status: 'succeeded' },
        { barcode: 'b', status: 'failed', error: { code: null, message: 'r1; r2' } },
        { barcode: 'c', status: 'failed', error: { code: null, message: 'Trendyol refused the item without a reason' } },
      ],
    })
    expect(trendyolBatchProgress(batch, ['a', 'b', 'c', 'd']).done).toBe(false)
    expect(trendyolBatchProgress({ batchRequestId: 'x', status: 'SOMETHING', items: [] }, []).done).toBe(true)
  })

  it('reads the creation time out of a batchRequestId', () => {
    expect(batchCreatedAt('fa75dfd5-6ce6-4730-a09e-97563500000-1529854840')?.toISOString()).toBe('2018-06-24T15:40:40.000Z')
    expect(batchCreatedAt('no-time')).toBeNull()
  })
})

describe('cargo providers', () => {
  // Every row, from changeCargoProvider's accepted values (and getProviders' names), checked 2026-12-02.
  const codes: Record<string, string> = {
    yurtici: 'YKMP',
    aras: 'ARASMP',
    mng: 'DHLECOMMP',
    dhl_ecommerce: 'DHLECOMMP',
    surat: 'SURATMP',
    horoz: 'HOROZMP',
    ptt: 'PTTMP',
    ceva: 'CEVAMP',
    ceva_tedarik: 'CEVATEDARIK',
    trendyol_express: 'TEXMP',
    kolay_gelsin: 'KOLAYGELSINMP',
  }
  const names: Record<string, string> = {
    YKMP: 'Yurtiçi Kargo Marketplace',
    ARASMP: 'Aras Kargo Marketplace',
    DHLECOMMP: 'DHL eCommerce Marketplace',
    SURATMP: 'Sürat Kargo Marketplace',
    HOROZMP: 'Horoz Kargo Marketplace',
    PTTMP: 'PTT Kargo Marketplace',
    CEVAMP: 'CEVA Marketplace',
    CEVATEDARIK: 'Ceva Tedarik Marketplace',
    TEXMP: 'Trendyol Express Marketplace',
    KOLAYGELSINMP: 'Kolay Gelsin Marketplace',
  }
  it('has exactly the expected rows', () => {
    expect(trendyolCargoProviderTable).toEqual(codes)
    expect(trendyolCargoNameTable).toEqual(names)
  })
  for (const [carrier, code] of Object.entries(codes)) {
    it(`${carrier} -> ${code}`, () => {
      expect(trendyolCargoCode(carrier)).toBe(code)
      expect(trendyolCargoCode(` ${carrier.toUpperCase()} `)).toBe(code)
      expect(trendyolCargoCode(code.toLowerCase())).toBe(code)
    })
  }
  it('reads codes and display names back as unified ids (mng for DHL eCommerce, MNG Kargo\'s current name)', () => {
    expect(trendyolCarriers.toUnified('DHL eCommerce Marketplace')).toBe('mng')
    expect(trendyolCarriers.toUnified('YKMP')).toBe('yurtici')
    expect(trendyolCarriers.toUnified('Someone Else')).toBeNull()
  })
  it('refuses what Trendyol does not accept with a 400 naming body.carrier', () => {
    for (const carrier of ['ups', 'UPSMP', 'MNGMP', 'nope']) {
      expect(() => trendyolCargoCode(carrier)).toThrow(expect.objectContaining({ code: 'invalid_request', errors: [expect.objectContaining({ path: 'body.carrier' })] }))
    }
  })
})

describe('Trendyol field translation', () => {
  const pkg: TrendyolPackage = {
    id: 3717432760,
    orderNumber: '11081650568',
    // 2026-11-20 21:30 in Istanbul, encoded as if it were UTC
    orderDate: Date.UTC(2026, 10, 20, 21, 30),
    lastModifiedDate: Date.UTC(2026, 10, 21, 9, 0),
    status: 'Delivered',
    shipmentPackageStatus: 'Delivered',
    grossAmount: 816.36,
    totalDiscount: 57.15,
    totalTyDiscount: 0,
    totalPrice: 759.21,
    currencyCode: 'TRY',
    customerFirstName: 'Onur',
    customerLastName: 'Burkaç',
    customerEmail: 'pf+x@trendyolmail.com',
    shipmentAddress: { firstName: 'Onur', lastName: 'Burkaç', address1: 'Lara Mah. 1. Sok. No:3', city: 'Antalya', district: 'Kepez', countryCode: 'TR', phone: '05321234567' },
    invoiceAddress: null,
    lines: [
      { id: 5324169837, quantity: 1, productName: 'Duvar Örtüsü', merchantSku: 'MDH01800', barcode: 'MDH01800', amount: 816.36, price: 759.21, vatBaseAmount: 10, productCode: 1306779087, orderLineItemStatusName: 'Delivered' },
    ],
    packageHistories: [{ createdDate: Date.UTC(2026, 10, 20, 18, 30, 1), status: 'Created' }],
  }

  it('keeps the provider totals and converts Istanbul time to UTC', () => {
    const order = toUnifiedOrder(pkg, 'conn_1')
    expect(order.total).toEqual({ amount: '759.21', currency: 'TRY' })
    expect(order.subtotal).toEqual({ amount: '816.36', currency: 'TRY' })
    expect(order.discount_total).toEqual({ amount: '57.15', currency: 'TRY' })
    expect(order.created_at).toBe('2026-11-20T18:30:00.000Z')
    expect(order.updated_at).toBe('2026-11-21T09:00:00.000Z')
    expect(order.id).toBe('3717432760')
    expect(order.shipments).toEqual([])
    expect(order.billing_address).toBeNull()
    expect(order.lines?.[0]).toMatchObject({ id: '5324169837', product_id: '1306779087', tax_rate: '10', unit_price: { amount: '759.21' } })
  })

  it('survives missing optional fields', () => {
    const bare = { id: 1, orderNumber: 'X', orderDate: 0, grossAmount: 10, totalPrice: 10, lines: [] } as unknown as TrendyolPackage
    const order = toUnifiedOrder(bare, 'conn_1')
    expect(order).toMatchObject({ currency: 'TRY', provider_status: null, customer: { name: null, email: null }, shipping_address: null })
    expect(toUnifiedAddress({ city: '  ' })).toBeNull()
    expect(toUnifiedLine({ id: 1, quantity: 2, productName: 'x', amount: 5, price: 4.5 }, 'TRY')).toMatchObject({ total: { amount: '9.00' }, sku: null, tax_rate: null })
  })
})
