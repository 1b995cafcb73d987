import { inflateSync } from 'node:zlib'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { linearModules, matrixModules } from '../../src/core/shipping/labels/barcodes.js'
import { renderPdfLabel } from '../../src/core/shipping/labels/pdf-label.js'
import { toWinAnsi } from '../../src/core/shipping/labels/transliterate.js'
import { parseRateSheet, rateFromSheet, zoneFor } from '../../src/core/shipping/rate-sheet.js'
import { createLoadingCache, turkishKey } from '../../src/core/provider-kit/cache.js'
import { retryTransient, chargeableWeight, parcelDesi, shipmentStatusByTrackingStatus, shipmentStatusFromTracking } from '../../src/core/provider-kit/shipping.js'
import { shipmentStatuses, trackingStatuses, type ShipmentStatus, type TrackingStatus } from '../../src/models/shipment.js'

// ISO/IEC 15417's symbol table (bar, space, ... widths of values 0..106), the reference bwip-js's output is checked against.
const code128Table = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
]
const modulesOf = (values: number[]) => values.flatMap((value) => [...code128Table[value]!].map(Number))

describe('Code 128 through bwip-js', () => {
  it('encodes set B with the weighted modulo-103 check symbol (Wikipedia’s "PJJ123C")', async () => {
    // Start B 104, then P J J 1 2 3 C = 48 42 42 17 18 19 35; (104 + 48 + 84 + 126 + 68 + 90 + 114 + 245) % 103 = 55
    expect(await linearModules('PJJ123C')).toEqual(modulesOf([104, 48, 42, 42, 17, 18, 19, 35, 55, 106]))
  })

  it('packs digit pairs in set C', async () => {
    // Start C, 12 34 56, check (105 + 12 + 68 + 168) % 103 = 44
    expect(await linearModules('123456')).toEqual(modulesOf([105, 12, 34, 56, 44, 106]))
    expect(code128Table).toHaveLength(107)
  })

  it('refuses what Code 128 cannot encode', async () => {
    await expect(linearModules('')).rejects.toThrow(RangeError)
    // Printable ASCII only: branch scanners do not read extended (FNC4) characters reliably.
    await expect(linearModules('Ş')).rejects.toThrow(RangeError)
    await expect(linearModules('A\u0000B')).rejects.toThrow(RangeError)
  })

  it('encodes the 2D codes carriers ask for as module matrices', async () => {
    const dm = await matrixModules('K0123456789ABCDE', 'datamatrix')
    expect(dm.columns).toBe(dm.rows)
    expect(dm.modules).toHaveLength(dm.columns * dm.rows)
    // ECC 200 finder pattern: solid left column, solid bottom row.
    for (let row = 0; row < dm.rows; row++) expect(dm.modules[row * dm.columns]).toBe(1)
    for (let col = 0; col < dm.columns; col++) expect(dm.modules[(dm.rows - 1) * dm.columns + col]).toBe(1)
    const qr = await matrixModules('https://kopru.example/t/K0123', 'qrcode')
    expect((qr.columns - 17) % 4).toBe(0)
    // Finder pattern: the top-left 7 modules of the first row are dark.
    expect(qr.modules.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 1])
  })
})

