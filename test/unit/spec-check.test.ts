import { describe, expect, it } from 'vitest'
import { parasutSpec, unavailableValues } from '../helpers/parasut-spec.js'
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

  describe('a YAML document read strictly (Paraşüt API V4)', () => {
    const parasut = parasutSpec()
    const archives = 'https://api.parasut.com/v4/627/e_archives'
    const post = (url: string, body: unknown) => ({ method: 'POST', url, contentType: 'application/json', body: JSON.stringify(body) })

    it('reports a body property the schema does not declare, or declares readOnly', () => {
      const declared = { data: { type: 'e_archives', attributes: { internet_sale: { payment_type: 'ODEMEARACISI' } }, relationships: { sales_invoice: { data: { id: '1', type: 'sales_invoices' } } } } }
      expect(parasut.check(post(archives, declared))).toEqual([])
      const note = { data: { ...declared.data, attributes: { note: 'x' } } }
      expect(parasut.check(post(archives, note))).toEqual(['POST /v4/{company_id}/e_archives: body/data/attributes/note is not declared'])
      const contact = { data: { type: 'contacts', attributes: { name: 'A', account_type: 'customer', balance: 5 } } }
      expect(parasut.check(post('https://api.parasut.com/v4/627/contacts', contact))).toEqual(['POST /v4/{company_id}/contacts: body/data/attributes/balance is readOnly'])
    })

    it('validates JSON bodies without coercion: a documented number sent as a string is reported', () => {
      const invoice = (unitPrice: unknown) => ({ data: { type: 'sales_invoices', attributes: { item_type: 'invoice', issue_date: '2026-12-03' }, relationships: { details: { data: [{ type: 'sales_invoice_details', attributes: { quantity: 1, unit_price: unitPrice, vat_rate: 20 } }] } } } })
      expect(parasut.check(post('https://api.parasut.com/v4/627/sales_invoices', invoice(12.5)))).toEqual([])
      expect(parasut.check(post('https://api.parasut.com/v4/627/sales_invoices', invoice('12.50')))[0]).toContain('unit_price must be number')
    })

    it('checks a recorded answer against the response schema of its status', () => {
      const job = (status: unknown, code = 201) => ({ ...post(archives, {}), answer: { status: code, body: { data: { id: '1', type: 'trackable_jobs', attributes: { status } } } } })
      expect(parasut.checkAnswer(job('running'))).toEqual([])
      expect(parasut.checkAnswer(job('pending'))[0]).toContain('must be equal to one of the allowed values')
      expect(parasut.checkAnswer(job('running', 202))).toEqual(['POST /v4/{company_id}/e_archives → 202: the document has no such status for this operation'])
    })

    it('include / sort values outside the "Available:" lists of the parameter descriptions are reported', () => {
      const get = (url: string) => unavailableValues({ method: 'GET', url: `https://api.parasut.com/v4${url}` })
      expect(get('/me?include=companies')).toEqual([])
      expect(get('/627/sales_invoices?include=active_e_document,contact&sort=-id&filter[issue_date]=2026-12-03')).toEqual([])
      expect(get('/627/sales_invoices?include=e_document&sort=-created_at')).toEqual([
        expect.stringContaining('include=e_document is not among'),
        expect.stringContaining('sort=created_at is not among'),
      ])
      expect(get('/627/contacts?sort=balance')).toEqual([])
    })
  })
})
