import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { stringifyJson } from '../../src/core/provider-kit/index.js'
import {
  n11CarrierNameTable,
  n11Carriers,
  n11PricePairProblem,
  canonicalPackageStatus,
  mapN11Currency,
  mapN11PackageStatus,
  mapN11ProductStatus,
  mapN11SkuStatus,
  mapN11TaskStatus,
  n11CurrencyTable,
  n11PackageStatusTable,
  n11ProductStatusTable,
  n11SkuStatusTable,
  n11StatusesFor,
  n11TaskStatusTable,
  packageCreatedAt,
  toN11SkuUpdate,
  toUnifiedItemResult,
  toUnifiedLine,
  toUnifiedOrder,
  toUnifiedProduct,
} from '../../providers/n11/mapping.js'
import { toN11Package, toN11Product, toN11TaskDate, type N11PackageSpec } from '../../providers/n11/fixtures.js'
import type { N11Line } from '../../providers/n11/types.js'

const capture = () => {
  const lines: string[] = []
  return { lines, log: createLogger({ sink: (line) => lines.push(line) }) }
}

describe('n11 package status table, every row', () => {
  it.each([
    ['Created', 'open', 'unfulfilled', 'paid'],
    ['Picking', 'open', 'processing', 'paid'],
    ['Shipped', 'open', 'shipped', 'paid'],
    ['Delivered', 'completed', 'delivered', 'paid'],
    ['Cancelled', 'cancelled', 'cancelled', 'refunded'],
    ['Canceled', 'cancelled', 'cancelled', 'refunded'],
    ['UnSupplied', 'cancelled', 'cancelled', 'refunded'],
    ['Unpacked', 'cancelled', 'cancelled', 'paid'],
  ])('%s -> %s / %s / %s', (value, status, fulfillment, payment) => {
    expect(mapN11PackageStatus(value)).toEqual({ status, fulfillment, payment })
  })

  it('covers the whole table', () => expect(Object.keys(n11PackageStatusTable)).toHaveLength(8))

  it('reads the spellings n11 documents: leading spaces, UnPacked, any case', () => {
    expect(canonicalPackageStatus(' Shipped')).toBe('Shipped')
    expect(canonicalPackageStatus('UnPacked')).toBe('Unpacked')
    expect(canonicalPackageStatus('unsupplied')).toBe('UnSupplied')
    expect(mapN11PackageStatus(' Shipped').fulfillment).toBe('shipped')
    expect(canonicalPackageStatus('  ')).toBeNull()
  })

  it('maps an unknown status to open/unknown and logs it once', () => {
    const { lines, log } = capture()
    expect(mapN11PackageStatus('Teleported', log)).toEqual({ status: 'open', fulfillment: 'processing', payment: 'unknown' })
    mapN11PackageStatus('Teleported', log)
    expect(lines.filter((line) => line.includes('"value":"Teleported"'))).toHaveLength(1)
  })

  it('turns a unified status into the n11 statuses it covers, one per request', () => {
    expect(n11StatusesFor('open')).toEqual(['Created', 'Picking', 'Shipped'])
    expect(n11StatusesFor('completed')).toEqual(['Delivered'])
    expect(n11StatusesFor('cancelled')).toEqual(['Cancelled', 'UnSupplied', 'Unpacked'])
  })
})

describe('n11 product status table, every row', () => {
  it.each(Object.entries({
    Active: 'active',
    InApproval: 'pending_approval',
    InCatalogApproval: 'pending_approval',
    Suspended: 'inactive',
    Unlisted: 'inactive',
    CatalogRejected: 'rejected',
    Prohibited: 'rejected',
  }))('%s -> %s', (value, expected) => expect(mapN11ProductStatus(value)).toBe(expected))
  it('covers the whole table, and an unknown status is not on sale', () => {
    expect(Object.keys(n11ProductStatusTable)).toHaveLength(7)
    expect(mapN11ProductStatus('Vanished')).toBe('inactive')
  })
})

describe('n11 currency, task and SKU tables, every row', () => {
  it.each(Object.entries({ TL: 'TRY', TRY: 'TRY', USD: 'USD', EUR: 'EUR' }))('currency %s -> %s', (value, expected) =>
    expect(mapN11Currency(value)).toBe(expected),
  )
  it.each(Object.entries({ IN_QUEUE: 'processing', PROCESSED: 'completed', REJECT: 'completed' }))('task %s -> %s', (value, expected) =>
    expect(mapN11TaskStatus(value)).toBe(expected),
  )
  it.each(Object.entries({ SUCCESS: 'succeeded', FAIL: 'failed' }))('sku %s -> %s', (value, expected) => expect(mapN11SkuStatus(value)).toBe(expected))
  it('covers the tables and falls back safely', () => {
    expect(Object.keys(n11CurrencyTable)).toHaveLength(4)
    expect(Object.keys(n11TaskStatusTable)).toHaveLength(3)
    expect(Object.keys(n11SkuStatusTable)).toHaveLength(2)
    expect(mapN11TaskStatus('PAUSED')).toBe('processing')
    expect(mapN11SkuStatus('MAYBE')).toBe('failed')
    expect(mapN11Currency('GBP')).toBe('TRY')
  })
})

