import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import {
  mapYurticiError,
  mapYurticiEvent,
  mapYurticiOperation,
  codDocumentId,
  toShippingOrderVO,
  toYurticiTracker,
  yurticiErrorTable,
  yurticiEventTable,
  yurticiOperationTable,
  yurticiRejectTable,
  yurticiTime,
  yurticiTrackingStatus,
} from '../../providers/yurtici/mapping.js'
import type { CreateShipmentRequest } from '../../src/models/index.js'

const capture = () => {
  const lines: string[] = []
  return { lines, log: createLogger({ level: 'debug', sink: (line) => lines.push(line) }) }
}

describe('Yurtiçi status tables, every row', () => {
  it.each([
    ['NOP', 'pending', undefined],
    ['IND', 'in_transit', undefined],
    ['ISR', 'picked_up', undefined],
    ['CNL', 'cancelled', undefined],
    ['ISC', 'cancelled', undefined],
    ['DLV', 'delivered', undefined],
    ['BI', 'cancelled', 'needs_attention'],
  ])('operationStatus %s -> %s', (code, tracking, shipment) => {
    expect(mapYurticiOperation(code)).toEqual(shipment ? { tracking, shipment } : { tracking })
    expect(Object.keys(yurticiOperationTable)).toContain(code)
  })

  it('covers exactly the documented operation statuses', () => {
    expect(Object.keys(yurticiOperationTable).sort()).toEqual(['BI', 'CNL', 'DLV', 'IND', 'ISC', 'ISR', 'NOP'])
  })

  it.each([
    ['KB', '', 'picked_up'],
    ['AT', '', 'in_transit'],
    ['TM', '', 'in_transit'],
    ['VS', '', 'in_transit'],
    ['YK', '', 'in_transit'],
    ['YK', 'GOK', 'out_for_delivery'],
    ['YK', 'KTN', 'out_for_delivery'],
    ['TX', 'ADR', 'delivery_failed'],
    ['OK', 'OK', 'delivered'],
  ])('event %s/%s -> %s', (eventId, reasonId, status) => {
    expect(mapYurticiEvent(eventId, reasonId)).toBe(status)
  })

  it('has a test row for every event table entry', () => {
    expect(Object.keys(yurticiEventTable).sort()).toEqual(['AT', 'KB', 'OK', 'TM', 'TX', 'VS', 'YK', 'YK/GOK', 'YK/KTN'])
  })

  it.each(Object.entries(yurticiRejectTable))('rejectStatus %s overrides to %s', (reject, status) => {
    const detail = { operationStatus: 'IND', shippingDeliveryItemDetailVO: { rejectStatus: reject } }
    expect(yurticiTrackingStatus(detail).status).toBe(status)
  })

  it('rejectStatus values that call the return off (4, 7, 8, 11) do not override; returnStatus 3 means returned', () => {
    for (const reject of ['4', '7', '8', '11']) {
      expect(yurticiTrackingStatus({ operationStatus: 'IND', shippingDeliveryItemDetailVO: { rejectStatus: reject } }).status).toBe('in_transit')
    }
    expect(yurticiTrackingStatus({ operationStatus: 'DLV', shippingDeliveryItemDetailVO: { returnStatus: '3' } }).status).toBe('returned')
  })

  it('refines IND with the current cargo event, but never a cancelled or pending shipment', () => {
    const at = (operationStatus: string, cargoEventId: string, cargoReasonId = '') =>
      yurticiTrackingStatus({ operationStatus, shippingDeliveryItemDetailVO: { cargoEventId, cargoReasonId } }).status
    expect(at('IND', 'YK', 'GOK')).toBe('out_for_delivery')
    expect(at('IND', 'TX', 'ADR')).toBe('delivery_failed')
    expect(at('IND', 'OK', 'OK')).toBe('delivered')
    expect(at('IND', 'AT')).toBe('in_transit')
    expect(at('CNL', 'OK', 'OK')).toBe('cancelled')
    expect(yurticiTrackingStatus({ operationCode: '5' }).status).toBe('delivered')
  })

  it.each(Object.entries(yurticiErrorTable))('errCode %s -> %j', (code, row) => {
    expect(mapYurticiError(code)).toEqual(row)
  })

  it('unknown values map to the safe value and are logged once, never thrown', () => {
    const { lines, log } = capture()
    expect(mapYurticiOperation('ZZZ', log)).toEqual({ tracking: 'unknown' })
    expect(mapYurticiOperation('ZZZ', log)).toEqual({ tracking: 'unknown' })
    expect(mapYurticiEvent('QQ', 'X', log)).toBe('unknown')
    expect(mapYurticiError('99999', log)).toEqual({ kind: 'provider' })
    expect(lines.filter((line) => line.includes('ZZZ'))).toHaveLength(1)
    expect(lines.some((line) => line.includes('QQ'))).toBe(true)
    expect(lines.some((line) => line.includes('99999'))).toBe(true)
  })
})

