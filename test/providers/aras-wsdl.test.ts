import { describe, expect, it } from 'vitest'
import { buildSoapEnvelope, buildXml } from '../../src/core/provider-kit/index.js'
import { ARAS_NAMESPACE, toArasOrder } from '../../providers/aras/mapping.js'
import { soapSchemaErrors } from '../helpers/soap-schema.js'

const request = {
  shipper: { name: 'Mağaza', line1: 'Alemdağ Cad. No:1', city: 'İstanbul', country_code: 'TR' },
  recipient: { name: 'Ali Veli', phone: '+903121234567', line1: 'Kızılay Mah. Atatürk Blv. No:10', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
  parcels: [{ weight_kg: 1.2 }, { weight_kg: 3, desi: 4 }],
} as const
const login = { userName: 'U', password: 'P' }

const setOrder = (order: Record<string, unknown>) =>
  buildSoapEnvelope({ namespace: ARAS_NAMESPACE, elementForm: 'qualified', operation: 'SetOrder', params: { orderInfo: { Order: [order as never] }, ...login } })

const getQuery = (queryInfo: Record<string, string>) =>
  buildSoapEnvelope({
    namespace: ARAS_NAMESPACE,
    elementForm: 'qualified',
    operation: 'GetQueryJSON',
    params: { loginInfo: buildXml('LoginInfo', { UserName: 'q', Password: 'p', CustomerCode: '123' }), queryInfo: buildXml('QueryInfo', queryInfo) },
  })

describe('Aras request bodies against the documented types (xmllint --schema)', () => {
  it.each([
    ['plain', undefined],
    ['COD card', { amount: { amount: '75', currency: 'TRY' }, collection: 'card' }],
  ] as const)('SetOrder for a %s shipment is valid', (_name, cod) => {
    expect(soapSchemaErrors('aras-order', setOrder(toArasOrder({ ...request, cod } as never, 'KPR-AR-1', login)))).toBeNull()
  })

  it('the check fails for an Order without the required PayorTypeCode', () => {
    const { PayorTypeCode: _omitted, ...order } = toArasOrder(request as never, 'KPR-AR-1', login)
    expect(soapSchemaErrors('aras-order', setOrder(order))).toMatch(/Missing child element|PayorTypeCode/)
  })

  it('GetQueryJSON strings: movements by IntegrationCode are valid, a QueryInfo without QueryType is not', () => {
    expect(soapSchemaErrors('aras-query', getQuery({ QueryType: '9', IntegrationCode: 'KPR-AR-1' }))).toBeNull()
    expect(soapSchemaErrors('aras-query', getQuery({ IntegrationCode: 'KPR-AR-1' }))).toMatch(/queryInfo/)
  })
})
