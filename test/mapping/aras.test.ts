import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import {
  arasCancelTable,
  arasQueryRows,
  arasSetOrderTable,
  arasStatusTable,
  arasTime,
  arasTrackingStatus,
  arasTransferTable,
  mapArasCancel,
  mapArasSetOrder,
  mapArasStatus,
  mapArasTransfer,
  toArasOrder,
  toArasTracker,
} from '../../providers/aras/mapping.js'
import type { CreateShipmentRequest } from '../../src/models/index.js'

describe('Aras status tables, every row', () => {
  it.each([
    ['1', 'picked_up'],
    ['2', 'in_transit'],
    ['3', 'in_transit'],
    ['4', 'out_for_delivery'],
    ['5', 'in_transit'],
    ['6', 'delivered'],
    ['7', 'in_transit'],
  ])('DURUM_KODU %s -> %s', (code, status) => {
    expect(mapArasStatus(code)).toBe(status)
    expect(arasTrackingStatus({ DURUM_KODU: code })).toBe(status)
  })

  it('covers exactly the documented DURUM codes', () => {
    expect(Object.keys(arasStatusTable).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7'])
  })

  it.each([
    ['AY', 'delivery_failed'],
    ['NT', 'delivery_failed'],
    ['KE', 'delivery_failed'],
    ['ÜR', 'delivery_failed'],
    ['AD', 'delivery_failed'],
    ['TL', 'delivery_delayed'],
    ['TO', 'delivery_delayed'],
    ['KG', 'on_hold'],
    ['HT', 'on_hold'],
    ['ŞA', 'ready_for_pickup'],
  ])('DEVIR_KODU %s -> %s', (code, status) => {
    expect(mapArasTransfer(code)).toBe(status)
    expect(arasTrackingStatus({ DURUM_KODU: '3', DEVIR_KODU: code })).toBe(status)
  })

  it('has a test row for every DEVIR entry; ŞA only means pickup at the delivery branch; delivered wins; TIP_KODU 3 is a return', () => {
    expect(Object.keys(arasTransferTable).sort()).toEqual(['AD', 'AY', 'HT', 'KE', 'KG', 'NT', 'TL', 'TO', 'ŞA', 'ÜR'].sort())
    expect(arasTrackingStatus({ DURUM_KODU: '2', DEVIR_KODU: 'ŞA' })).toBe('in_transit')
    expect(arasTrackingStatus({ DURUM_KODU: '6', DEVIR_KODU: 'NT' })).toBe('delivered')
    expect(arasTrackingStatus({ DURUM_KODU: '2', TIP_KODU: '3' })).toBe('return_to_sender')
  })

  it.each([
    ['935', 'body.recipient.phone'],
    ['937', 'body.reference'],
    ['938', 'body.recipient.line1'],
    ['939', 'body.recipient.name'],
    ['940', 'body.recipient.city'],
    ['941', 'body.recipient.district'],
    ['942', 'body.cod'],
    ['70018', 'body.recipient.line1'],
    ['70019', 'body.reference'],
  ])('SetOrder ResultCode %s names %s, as the Sevkiyat PDF says', (code, path) => {
    expect(mapArasSetOrder(code)).toEqual({ kind: 'field', path })
  })

  it.each(['936', '1001', '1002'])('SetOrder ResultCode %s is not about a request field (update error / account setup)', (code) => {
    expect(mapArasSetOrder(code)).toEqual({ kind: 'provider' })
  })

  it.each(Object.entries(arasSetOrderTable))('SetOrder ResultCode %s -> %j', (code, row) => {
    expect(mapArasSetOrder(code)).toEqual(row)
  })

  it.each(Object.entries(arasCancelTable))('CancelDispatch ResultCode %s -> %j', (code, row) => {
    expect(mapArasCancel(code)).toEqual(row)
  })

  it('unknown codes map to the safe value and are logged, never thrown', () => {
    const lines: string[] = []
    const log = createLogger({ level: 'debug', sink: (line) => lines.push(line) })
    expect(mapArasStatus('42', log)).toBe('unknown')
    expect(arasTrackingStatus({ DURUM_KODU: '2', DEVIR_KODU: 'XX' }, log)).toBe('in_transit')
    expect(mapArasSetOrder('12345', log)).toEqual({ kind: 'provider' })
    expect(mapArasCancel('-9', log)).toEqual({ kind: 'provider' })
    for (const value of ['42', 'XX', '12345', '-9']) expect(lines.some((line) => line.includes(`"value":"${value}"`))).toBe(true)
  })
})

describe('Aras translation', () => {
  it('reads Istanbul dd.MM.yyyy HH:mm:ss as UTC', () => {
    expect(arasTime('20.11.2026 14:25:30')).toBe('2026-11-20T11:25:30.000Z')
    expect(arasTime('01.01.2027 01:00:00')).toBe('2026-12-31T22:00:00.000Z')
    expect(arasTime('')).toBeNull()
    expect(arasTime(undefined)).toBeNull()
  })

  it('reads GetQueryJSON rows from the first array (or object) under QueryResult; non-JSON is null', () => {
    expect(arasQueryRows('{"QueryResult":{"Cargo":[{"KARGO_TAKIP_NO":"1"}]}}')).toEqual([{ KARGO_TAKIP_NO: '1' }])
    expect(arasQueryRows('{"QueryResult":{"Cargo":{"KARGO_TAKIP_NO":"1"}}}')).toEqual([{ KARGO_TAKIP_NO: '1' }])
    expect(arasQueryRows('{"QueryResult":{}}')).toEqual([])
    expect(arasQueryRows('{"QueryResult":{"Cargo":[')).toBeNull()
  })

  const request: CreateShipmentRequest = {
    shipper: { name: 'Kopru Demo', line1: 'Alemdağ Cad. 1', city: 'İstanbul', country_code: 'TR' },
    recipient: { name: 'Mehmet Kaya', phone: '+90 532 123 45 67', line1: 'Kızılay Mah. Atatürk Blv. 10', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
    parcels: [{ weight_kg: 2, desi: 3 }, { weight_kg: 1, length_cm: 10, width_cm: 10, height_cm: 30 }],
    cod: { amount: { amount: '99.5', currency: 'TRY' }, collection: 'cash' },
  }

  it('builds a SetOrder Order: IntegrationCode = reference, 10-digit phone, piece barcodes, COD', () => {
    const order = toArasOrder(request, 'KPR-A-1', { userName: 'u', password: 'p' })
    expect(order).toMatchObject({
      UserName: 'u',
      Password: 'p',
      TradingWaybillNumber: 'KPR-A-1',
      InvoiceNumber: 'KPR-A-1',
      IntegrationCode: 'KPR-A-1',
      ReceiverName: 'Mehmet Kaya',
      ReceiverAddress: 'Kızılay Mah. Atatürk Blv. 10',
      ReceiverPhone1: '5321234567',
      ReceiverCityName: 'Ankara',
      ReceiverTownName: 'Çankaya',
      VolumetricWeight: '4.00',
      Weight: '3.00',
      PieceCount: 2,
      PayorTypeCode: '1',
      IsCod: '1',
      CodAmount: '99.50',
      CodCollectionType: '0',
    })
    expect(order.PieceDetails.PieceDetail.map((piece) => piece.BarcodeNumber)).toEqual(['KPR-A-1', 'KPR-A-102'])
    expect(toArasOrder({ ...request, cod: undefined }, 'KPR-A-123456789012345678', { userName: 'u', password: 'p' }).TradingWaybillNumber).toBe('KPR-A-1234567890')
  })

  it('turns a record and its movements into a tracker with UTC events', () => {
    const tracker = toArasTracker({ KARGO_TAKIP_NO: '3513773163316', DURUM_KODU: '4', DURUMU: 'TESLİMATTA' }, [
      { ISLEM_TARIHI: '21.11.2026 09:00:00', BIRIM: 'ÇANKAYA', IL: 'ANKARA', ILCE: 'ÇANKAYA', ISLEM: 'Kargo dağıtıma çıkarıldı', DURUM_KODU: '4' },
      { ISLEM_TARIHI: '20.11.2026 18:00:00', BIRIM: 'ÜMRANİYE', IL: 'İSTANBUL', ILCE: 'ÜMRANİYE', ISLEM: 'Kargo çıkış şubesine teslim alındı', DURUM_KODU: '1' },
    ])
    expect(tracker).toEqual({
      tracking_number: '3513773163316',
      carrier: 'aras',
      status: 'out_for_delivery',
      delivered: false,
      estimated_delivery: null,
      carrier_status: { code: '4', text: 'TESLİMATTA' },
      events: [
        { occurred_at: '2026-11-20T15:00:00.000Z', status: 'picked_up', code: '1', description: 'Kargo çıkış şubesine teslim alındı', location: { city: 'İSTANBUL', district: 'ÜMRANİYE', facility: 'ÜMRANİYE' } },
        { occurred_at: '2026-11-21T06:00:00.000Z', status: 'out_for_delivery', code: '4', description: 'Kargo dağıtıma çıkarıldı', location: { city: 'ANKARA', district: 'ÇANKAYA', facility: 'ÇANKAYA' } },
      ],
    })
  })
})