const HOUR = 3600_000
// 20 Nov 2026, 21:30 in Istanbul.
const ordered = Date.parse('2026-11-20T21:30:00+03:00')
const spec: N11PackageSpec = {
  id: 312345678,
  orderNumber: '212345678901',
  orderedAt: ordered,
  status: 'Shipped',
  lines: [
    { productName: 'Bakır Cezve 2 Kişilik', stockCode: 'CEZVE-1', barcode: '8680000000001', quantity: 2, price: 389.9, sellerDiscount: 38.99, mallDiscount: 25, vatRate: 20 },
    { productName: 'Türk Kahvesi 250 g', stockCode: 'KAHVE-1', barcode: '8680000000002', quantity: 1, price: 129.9, sellerDiscount: 0, vatRate: 10 },
  ],
  customer: { fullName: 'Ayşe Yılmaz', email: 'a***@n11.com' },
  address: { city: 'İstanbul', district: 'Kadıköy', neighborhood: 'Caferağa Mah.', postalCode: '34710', line: 'Moda Cad. No:5', gsm: '5551234567' },
  cargo: { senderNumber: '100200300400', link: 'https://www.yurticikargo.com/x?code=100200300400' },
  history: [
    { status: 'Created', at: ordered },
    { status: 'Picking', at: ordered + HOUR },
    { status: ' Shipped', at: ordered + 20 * HOUR },
  ],
}

describe('n11 package -> unified order', () => {
  it('keeps n11 totals, converts times to UTC and money to decimal strings', () => {
    const order = toUnifiedOrder(toN11Package(spec), 'conn_1')
    expect(order).toMatchObject({
      id: '312345678',
      provider: 'n11',
      order_number: '212345678901',
      status: 'open',
      fulfillment_status: 'shipped',
      provider_status: 'Shipped',
      currency: 'TRY',
      created_at: '2026-11-20T18:30:00.000Z',
      updated_at: '2026-11-21T14:30:00.000Z',
      subtotal: { amount: '909.70', currency: 'TRY' },
      discount_total: { amount: '63.99', currency: 'TRY' },
      total: { amount: '845.71', currency: 'TRY' },
      customer: { name: 'Ayşe Yılmaz', email: 'a***@n11.com', phone: '+905551234567' },
    })
    expect(order.shipping_address).toEqual({
      name: 'Ayşe Yılmaz',
      company: null,
      phone: '+905551234567',
      email: 'a***@n11.com',
      line1: 'Caferağa Mah. Moda Cad. No:5',
      line2: null,
      district: 'Kadıköy',
      city: 'İstanbul',
      state: null,
      postal_code: '34710',
      country_code: 'TR',
    })
    // The campaign code (cargoTrackingNumber) is not a tracking number; cargoSenderNumber is.
    expect(order.shipments).toEqual([
      { carrier: 'yurtici', tracking_number: '100200300400', tracking_url: 'https://www.yurticikargo.com/x?code=100200300400', shipped_at: '2026-11-21T14:30:00.000Z' },
    ])
    expect(order.lines?.[0]).toEqual({
      id: '3123456780',
      sku: 'CEZVE-1',
      barcode: '8680000000001',
      product_id: String(550_000_000 + 3123456780),
      title: 'Bakır Cezve 2 Kişilik',
      quantity: 2,
      unit_price: { amount: '389.90', currency: 'TRY' },
      total: { amount: '715.81', currency: 'TRY' },
      tax_rate: '20',
      provider_status: 'Shipped',
    })
    expect(order.lines?.[1]!.tax_rate).toBe('10')
  })

  it('has no shipment before the carrier took the parcel, and a pick-up point uses the buyer name', () => {
    const pkg = toN11Package({ ...spec, status: 'Picking', cargo: undefined, history: spec.history.slice(0, 2) })
    pkg.shippingAddress = { ...pkg.shippingAddress!, fullName: null }
    pkg.deliveryAddressType = 'PUP'
    const order = toUnifiedOrder(pkg, 'conn_1')
    expect(order.shipments).toEqual([])
    expect(order.shipping_address?.name).toBe('Ayşe Yılmaz')
  })

  it('addresses a package without an id by its order number', () => {
    expect(toUnifiedOrder(toN11Package({ ...spec, id: null }), 'conn_1').id).toBe('order-212345678901')
  })

  it('takes the creation time from history, else the earliest entry, else the last change', () => {
    const pkg = toN11Package(spec)
    expect(packageCreatedAt(pkg)).toBe(ordered)
    expect(packageCreatedAt({ ...pkg, packageHistories: [{ createdDate: 5, status: 'Picking' }, { createdDate: 3, status: 'Shipped' }] })).toBe(3)
    expect(packageCreatedAt({ ...pkg, packageHistories: null })).toBe(pkg.lastModifiedDate)
  })

  it('computes a line total from the discounts when dueAmount is absent', () => {
    const line: N11Line = { orderLineId: 1, productName: 'x', quantity: 3, price: 19.99, sellerDiscount: 1.5, sellerCouponDiscount: 0.5, mallDiscount: 0.1 }
    expect(toUnifiedLine(line).total).toEqual({ amount: '57.87', currency: 'TRY' })
  })
})

