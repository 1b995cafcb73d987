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
})