describe('PDF labels', () => {
  it('keeps WinAnsi letters and spells the six Turkish letters standard fonts lack', () => {
    expect(toWinAnsi('Şişli Çağlayan İğdır ÖÜ ı€😀')).toBe('Sisli Çaglayan Igdir ÖÜ i??')
  })

  it('renders a one-page 100×150 mm PDF with Turkish addresses', async () => {
    const bytes = await renderPdfLabel({
      carrier: 'Yurtiçi Kargo',
      barcode: 'K0123456789ABCDE',
      reference: 'K0123456789ABCDE',
      trackingNumber: null,
      shipper: { name: 'Kopru Mağaza', line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR', phone: '+905321112233' },
      recipient: { name: 'Ayşe Yılmaz', line1: 'Moda Cad. No:5 Daire:3', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
      parcels: [{ weight_kg: 1.5, desi: 3 }],
      cod: { amount: { amount: '249.90', currency: 'TRY' }, collection: 'cash' },
      createdAt: new Date('2026-11-28T10:00:00Z'),
    })
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    const { width, height } = doc.getPage(0).getSize()
    expect(Math.round(width)).toBe(283)
    expect(Math.round(height)).toBe(425)
    // pdf-lib deflates content streams and writes shown text as hex strings.
    const raw = Buffer.from(bytes)
    let text = ''
    for (let at = raw.indexOf('stream\n'); at >= 0; at = raw.indexOf('stream\n', at + 1)) {
      const end = raw.indexOf('endstream', at)
      try {
        text += inflateSync(raw.subarray(at + 7, end)).toString('latin1')
      } catch {
        // not a deflated stream
      }
    }
    const hex = (s: string) => `<${[...s].map((ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('').toUpperCase()}>`
    expect(text).toContain(hex('Ayse Yilmaz'))
    expect(text).toContain(hex('KADIKÖY / ISTANBUL'))
  })

  it('draws a 2D code beside the Code 128 when the carrier asks for one', async () => {
    const content = {
      carrier: 'MNG Kargo',
      barcode: 'KPR123456',
      reference: 'KPR123456',
      trackingNumber: null,
      shipper: { name: 'Kopru', line1: 'Büyükdere Cad. No:1', district: 'Şişli', city: 'İstanbul', country_code: 'TR' },
      recipient: { name: 'Ayşe', line1: 'Moda Cad. No:5', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
      parcels: [{ weight_kg: 1, desi: 2 }],
      createdAt: new Date('2026-11-28T10:00:00Z'),
    }
    const rectangles = async (bytes: Uint8Array) => {
      const raw = Buffer.from(bytes)
      let count = 0
      for (let at = raw.indexOf('stream\n'); at >= 0; at = raw.indexOf('stream\n', at + 1)) {
        try {
          count += (inflateSync(raw.subarray(at + 7, raw.indexOf('endstream', at))).toString('latin1').match(/^h\nf$/gm) ?? []).length
        } catch {
          // not a deflated stream
        }
      }
      return count
    }
    const plain = await rectangles(await renderPdfLabel(content))
    const matrix = await matrixModules('KPR123456', 'datamatrix')
    const withCode = await rectangles(await renderPdfLabel({ ...content, matrix: { symbology: 'datamatrix', text: 'KPR123456' } }))
    expect(withCode - plain).toBe(matrix.modules.filter(Boolean).length)
  })
})

describe('tracking status -> shipment lifecycle (every row)', () => {
  const expected: Record<TrackingStatus, ShipmentStatus | 'keep'> = {
    pending: 'keep',
    picked_up: 'in_transit',
    in_transit: 'in_transit',
    out_for_delivery: 'out_for_delivery',
    ready_for_pickup: 'in_transit',
    delivery_delayed: 'needs_attention',
    on_hold: 'needs_attention',
    delivery_failed: 'delivery_failed',
    return_to_sender: 'needs_attention',
    returned: 'returned',
    delivered: 'delivered',
    cancelled: 'cancelled',
    unknown: 'keep',
  }
  it.each(trackingStatuses.map((s) => [s]))('%s', (status) => {
    expect(shipmentStatusByTrackingStatus[status]).toBe(expected[status])
    const next = shipmentStatusFromTracking(status, 'label_created')
    expect(next).toBe(expected[status] === 'keep' ? 'label_created' : expected[status])
    expect(shipmentStatuses).toContain(next)
  })

  it('computes desi from dimensions and bills the larger of kg and desi', () => {
    expect(parcelDesi({ length_cm: 30, width_cm: 20, height_cm: 10 })).toBe(2)
    expect(parcelDesi({ desi: 7 })).toBe(7)
    expect(chargeableWeight({ weight_kg: 5, length_cm: 30, width_cm: 20, height_cm: 10 })).toBe(5)
    expect(chargeableWeight({ weight_kg: 0.5, desi: 3 })).toBe(3)
  })
})

describe('rate sheets', () => {
  const sheet = {
    currency: 'TRY',
    zones: ['sehir_ici', 'yakin', 'uzak'],
    same_city_zone: 'sehir_ici',
    default_zone: 'uzak',
    routes: [{ from: 'İstanbul', to: 'Kocaeli', zone: 'yakin' }],
    bands: [
      { max_desi: 1, prices: { sehir_ici: '40.00', yakin: '50.00', uzak: '60.00' } },
      { max_desi: 5, prices: { sehir_ici: '55.50', yakin: '65.50', uzak: '80.25' } },
    ],
    extra_per_desi: { sehir_ici: '3.10', yakin: '4.20', uzak: '5.30' },
    cod_fee: { fixed: '10', percent: '1.5' },
    estimated_days: { sehir_ici: 1, yakin: 2, uzak: 3 },
  }
  const address = (city: string) => ({ name: 'X', line1: 'Y', city, district: 'Merkez', country_code: 'TR' })

  it('finds the zone by city pair in either direction, Turkish-case-insensitively', () => {
    const parsed = parseRateSheet(sheet)
    expect(zoneFor(parsed, 'istanbul', 'İSTANBUL')).toBe('sehir_ici')
    expect(zoneFor(parsed, 'Kocaeli', 'İstanbul')).toBe('yakin')
    expect(zoneFor(parsed, 'İzmir', 'Van')).toBe('uzak')
  })

  it('prices each parcel by band and zone, beyond the last band per extra desi, plus the COD fee', () => {
    const parsed = parseRateSheet(sheet)
    const rate = rateFromSheet(parsed, 'aras', {
      shipper: address('İstanbul'),
      recipient: address('Kocaeli'),
      parcels: [{ weight_kg: 0.8 }, { weight_kg: 2, desi: 4.2 }, { weight_kg: 7.2 }],
      cod: { amount: { amount: '200.00', currency: 'TRY' }, collection: 'cash' },
    })
    // 50.00 + 65.50 + (65.50 + 3 × 4.20 = 78.10) + (10 + 3.00) = 206.60
    expect(rate).toEqual({ carrier: 'aras', service: 'standard', total: { amount: '206.60', currency: 'TRY' }, source: 'rate_sheet', estimated_days: 2 })
  })

  it('names every invalid field under settings.rate_sheet', () => {
    const bad = { ...sheet, default_zone: 'nowhere', bands: [sheet.bands[1], { max_desi: 1, prices: { sehir_ici: '1,5' } }] }
    try {
      parseRateSheet(bad)
      throw new Error('should have failed')
    } catch (error) {
      const paths = (error as { errors: { path: string }[] }).errors.map((e) => e.path)
      expect(paths).toEqual(
        expect.arrayContaining([
          'settings.rate_sheet.default_zone',
          'settings.rate_sheet.bands.1.max_desi',
          'settings.rate_sheet.bands.1.prices.yakin',
          'settings.rate_sheet.bands.1.prices.sehir_ici',
        ]),
      )
    }
  })
})

describe('provider-kit helpers for carriers', () => {
  it('loads a key once for concurrent callers, expires it, and drops only the value it was told to', async () => {
    let t = 0
    let loads = 0
    const cache = createLoadingCache<string>({ now: () => t })
    const load = async () => ({ value: `v${++loads}`, expiresAt: t + 100 })
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual(['v1', 'v1'])
    t = 150
    expect(await cache.get('k', load)).toBe('v2')
    cache.delete('k', 'v1')
    expect(await cache.get('k', load)).toBe('v2')
    cache.delete('k', 'v2')
    expect(await cache.get('k', load)).toBe('v3')
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await cache.get('x', load)).toBe('v4')
  })

  it('folds Turkish place names', () => {
    expect(turkishKey('İSTANBUL')).toBe(turkishKey('istanbul'))
    expect(turkishKey('KADIKÖY')).toBe(turkishKey('Kadikoy'))
    expect(turkishKey('Şişli')).toBe('sisli')
    expect(turkishKey('Ankara')).not.toBe(turkishKey('Antalya'))
  })

  it('retries only what is marked transient', async () => {
    let calls = 0
    const flaky = () => (++calls < 3 ? Promise.reject(new Error('transient')) : Promise.resolve('ok'))
    expect(await retryTransient(flaky, { delayMs: 1, isTransient: (e) => (e as Error).message === 'transient' })).toBe('ok')
    expect(calls).toBe(3)
    calls = 0
    await expect(retryTransient(() => (++calls, Promise.reject(new Error('fatal'))), { delayMs: 1, isTransient: () => false })).rejects.toThrow('fatal')
    expect(calls).toBe(1)
  })
})
