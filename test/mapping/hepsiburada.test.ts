import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import {
  bucketsFor,
  hepsiburadaCargoCompany,
  hepsiburadaCarrierTable,
  hepsiburadaCarriers,
  hepsiburadaStatusTable,
  listingState,
  listingStatusTable,
  mapHepsiburadaStatus,
  mapListingStatus,
  mapUploadStatus,
  mergeItemResults,
  orderBuckets,
  parseUnitId,
  toHbLocalTime,
  toUnifiedAddress,
  toUnifiedOrder,
  toUnifiedProduct,
  unknownOrderStatus,
  uploadItemResults,
  uploadStatusTable,
} from '../../providers/hepsiburada/mapping.js'
import { toHbLines, toHbListing, type OrderSpec } from '../../providers/hepsiburada/fixtures.js'
import type { HbLine } from '../../providers/hepsiburada/types.js'

const expectedStatuses: Record<keyof typeof hepsiburadaStatusTable, [string, string, string]> = {
  PaymentAwaiting: ['open', 'unfulfilled', 'pending'],
  Open: ['open', 'unfulfilled', 'paid'],
  Unpacked: ['open', 'unfulfilled', 'paid'],
  Packaged: ['open', 'processing', 'paid'],
  InTransit: ['open', 'shipped', 'paid'],
  Shipped: ['open', 'shipped', 'paid'],
  Delivered: ['completed', 'delivered', 'paid'],
  Undelivered: ['open', 'undeliverable', 'paid'],
  Cancelled: ['cancelled', 'cancelled', 'refunded'],
  Returned: ['completed', 'returned', 'refunded'],
}

const logSink = () => {
  const lines: string[] = []
  return { lines, log: createLogger({ level: 'debug', sink: (line) => lines.push(line) }) }
}

describe('Hepsiburada status table', () => {
  it('has a test row for every table row', () => {
    expect(Object.keys(expectedStatuses).sort()).toEqual(Object.keys(hepsiburadaStatusTable).sort())
  })

  it.each(Object.entries(expectedStatuses))('%s -> %j', (status, [order, fulfillment, payment]) => {
    expect(mapHepsiburadaStatus(status)).toEqual({ status: order, fulfillment, payment })
  })

  it('maps an unknown status to open/processing/unknown and logs it once', () => {
    const { lines, log } = logSink()
    expect(mapHepsiburadaStatus('ClaimCreatedXyz', log)).toEqual(unknownOrderStatus)
    expect(mapHepsiburadaStatus('ClaimCreatedXyz', log)).toEqual(unknownOrderStatus)
    expect(lines.filter((line) => line.includes('"value":"ClaimCreatedXyz"'))).toHaveLength(1)
  })
})

describe('Hepsiburada order buckets', () => {
  it.each([
    [undefined, ['open', 'packaged', 'shipped', 'undelivered', 'delivered', 'cancelled']],
    ['open', ['open', 'packaged', 'shipped', 'undelivered']],
    ['completed', ['delivered']],
    ['cancelled', ['cancelled']],
  ] as const)('status filter %s visits %j', (status, buckets) => {
    expect(bucketsFor(status)).toEqual(buckets)
  })

  it.each(Object.entries(orderBuckets))('bucket %s lists statuses its table rows produce', (_bucket, { statuses }) => {
    const produced = new Set(Object.values(hepsiburadaStatusTable).map((row) => row.status))
    for (const status of statuses) expect(produced.has(status)).toBe(true)
  })
})

describe('Hepsiburada carrier table', () => {
  it.each(Object.entries(hepsiburadaCarrierTable))('%s -> %s', (carrier, shortName) => {
    expect(hepsiburadaCargoCompany(carrier)).toBe(shortName)
    expect(hepsiburadaCargoCompany(` ${carrier.toUpperCase()} `)).toBe(shortName)
  })

  it.each(Object.entries(hepsiburadaCarrierTable))('short name of %s reads back as the unified id', (carrier, shortName) => {
    expect(hepsiburadaCarriers.toUnified(shortName)).toBe(carrier)
  })

  it("passes a short name Hepsiburada knows but kopru doesn't through, upper-cased", () => {
    expect(hepsiburadaCargoCompany('kolaygelsin')).toBe('KOLAYGELSIN')
  })
})

describe('Hepsiburada listing and upload tables', () => {
  const base = toHbListing({ hepsiburadaSku: 'HBCV00001', merchantSku: 'SKU-1', price: 100, availableStock: 3 }, 1)

  it.each([
    ['Salable', { ...base }],
    ['NotSalable', { ...base, isSalable: false }],
    ['Locked', { ...base, isLocked: true }],
    ['Suspended', { ...base, isSuspended: true }],
    ['Frozen', { ...base, isFrozen: true, isLocked: true }],
  ] as const)('flags give %s', (state, listing) => {
    expect(listingState(listing)).toBe(state)
  })

  it.each(Object.entries(listingStatusTable))('listing state %s -> %s', (state, status) => {
    expect(mapListingStatus(state)).toBe(status)
  })

  it('an unknown listing state is inactive', () => {
    expect(mapListingStatus('Archived')).toBe('inactive')
  })

  it.each(Object.entries(uploadStatusTable))('upload status %s -> %s', (status, outcome) => {
    expect(mapUploadStatus(status)).toBe(outcome)
  })

  it('an unknown upload status is still pending', () => {
    expect(mapUploadStatus('InProgress')).toBe('pending')
    expect(mapUploadStatus(undefined)).toBe('pending')
  })
})

