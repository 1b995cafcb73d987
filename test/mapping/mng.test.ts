import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { parseMngError } from '../../providers/mng/client.js'
import { mng } from '../../providers/mng/index.js'
import { MNG_STATE_CONFLICTS, mngErrorMeaning, mngTrackingStatusTable, mngValidationFields, toTracker, toTrackingEvent } from '../../providers/mng/mapping.js'
import { mngLocalTime } from '../../providers/mng/simulator.js'
import { normalizeUpstreamError } from '../../src/core/provider-errors.js'
import { shipmentStatusFromTracking } from '../../src/core/provider-kit/shipping.js'

describe('MNG shipmentStatusCode -> tracking status -> shipment lifecycle (every row)', () => {
  it.each([
    ['0', 'pending', 'label_created'],
    ['1', 'pending', 'label_created'],
    ['2', 'in_transit', 'in_transit'],
    ['3', 'in_transit', 'in_transit'],
    ['4', 'out_for_delivery', 'out_for_delivery'],
    ['5', 'delivered', 'delivered'],
    ['6', 'delivery_failed', 'delivery_failed'],
    ['7', 'return_to_sender', 'needs_attention'],
    ['8', 'on_hold', 'needs_attention'],
  ] as const)('%s -> %s -> %s', (code, tracking, lifecycle) => {
    expect(mngTrackingStatusTable(code)).toBe(tracking)
    expect(shipmentStatusFromTracking(tracking, 'label_created')).toBe(lifecycle)
  })

  it('maps an unknown code to unknown and logs it once, never throws', () => {
    const lines: string[] = []
    const log = createLogger({ level: 'debug', sink: (line) => lines.push(line) })
    expect(mngTrackingStatusTable('99', log)).toBe('unknown')
    expect(mngTrackingStatusTable('99', log)).toBe('unknown')
    expect(lines.filter((l) => l.includes('mng.shipmentStatusCode') && l.includes('"99"'))).toHaveLength(1)
    const tracker = toTracker('406300000001', [{ eventSequence: 1, eventStatusCode: 99, eventStatus: 'Yeni durum', eventDateTime: '28.11.2026 12:00:00', location: '', locationCity: '', locationTown: '' }], null, log)
    expect(tracker).toMatchObject({ status: 'unknown', delivered: false, carrier_status: { code: '99', text: 'Yeni durum' } })
    expect(shipmentStatusFromTracking(tracker.status, 'label_created')).toBe('label_created')
  })
})

describe('MNG events and dates', () => {
  it('reads dd.MM.yyyy HH:mm:ss as Turkish time and answers UTC', () => {
    const event = toTrackingEvent({ eventSequence: 1, eventStatusCode: 2, eventStatus: 'Gönderi transfer aşamasında', eventDateTime: '28.11.2026 01:30:05', location: 'Aktarma', locationCity: 'İSTANBUL', locationTown: 'TUZLA' })
    expect(event).toEqual({
      occurred_at: '2026-11-27T22:30:05.000Z',
      status: 'in_transit',
      code: '2',
      description: 'Gönderi transfer aşamasında',
      location: { city: 'İSTANBUL', district: 'TUZLA', facility: 'Aktarma' },
    })
    expect(mngLocalTime(Date.parse('2026-11-27T22:30:05Z'))).toBe('28.11.2026 01:30:05')
  })
})

describe('MNG errors', () => {
  it('reads array-wrapped application errors, IBM gateway errors and nothing from HTML', () => {
    const response = (data: unknown) => ({ status: 400, headers: new Headers(), data, text: '' })
    expect(parseMngError(response([{ error: { Code: '10002', Message: 'Cep telefonu hatalı' } }]))).toMatchObject({ code: '10002', message: 'Cep telefonu hatalı' })
    expect(parseMngError(response({ error: { Code: 20001, Message: 'VARIŞ ŞUBESİ BULUNAMADI' } }))).toEqual({ code: '20001', message: 'VARIŞ ŞUBESİ BULUNAMADI' })
    expect(parseMngError(response({ httpCode: '401', httpMessage: 'Unauthorized', moreInformation: 'Invalid client id or secret.' }))).toEqual({ message: 'Invalid client id or secret.' })
    expect(parseMngError(response('<html>500</html>'))).toEqual({})
  })

  const appError = (code: string, message: string) => ({ status: 400, headers: new Headers(), data: [{ error: { Code: code, Message: message } }], text: '' })

  it.each(Object.entries(mngValidationFields))('validation code %s names %s', (code, path) => {
    expect(parseMngError(appError(code, 'sebep'))).toEqual({ code, message: 'sebep', kind: 'validation', fields: [{ path, message: 'sebep' }] })
  })

  it('reads a duplicate referenceId as a reconcilable duplicate and barcode refusals as state conflicts', () => {
    expect(parseMngError(appError('30001', 'var'))).toEqual({ code: '30001', message: 'var', kind: 'duplicate', fields: [{ path: 'body.reference', message: 'var' }] })
    for (const code of MNG_STATE_CONFLICTS) expect(parseMngError(appError(code, 'iptal edilemez'))).toMatchObject({ code, kind: 'conflict' })
    expect(mngErrorMeaning('20001', 'geçici')).toEqual({})
  })

  it('turns the kinds into problems through the core mapper only', () => {
    const error = normalizeUpstreamError(mng, appError('10002', 'Cep telefonu hatalı'))
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, errors: [{ path: 'body.recipient.phone' }], provider: { id: 'mng', code: '10002' } })
    expect(normalizeUpstreamError(mng, appError('30001', 'var'))).toMatchObject({ code: 'conflict', kind: 'duplicate' })
    expect(normalizeUpstreamError(mng, appError('40003', 'barkod var'))).toMatchObject({ code: 'conflict', status: 409, kind: 'conflict' })
    expect(normalizeUpstreamError(mng, { ...appError('20001', 'geçici'), status: 500 })).toMatchObject({ code: 'provider_error', provider: { code: '20001' } })
  })

  it('reads the readable Description when Message is the generic "Error"', () => {
    const data = [{ error: { Code: '99', Message: 'Error', Description: 'Gönderi şubeden çıktığı için iptal edilemez' } }]
    expect(parseMngError({ data, status: 500, headers: new Headers() } as never)).toEqual({ code: '99', message: 'Gönderi şubeden çıktığı için iptal edilemez' })
  })
})

describe('MNG getcities names', () => {
  it('match on the name part: the plate number after the name is dropped', async () => {
    const { mngCityName } = await import('../../providers/mng/index.js')
    expect(mngCityName('İSTANBUL  34')).toBe('İSTANBUL')
    expect(mngCityName('ADANA  11')).toBe('ADANA')
    expect(mngCityName('AFYONKARAHİSAR 3')).toBe('AFYONKARAHİSAR')
    expect(mngCityName('İZMİR')).toBe('İZMİR')
  })
})
