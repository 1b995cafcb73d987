import { describe, expect, it } from 'vitest'
import { buildSoapEnvelope } from '../../src/core/provider-kit/index.js'
import { YURTICI_NAMESPACE, toShippingOrderVO } from '../../providers/yurtici/mapping.js'
import { soapSchemaErrors } from '../helpers/soap-schema.js'

const request = {
  shipper: { name: 'Mağaza', line1: 'Alemdağ Cad. No:1', city: 'İstanbul', country_code: 'TR' },
  recipient: { name: 'Zeynep Şahin', phone: '+905551234567', line1: 'Moda Cad. No:5 D:3', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
  parcels: [{ weight_kg: 1.2 }],
} as const

const envelope = (vo: Record<string, unknown>) =>
  buildSoapEnvelope({
    namespace: YURTICI_NAMESPACE,
    operation: 'createShipment',
    params: { wsUserName: 'U', wsPassword: 'P', userLanguage: 'TR', ShippingOrderVO: [vo as never] },
  })

describe('Yurtiçi createShipment bodies against the WSDL types (xmllint --schema)', () => {
  it.each([
    ['plain', undefined],
    ['COD cash', { amount: { amount: '149.90', currency: 'TRY' }, collection: 'cash' }],
    ['COD card', { amount: { amount: '10', currency: 'TRY' }, collection: 'card' }],
  ] as const)('%s shipment is valid', (_name, cod) => {
    expect(soapSchemaErrors('yurtici', envelope(toShippingOrderVO({ ...request, cod } as never, 'KPR-HO778974C3')))).toBeNull()
  })

  it('the check fails for what kopru used to send: an alphanumeric ttDocumentId and no required elements', () => {
    const old = { cargoKey: 'K', invoiceKey: 'K', receiverCustName: 'Z', receiverAddress: 'Moda Cad. No:5', cityName: 'İstanbul', desi: '1', kg: '1', cargoCount: 1, ttInvoiceAmount: '1.00', ttDocumentId: 'HO778974C3' }
    expect(soapSchemaErrors('yurtici', envelope(old))).toMatch(/taxOfficeId|ttDocumentId/)
  })
})