const spec = (status: string, extra: Partial<OrderSpec> = {}): OrderSpec => ({
  orderNumber: '4523678901',
  // 2026-11-20 21:30 in Istanbul
  orderedAt: Date.UTC(2026, 10, 20, 18, 30),
  status,
  statusAt: Date.UTC(2026, 10, 21, 9, 0),
  lines: [
    { name: 'Bakır Cezve', merchantSku: 'CZV-1', hbSku: 'HBCV0000100001', barcode: '8690000000011', quantity: 2, unitPrice: 389.9, hbDiscount: 20, merchantDiscount: 18.99, vatRate: 20 },
    { name: 'Türk Kahvesi 250 g', merchantSku: 'KHV-2', hbSku: 'HBCV0000100002', barcode: '8690000000028', quantity: 1, unitPrice: 129.9, hbDiscount: 0, merchantDiscount: 0, vatRate: 10 },
  ],
  customer: { name: 'Zeynep Kaya', email: 'zeynep@example.com', phone: '0532 111 22 33' },
  address: { city: 'İstanbul', town: 'Kadıköy', district: 'Caferağa Mah.', postalCode: '34710', line: 'Moda Cad. No:5 D:3' },
  cargoCompany: 'ARAS',
  ...extra,
})

const unitOf = (lines: HbLine[], id = '4523678901') => ({
  id,
  orderNumber: '4523678901',
  orderDate: lines[0]!.orderDate,
  customerName: lines[0]!.customerName ?? null,
  shippingAddress: lines[0]!.shippingAddress,
  billingAddress: lines[0]!.invoice?.address,
  lines,
  raw: lines,
})

describe('Hepsiburada order mapping', () => {
  it('turns Turkish local times into UTC and money into exact decimal strings', () => {
    const lines = toHbLines(spec('Open'), 'm-1')
    expect(lines[0]!.orderDate).toBe('2026-11-20T21:30:00')
    const order = toUnifiedOrder(unitOf(lines), 'conn_1')
    expect(order).toMatchObject({
      id: '4523678901',
      order_number: '4523678901',
      provider: 'hepsiburada',
      status: 'open',
      fulfillment_status: 'unfulfilled',
      payment_status: 'paid',
      provider_status: 'Open',
      created_at: '2026-11-20T18:30:00.000Z',
      updated_at: '2026-11-21T09:00:00.000Z',
      currency: 'TRY',
      // 389.90 × 2 − 38.99 + 129.90
      total: { amount: '870.71', currency: 'TRY' },
      discount_total: { amount: '38.99', currency: 'TRY' },
      subtotal: { amount: '909.70', currency: 'TRY' },
      shipping_total: { amount: '0.00', currency: 'TRY' },
      tax_total: { amount: '135.28', currency: 'TRY' },
      customer: { name: 'Zeynep Kaya', email: 'zeynep@example.com', phone: '+905321112233' },
      shipments: [],
    })
    expect(order.lines?.[0]).toEqual({
      id: lines[0]!.id,
      sku: 'CZV-1',
      barcode: '8690000000011',
      product_id: 'HBCV0000100001',
      title: 'Bakır Cezve',
      quantity: 2,
      unit_price: { amount: '389.90', currency: 'TRY' },
      total: { amount: '740.81', currency: 'TRY' },
      tax_rate: '20',
      provider_status: 'Open',
    })
    expect(order.shipping_address).toEqual({
      name: 'Zeynep Kaya',
      company: null,
      phone: '+905321112233',
      email: 'zeynep@example.com',
      line1: 'Moda Cad. No:5 D:3',
      line2: 'Caferağa Mah.',
      district: 'Kadıköy',
      city: 'İstanbul',
      state: null,
      postal_code: '34710',
      country_code: 'TR',
    })
  })

  it('a package in transit carries its carrier, delivery barcode and shipping time', () => {
    const lines = toHbLines(spec('InTransit'), 'm-1')
    const order = toUnifiedOrder(unitOf(lines, `4523678901-${lines[0]!.packageNumber}`), 'conn_1')
    expect(order).toMatchObject({ status: 'open', fulfillment_status: 'shipped', provider_status: 'InTransit' })
    expect(order.shipments).toEqual([
      { carrier: 'aras', tracking_number: lines[0]!.barcode, tracking_url: 'https://kargotakip.araskargo.com.tr', shipped_at: '2026-11-21T09:00:00.000Z' },
    ])
  })

  it('keeps the mahalle as line2 unless the street text already names it', () => {
    const address = { address: 'Caferağa Mah. Moda Cad. No:5', city: 'İstanbul', town: 'Kadıköy', district: 'Caferağa Mah.' }
    expect(toUnifiedAddress(address)).toMatchObject({ line1: 'Caferağa Mah. Moda Cad. No:5', line2: null, district: 'Kadıköy' })
  })

  it('an address without street or city is no address', () => {
    expect(toUnifiedAddress({ name: 'x' })).toBeNull()
    expect(toUnifiedAddress(null)).toBeNull()
  })

  it('reads unit ids: an order number alone, or order-package', () => {
    expect(parseUnitId('4523678901')).toEqual({ orderNumber: '4523678901', packageNumber: null })
    expect(parseUnitId('4523678901-6523678901')).toEqual({ orderNumber: '4523678901', packageNumber: '6523678901' })
    expect(parseUnitId('../x')).toBeNull()
    expect(parseUnitId('abc')).toBeNull()
  })

  it('writes instants as Turkish wall-clock time', () => {
    expect(toHbLocalTime(new Date('2026-11-20T18:30:00Z'))).toBe('2026-11-20T21:30:00')
  })
})

