import { createRoute, z } from '@hono/zod-openapi'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader, includeRawQuery, listQuery, pageOf, writeHeaders } from '../models/common.js'
import { CreateInvoiceRequest, Invoice, InvoicePdf, TaxIdLookup } from '../models/invoice.js'
import { problemResponses } from '../models/problem.js'
import { withRaw } from './unified.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const security = [{ tenantKey: [] }]
const failures = problemResponses(400, 401, 404, 409, 422, 429, 501, 502, 503, 504)
const ok = (description: string) => ({ description, content: { 'application/json': { schema: Invoice } } })
const idParam = z.object({ id: z.string().min(1).max(128).openapi({ param: { name: 'id', in: 'path' } }) })

const createInvoice = createRoute({
  operationId: 'createInvoice',
  method: 'post',
  path: '/v1/invoices',
  tags: ['invoices'],
  security,
  summary: 'Issue an invoice (e-Arşiv or e-Fatura) at the accounting connection, exactly once per Idempotency-Key',
  description:
    'From explicit net lines, or `from_order` (VAT-inclusive marketplace prices split into net + VAT to the kuruş). ' +
    'Issuance is asynchronous: the invoice answers `issuing` and moves to `issued` or `failed`, each change an ' +
    '`invoice.status_changed` event. Same key and body replays the first answer; another body is `idempotency_mismatch`.',
  request: {
    headers: writeHeaders('order-10900001-invoice'),
    body: { required: true, content: { 'application/json': { schema: CreateInvoiceRequest } } },
  },
  responses: { 201: ok('Submitted (or the replay of the first answer, with Idempotency-Replayed: true)'), ...failures },
})

const listInvoices = createRoute({
  operationId: 'listInvoices',
  method: 'get',
  path: '/v1/invoices',
  tags: ['invoices'],
  security,
  summary: 'Invoices issued through kopru, newest first (all accounting connections, or the one in Kopru-Connection-Id)',
  request: {
    headers: z.object({ 'kopru-connection-id': connectionHeader.shape['kopru-connection-id'].optional() }),
    query: z.object({ ...listQuery }),
  },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: pageOf(Invoice, 'InvoicePage') } } }, ...failures },
})

const getInvoice = createRoute({
  operationId: 'getInvoice',
  method: 'get',
  path: '/v1/invoices/{id}',
  tags: ['invoices'],
  security,
  summary: 'An invoice; while it is being issued, its state is asked of the provider',
  request: { params: idParam, query: z.object({ include: includeRawQuery }) },
  responses: { 200: ok('OK'), ...failures },
})

const cancelInvoice = createRoute({
  operationId: 'cancelInvoice',
  method: 'post',
  path: '/v1/invoices/{id}/cancel',
  tags: ['invoices'],
  security,
  summary: 'Cancel an invoice where the provider still allows it (e-Arşiv: within GİB’s cancellation period)',
  request: { params: idParam, query: z.object({ include: includeRawQuery }) },
  responses: { 200: ok('Cancelled'), ...failures },
})

const invoicePdf = createRoute({
  operationId: 'getInvoicePdf',
  method: 'get',
  path: '/v1/invoices/{id}/pdf',
  tags: ['invoices'],
  security,
  summary: 'Where the issued invoice’s PDF can be downloaded (the provider’s link, which may expire)',
  request: { params: idParam },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: InvoicePdf } } }, ...failures },
})

const lookupTaxId = createRoute({
  operationId: 'lookupTaxId',
  method: 'get',
  path: '/v1/tax-ids/{id}',
  tags: ['invoices'],
  security,
  summary: 'Whether a VKN/TCKN is a registered e-Fatura user (then it gets an e-Fatura, else an e-Arşiv invoice)',
  request: { headers: connectionHeader, params: idParam },
  responses: { 200: { description: 'OK', content: { 'application/json': { schema: TaxIdLookup } } }, ...failures },
})

export function invoiceRoutes({ accounting }: GatewayServices) {
  return new GatewayRoutes()
    .openapi(createInvoice, async (c) => {
      const headers = c.req.valid('header')
      const answer = await accounting.create({
        tenantId: c.get('tenantId'),
        connectionId: headers['kopru-connection-id'],
        idempotencyKey: headers['idempotency-key'],
        request: c.req.valid('json'),
        scope: c.get('scope'),
      })
      if (answer.replayed) c.header('Idempotency-Replayed', 'true')
      return c.json(answer.body as Invoice, 201)
    })
    .openapi(listInvoices, async (c) => {
      const query = c.req.valid('query')
      const page = await accounting.list({
        tenantId: c.get('tenantId'),
        connectionId: c.req.valid('header')['kopru-connection-id'],
        limit: query.limit,
        cursor: query.cursor,
      })
      return c.json(page, 200)
    })
    .openapi(getInvoice, async (c) => {
      const invoice = await accounting.get({ tenantId: c.get('tenantId'), id: c.req.valid('param').id, scope: c.get('scope') })
      return c.json(withRaw(invoice, c.req.valid('query').include), 200)
    })
    .openapi(cancelInvoice, async (c) => {
      const invoice = await accounting.cancel({ tenantId: c.get('tenantId'), id: c.req.valid('param').id, scope: c.get('scope') })
      return c.json(withRaw(invoice, c.req.valid('query').include), 200)
    })
    .openapi(invoicePdf, async (c) => {
      const pdf = await accounting.pdf({ tenantId: c.get('tenantId'), id: c.req.valid('param').id, scope: c.get('scope') })
      return c.json(pdf, 200)
    })
    .openapi(lookupTaxId, async (c) => {
      const lookup = await accounting.lookupTaxId({
        tenantId: c.get('tenantId'),
        connectionId: c.req.valid('header')['kopru-connection-id'],
        taxId: c.req.valid('param').id,
        scope: c.get('scope'),
      })
      return c.json(lookup, 200)
    })
}