describe('n11 product row -> unified product', () => {
  it('maps identifiers, prices, brand attribute and status', () => {
    const row = toN11Product({ n11ProductId: 551000007, stockCode: 'N11-SKU-0007', title: 'Porselen Çay Bardağı 6’lı', brand: 'Paşabahçe', categoryId: 1000006, salePrice: 219, listPrice: 262.8, quantity: 0, status: 'InCatalogApproval', barcode: '8682000000006' })
    expect(toUnifiedProduct(row, 'conn_1')).toMatchObject({
      id: '551000007',
      sku: 'N11-SKU-0007',
      barcode: '8682000000006',
      brand: 'Paşabahçe',
      category: '1000006',
      price: { amount: '219.00', currency: 'TRY' },
      list_price: { amount: '262.80', currency: 'TRY' },
      quantity: 0,
      status: 'pending_approval',
      provider_status: 'InCatalogApproval',
      attributes: { Marka: 'Paşabahçe', Renk: 'Standart' },
      updated_at: null,
    })
  })
})

describe('n11 price/stock rows and task results', () => {
  it('writes prices with exactly two decimals and leaves absent fields out', () => {
    const body = stringifyJson({ skus: [toN11SkuUpdate({ sku: 'A', price: '1600', list_price: '2000.5' }), toN11SkuUpdate({ sku: 'B', quantity: 0 })] })
    expect(body).toBe('{"skus":[{"stockCode":"A","listPrice":2000.50,"salePrice":1600.00},{"stockCode":"B","quantity":0}]}')
  })

  it('reads reasons from the row or from sku, and a success has no error', () => {
    expect(toUnifiedItemResult({ itemCode: 'A', status: 'SUCCESS', reasons: [] })).toEqual({ sku: 'A', status: 'succeeded' })
    expect(toUnifiedItemResult({ itemCode: 'B', status: 'FAIL', reasons: ['listPrice, salePrice değerinden küçük olamaz.'] })).toEqual({
      sku: 'B',
      status: 'failed',
      error: { code: 'FAIL', message: 'listPrice, salePrice değerinden küçük olamaz.' },
    })
    expect(toUnifiedItemResult({ itemCode: 'C', status: 'FAIL', sku: { reasons: ['Ürün bulunamadı.'] } }).error?.message).toBe('Ürün bulunamadı.')
    expect(toUnifiedItemResult({ itemCode: 'D', status: 'FAIL' }).error?.message).toBe('n11 reported FAIL for this SKU')
  })

  it('formats task dates as n11 does: Istanbul wall clock, dd-MM-yyyy HH:mm:ss', () => {
    expect(toN11TaskDate(Date.parse('2026-11-20T18:30:05Z'))).toBe('20-11-2026 21:30:05')
  })
})

describe('n11 carrier names, every row', () => {
  it.each(Object.entries(n11CarrierNameTable))('%s <- %s', (carrier, name) => {
    expect(n11Carriers.toUnified(name)).toBe(carrier)
    expect(n11Carriers.toUnified(name.toUpperCase())).toBe(carrier)
  })
  it('reads MNG Kargo (the name on older packages) as mng, and an unknown name as null', () => {
    expect(n11Carriers.toUnified('MNG Kargo')).toBe('mng')
    expect(n11Carriers.toUnified('Başka Kargo')).toBeNull()
  })
})

describe('n11 price pair, checked before a task exists', () => {
  it.each([
    [{ sku: 'a', price: '10.00' }, { field: 'list_price', message: expect.stringContaining('together') }],
    [{ sku: 'a', list_price: '10.00' }, { field: 'price', message: expect.stringContaining('together') }],
    [{ sku: 'a', price: '10.00', list_price: '9.99' }, { field: 'list_price', message: 'n11 refuses a list_price below the price' }],
    [{ sku: 'a', price: '10.00', list_price: '10' }, null],
    [{ sku: 'a', quantity: 3 }, null],
  ])('%j -> %j', (item, problem) => {
    expect(n11PricePairProblem(item)).toEqual(problem)
  })
})