describe('Yurtiçi translation', () => {
  it('reads Istanbul YYYYMMDD + HHMMSS as UTC', () => {
    expect(yurticiTime('20261120', '142530')).toBe('2026-11-20T11:25:30.000Z')
    expect(yurticiTime('20261121', '93015')).toBe('2026-11-21T06:30:15.000Z')
    expect(yurticiTime('20261120', '')).toBe('2026-11-19T21:00:00.000Z')
    expect(yurticiTime('', '101010')).toBeNull()
  })

  const request: CreateShipmentRequest = {
    shipper: { name: 'Kopru Demo', line1: 'Alemdağ Cad. 1', city: 'İstanbul', country_code: 'TR' },
    recipient: { name: 'Ayşe Yılmaz', company: 'Yılmaz Ltd', phone: '+905321234567', email: 'ayse@example.com', line1: 'Moda Cad. No:5 D:3', line2: 'Caferağa Mah.', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
    parcels: [{ weight_kg: 1.5, length_cm: 30, width_cm: 20, height_cm: 10 }, { weight_kg: 2, desi: 4 }],
    cod: { amount: { amount: '129.9', currency: 'TRY' }, collection: 'card' },
    description: 'Bakır cezve',
  }

  it('builds a ShippingOrderVO: cargoKey = invoiceKey = reference, national phone, summed desi/kg, COD fields', () => {
    expect(toShippingOrderVO(request, 'KPR-ORDER-1001')).toEqual({
      cargoKey: 'KPR-ORDER-1001',
      invoiceKey: 'KPR-ORDER-1001',
      receiverCustName: 'Ayşe Yılmaz / Yılmaz Ltd',
      receiverAddress: 'Moda Cad. No:5 D:3 Caferağa Mah.',
      cityName: 'İstanbul',
      townName: 'Kadıköy',
      receiverPhone1: '5321234567',
      emailAddress: 'ayse@example.com',
      taxOfficeId: 0,
      desi: '6.000',
      kg: '3.500',
      cargoCount: 2,
      ttInvoiceAmount: '129.90',
      ttDocumentId: codDocumentId('KPR-ORDER-1001'),
      ttCollectionType: '1',
      ttDocumentSaveType: '0',
      dcSelectedCredit: 1,
      dcCreditRule: 1,
      description: 'Bakır cezve',
    })
    const plain = toShippingOrderVO({ ...request, cod: undefined, recipient: { ...request.recipient, phone: '12', district: undefined } }, 'R1')
    expect(plain.receiverPhone1).toBe('12')
    expect(plain.townName).toBeUndefined()
    expect(plain.ttInvoiceAmount).toBeUndefined()
    // Elements the WSDL declares without minOccurs="0" are present on a non-COD shipment too.
    expect(plain).toMatchObject({ taxOfficeId: 0, cargoCount: 2, ttDocumentId: 0, dcSelectedCredit: 0, dcCreditRule: 0 })
  })

  it('derives a numeric COD document id (xs:long) that is stable per reference', () => {
    const id = codDocumentId('KPR-ORDER-1001')
    expect(id).toMatch(/^[1-9]\d{0,11}$/)
    expect(codDocumentId('KPR-ORDER-1001')).toBe(id)
    expect(codDocumentId('KPR-ORDER-1002')).not.toBe(id)
  })

  it('sends the ShippingOrderVO elements in the WSDL sequence order', () => {
    const order = ['cargoKey', 'invoiceKey', 'receiverCustName', 'receiverAddress', 'cityName', 'townName', 'receiverPhone1', 'emailAddress', 'taxOfficeId', 'desi', 'kg', 'cargoCount', 'ttInvoiceAmount', 'ttDocumentId', 'ttCollectionType', 'ttDocumentSaveType', 'dcSelectedCredit', 'dcCreditRule', 'description']
    expect(Object.keys(toShippingOrderVO(request, 'KPR-ORDER-1001'))).toEqual(order)
  })

  it('turns a query row into a tracker with UTC events, oldest first, and the carrier status', () => {
    const tracker = toYurticiTracker({
      cargoKey: 'K1',
      docId: '100365926601',
      operationStatus: 'IND',
      operationMessage: 'Kargo Teslimattadır.',
      shippingDeliveryItemDetailVO: {
        cargoEventId: 'YK',
        cargoReasonId: 'GOK',
        invDocCargoVOArray: [
          { eventId: 'YK', reasonId: 'GOK', eventName: 'Dağıtıma Çıkarıldı', reasonName: 'Kuryeye Zimmetlendi', eventDate: '20261121', eventTime: '090000', cityName: 'İSTANBUL', townName: 'KADIKÖY', unitName: 'KADIKÖY ŞUBE' },
          { eventId: 'KB', reasonId: 'OK', eventName: 'Kargo Kabul Edildi', reasonName: 'Sorun Yok', eventDate: '20261120', eventTime: '180000', cityName: 'İSTANBUL', townName: 'ÜMRANİYE', unitName: 'ÜMRANİYE ŞUBE' },
        ],
      },
    })
    expect(tracker).toEqual({
      tracking_number: '100365926601',
      carrier: 'yurtici',
      status: 'out_for_delivery',
      delivered: false,
      estimated_delivery: null,
      carrier_status: { code: 'IND', text: 'Kargo Teslimattadır.' },
      events: [
        { occurred_at: '2026-11-20T15:00:00.000Z', status: 'picked_up', code: 'KB', description: 'Kargo Kabul Edildi', location: { city: 'İSTANBUL', district: 'ÜMRANİYE', facility: 'ÜMRANİYE ŞUBE' } },
        { occurred_at: '2026-11-21T06:00:00.000Z', status: 'out_for_delivery', code: 'YK', description: 'Dağıtıma Çıkarıldı (Kuryeye Zimmetlendi)', location: { city: 'İSTANBUL', district: 'KADIKÖY', facility: 'KADIKÖY ŞUBE' } },
      ],
    })
  })
})
