import { describe, expect, it } from 'vitest'
import { loadSpec } from '../helpers/spec-check.js'

describe('spec-check (requests against a provider document)', () => {
  const etsy = loadSpec('etsy/etsy_oas_3.0.0.json')
  const tracking = 'https://api.etsy.com/v3/application/shops/1/receipts/2/tracking'

  it('validates a form body against the form schema the operation declares', () => {
    expect(etsy.check({ method: 'POST', url: tracking, contentType: 'application/x-www-form-urlencoded', body: 'tracking_code=1Z&carrier_name=ups&send_bcc=true' })).toEqual([])
    expect(etsy.check({ method: 'POST', url: tracking, contentType: 'application/x-www-form-urlencoded', body: 'tracking_code=1Z&send_bcc=maybe' })[0]).toContain('send_bcc')
  })

  it('reports a body sent in a media type the operation does not take', () => {
    const problems = etsy.check({ method: 'POST', url: tracking, contentType: 'application/json', body: JSON.stringify({ tracking_code: '1Z', carrier_name: 'ups' }) })
    expect(problems).toEqual([expect.stringContaining('the document takes a form')])
    const put = 'https://api.etsy.com/v3/application/listings/5/inventory'
    expect(etsy.check({ method: 'PUT', url: put, contentType: 'application/x-www-form-urlencoded', body: 'products=1' })).toContainEqual(expect.stringContaining('the document takes JSON'))
  })

  it('reports a call of an operation the document marks deprecated', () => {
    const v0 = loadSpec('amazon/ordersV0.json')
    const getOrders = v0.check({ method: 'GET', url: 'https://sellingpartnerapi-na.amazon.com/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2026-01-01T00:00:00Z' })
    expect(getOrders).toEqual([expect.stringContaining('getOrders is deprecated in Selling Partner API for Orders v0')])
    const body = JSON.stringify({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z', shipDate: '2026-01-01T00:00:00Z', orderItems: [{ orderItemId: '1', quantity: 1 }] } })
    expect(v0.check({ method: 'POST', url: 'https://sellingpartnerapi-na.amazon.com/orders/v0/orders/111-1111111-1111111/shipmentConfirmation', contentType: 'application/json', body })).toEqual([])
  })
})