describe('Hepsiburada listing mapping', () => {
  it('maps a listing with a campaign price: price is the campaign price, list price the listing price', () => {
    const listing = toHbListing({ hepsiburadaSku: 'HBCV0000100007', merchantSku: 'CZV-7', price: 389.9, availableStock: 12, campaignPrice: 350.91 }, 7)
    expect(toUnifiedProduct(listing, 'conn_1')).toMatchObject({
      id: 'HBCV0000100007',
      sku: 'CZV-7',
      barcode: null,
      price: { amount: '350.91', currency: 'TRY' },
      list_price: { amount: '389.90', currency: 'TRY' },
      quantity: 12,
      status: 'active',
      provider_status: 'Salable',
      attributes: { hepsiburada_sku: 'HBCV0000100007', listing_id: listing.listingId, dispatch_time_days: '2' },
    })
  })

  it('a locked listing is inactive with its reason', () => {
    const listing = toHbListing({ hepsiburadaSku: 'HBCV1', merchantSku: 'S1', price: 10, availableStock: 1, isLocked: true }, 1)
    expect(toUnifiedProduct(listing, 'conn_1')).toMatchObject({ status: 'inactive', provider_status: 'Locked', list_price: null, attributes: { inactive_reasons: 'MaxLock' } })
  })
})

describe('Hepsiburada upload results', () => {
  const ref = { kind: 'price' as const, id: 'u1', skus: ['A', 'B', 'C', 'D'] }

  it('reads errors by 1-based elementNo and price locks as failures', () => {
    const items = uploadItemResults(ref, {
      id: 'u1',
      status: 'Done',
      errors: [{ elementNo: 2, merchantSku: 'B', errors: ['InvalidPrice'] }],
      priceValidations: [{ elementNo: 4, merchantSku: 'D', type: 'MaxLock', minPrice: 1, maxPrice: 50, description: 'Yüksek fiyat sebebiyle kilitlendi.' }],
    })
    expect(items).toEqual([
      { sku: 'A', status: 'succeeded' },
      { sku: 'B', status: 'failed', error: { code: 'InvalidPrice', message: 'price: InvalidPrice' } },
      { sku: 'C', status: 'succeeded' },
      { sku: 'D', status: 'failed', error: { code: 'MaxLock', message: 'price: Yüksek fiyat sebebiyle kilitlendi. (allowed 1–50)' } },
    ])
  })

  it('an upload still in progress leaves every item pending; a failed upload fails every item', () => {
    expect(uploadItemResults(ref, { id: 'u1', status: 'InProgress' }).every((item) => item.status === 'pending')).toBe(true)
    expect(uploadItemResults(ref, { id: 'u1', status: 'Failed', errors: null }).map((item) => item.error?.code)).toEqual(['UploadFailed', 'UploadFailed', 'UploadFailed', 'UploadFailed'])
  })

  it('merges price and stock outcomes per SKU: failed wins, then pending', () => {
    expect(
      mergeItemResults([
        { sku: 'A', status: 'succeeded' },
        { sku: 'B', status: 'failed', error: { code: 'InvalidPrice', message: 'x' } },
        { sku: 'C', status: 'succeeded' },
        { sku: 'A', status: 'pending' },
        { sku: 'B', status: 'succeeded' },
        { sku: 'C', status: 'failed', error: { code: 'InvalidAvailableStock', message: 'y' } },
      ]),
    ).toEqual([
      { sku: 'A', status: 'pending' },
      { sku: 'B', status: 'failed', error: { code: 'InvalidPrice', message: 'x' } },
      { sku: 'C', status: 'failed', error: { code: 'InvalidAvailableStock', message: 'y' } },
    ])
  })
})
