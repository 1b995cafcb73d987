import { createRoute, z } from '@hono/zod-openapi'
import { KopruError } from '../core/errors.js'
import type { GatewayServices } from '../core/services.js'
import { connectionHeader } from '../models/common.js'
import { AttachInvoiceRequest, InvoiceAttachment } from '../models/invoice.js'
import { problemResponses } from '../models/problem.js'
import { GatewayRoutes } from '../http/gateway-routes.js'

const attachInvoice = createRoute({
  operationId: 'attachOrderInvoice',
  method: 'post',
  path: '/v1/orders/{id}/invoice',
  tags: ['orders'],
  security: [{ tenantKey: [] }],
  summary: 'Send the invoice of an order (a package) to the marketplace: an invoice kopru issued, or any link',
  description:
    '`{invoice_id}` sends an issued kopru invoice (its number, PDF link and issue time); `{url, number, issued_at}` any other. ' +
    'Trendyol takes a seller invoice link, Hepsiburada an invoice for the package; other marketplaces answer 501.',
  request: {
    headers: connectionHeader,
    params: z.object({ id: z.string().min(1).max(128).openapi({ param: { name: 'id', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: AttachInvoiceRequest } } },
  },
  responses: {
    201: { description: 'Accepted by the marketplace', content: { 'application/json': { schema: InvoiceAttachment } } },
    ...problemResponses(400, 401, 404, 409, 429, 501, 502, 503, 504),
  },
})

export function orderInvoiceRoutes({ runner, accounting }: GatewayServices) {
  return new GatewayRoutes().openapi(attachInvoice, async (c) => {
    const tenantId = c.get('tenantId')
    const connectionId = c.req.valid('header')['kopru-connection-id']
    const orderId = c.req.valid('param').id
    const body = c.req.valid('json')
    // An unsupported marketplace is refused before the invoice is looked at.
    const connection = await runner.usable(tenantId, connectionId)
    if (!connection.provider.operations['invoices.attach']) {
      throw new KopruError('unsupported_operation', `${connection.provider.name} does not support invoices.attach`)
    }
    const invoice =
      'invoice_id' in body
        ? await accounting.attachable({ tenantId, id: body.invoice_id, orderConnectionId: connection.info.id, orderId, scope: c.get('scope') })
        : { url: body.url, number: body.number, issued_at: new Date(body.issued_at).toISOString() }
    const { result } = await runner.run(tenantId, connectionId, 'invoices.attach', { orderId, invoice }, c.get('scope'))
    return c.json(result, 201)
  })
}
